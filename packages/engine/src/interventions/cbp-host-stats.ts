/**
 * Continual backprop's per-step statistics of a dense layer read from host arrays: the activations the host
 * training step (train/host-step.ts) computed, and the weights on the wasm heap. At batch 1 on benchmark 10 the
 * tfjs reductions (~10 kernels and 4 read-backs a step) cost several times the step itself.
 *
 * Bitwise the float32 values the tensor path reads back (continual-backprop.ts, units.ts): |x| is exact, the sums
 * follow tfjs-wasm's order (backend/host-reduce.ts), a product or difference is one float32 operation (Math.fround).
 * Where the heap cannot be read (another backend), the caller takes the tensor path.
 */
import type { HostActivations } from '../core/contracts.ts';

/** mean_r |h[r, j] − centre[j]| per feature j (tf.mean(tf.abs(tf.sub(h, centre)), 0)). */
export function meanAbsDeviation(h: HostActivations, centre: Float32Array): Float32Array {
  const width = centre.length;
  const out = new Float32Array(width);
  for (let r = 0; r < h.rows; r++) {
    for (let j = 0; j < width; j++) out[j] = out[j]! + Math.abs(Math.fround(h.values[r * width + j]! - centre[j]!));
  }
  for (let j = 0; j < width; j++) out[j] = out[j]! / h.rows;
  return out;
}
