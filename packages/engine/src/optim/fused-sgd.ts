/**
 * Plain SGD's update of one parameter, p = p - g·lr, as one C loop of the native accelerator on the wasm heap instead
 * of two tfjs kernels (Mul, Sub) with their launches and a fresh tensor each: at batch 1 on a tiny network (benchmark
 * 10) the update was ~11% of a step. Bitwise the kernel path's result: each operation is one correctly rounded
 * float32 operation in the same order (the C is compiled without FMA contraction), and lr is rounded to float32 as
 * the scalar tensor there is. Without the accelerator the kernels run as before (see fused-adam.ts for why there is
 * no JS loop by default).
 */
import type * as tf from '@tensorflow/tfjs-core';
import { activeAccel } from '../backend/accel.ts';
import { heapViews } from '../backend/heap.ts';
import { fusedUpdatesOn } from './fused-adam.ts';

/** Updates p in place from g; false (nothing changed) when the accelerator is off or the tensors are not on its heap. */
export function fusedSgdUpdate(p: tf.Tensor, g: tf.Tensor, lr: number): boolean {
  const accel = activeAccel();
  if (accel === null || !fusedUpdatesOn() || p.size !== g.size) return false;
  const views = heapViews([p], [g]);
  if (views === null) return false;
  const [P, G] = views as [Float32Array, Float32Array];
  accel.sgdUpdate(P, G, lr);
  return true;
}
