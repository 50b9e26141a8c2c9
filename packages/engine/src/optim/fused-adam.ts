/**
 * Adam's update of one parameter as a single loop over the wasm heap, in place, instead of ~12 tfjs kernels (each
 * with its launch cost and a fresh output). Bitwise the same as the kernel path in adam.ts: every operation is
 * rounded to float32 in the same order, with the same float32-rounded constants as the scalar tensors there.
 *   - with the native accelerator: its C loop (compiled without FMA contraction), any size;
 *   - without: a JS loop (Math.fround after each +, ×, ÷, √ of float32 operands computed in float64 is the correctly
 *     rounded float32 result) for small tensors only: measured, it beats ~12 kernel launches on biases but is
 *     slower than wasm's SIMD kernels on a 784×100 kernel (1.1 vs 0.7 ms for an MLP's six parameters).
 */
import type * as tf from '@tensorflow/tfjs-core';
import { activeAccel } from '../backend/accel.ts';
import { heapViews } from '../backend/heap.ts';

/** Largest parameter the JS loop takes (elements). */
const JS_LOOP_MAX = 4096;

export interface AdamConstants {
  beta1: number;
  beta2: number;
  eps: number;
  /** lr / (1 - β1^t) */
  stepSize: number;
  /** √(1 - β2^t) */
  sqrtBc2: number;
}

const f = Math.fround;

let fusedOn = true;
let jsLoopOn = false;

/** Allow the JS loop on plain wasm (off by default, see fusedAdamUpdate); for its tests and investigation only. */
export function setJsLoop(on: boolean): void {
  jsLoopOn = on;
}

/**
 * Turn the fused paths (Adam's here and SGD's, fused-sgd.ts) off (true: on, the default); tests and benchmarks
 * compare them with the kernel path.
 */
export function setFusedUpdates(on: boolean): void {
  fusedOn = on;
}

/** Whether the fused paths are on (read by fused-sgd.ts). */
export function fusedUpdatesOn(): boolean {
  return fusedOn;
}

/** Updates p, m, v in place from g; false (nothing changed) when the tensors are not exclusively on the wasm heap. */
export function fusedAdamUpdate(p: tf.Tensor, m: tf.Tensor, v: tf.Tensor, g: tf.Tensor, c: AdamConstants): boolean {
  if (!fusedOn || p.size !== g.size || m.size !== p.size || v.size !== p.size) return false;
  const accel = activeAccel();
  // The JS loop is off by default: in real training (an MLP 784-16-16-10 on Fashion-MNIST) it changed plain wasm's
  // results from the first epoch and, over 250 epochs, collapsed a warm-start cell to chance accuracy, although the
  // 25-step unit test finds it bitwise equal; until that is understood, plain wasm keeps its kernel path (bit for
  // bit as before the fused update existed). The accelerator's C loop is unaffected.
  if (accel === null && (!jsLoopOn || p.size > JS_LOOP_MAX)) return false;
  const views = heapViews([p, m, v], [g]);
  if (views === null) return false;
  const [P, M, V, G] = views as [Float32Array, Float32Array, Float32Array, Float32Array];
  if (accel !== null) {
    accel.adamUpdate(P, M, V, G, c.beta1, 1 - c.beta1, c.beta2, 1 - c.beta2, c.sqrtBc2, c.eps, c.stepSize);
    return true;
  }
  const b1 = f(c.beta1);
  const ob1 = f(1 - c.beta1);
  const b2 = f(c.beta2);
  const ob2 = f(1 - c.beta2);
  const bc2 = f(c.sqrtBc2);
  const eps = f(c.eps);
  const step = f(c.stepSize);
  for (let i = 0; i < P.length; i++) {
    const gi = G[i]!;
    const mi = f(f(M[i]! * b1) + f(gi * ob1));
    const vi = f(f(V[i]! * b2) + f(f(gi * gi) * ob2));
    M[i] = mi;
    V[i] = vi;
    const denom = f(f(f(Math.sqrt(vi)) / bc2) + eps);
    P[i] = f(P[i]! - f(f(mi / denom) * step));
  }
  return true;
}
