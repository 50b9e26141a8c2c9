/**
 * Reductions of host float32 arrays with tfjs-wasm's summation order, for code that reads arrays instead of running
 * kernels (bias-sum.ts, train/host-step.ts, interventions/continual-backprop.ts): Sum and Mean over a
 * leading axis transpose first, then add each feature's values in row order from 0 in float32 (a Mean then divides
 * by the count); over the last axis they add in memory order. Storing into a Float32Array (or Math.fround) rounds
 * each addition once, as float32 addition does.
 */

/**
 * Per feature j: Σ_r x[r, j] (or |x[r, j]|) over rows, in row order, in float32; divided by the rows when `mean`.
 * Written into `out` (cleared first) when given, so a per-step caller allocates nothing.
 */
export function columnSums(x: Float32Array, rows: number, width: number, abs: boolean, mean: boolean, out: Float32Array = new Float32Array(width)): Float32Array {
  out.fill(0);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < width; j++) {
      const v = x[r * width + j]!;
      out[j] = out[j]! + (abs ? Math.abs(v) : v);
    }
  }
  if (mean) for (let j = 0; j < width; j++) out[j] = out[j]! / rows;
  return out;
}

/** Σ_k |w[j, k]| per row j of a [rows, cols] matrix (tf.sum(tf.abs(w), 1)). */
export function rowAbsSums(w: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows);
  for (let j = 0; j < rows; j++) {
    let s = 0;
    for (let k = 0; k < cols; k++) s = Math.fround(s + Math.abs(w[j * cols + k]!));
    out[j] = s;
  }
  return out;
}

/**
 * The index of row r's maximum in a [rows, k] array as tfjs's ArgMax kernels take it: the first of equal maxima,
 * compared with `>` from column 0 (so a NaN in column 0 wins, a NaN elsewhere never does).
 */
export function rowArgMax(v: ArrayLike<number>, r: number, k: number): number {
  let best = 0;
  let max = v[r * k]!;
  for (let j = 1; j < k; j++) {
    const x = v[r * k + j]!;
    if (x > max) {
      max = x;
      best = j;
    }
  }
  return best;
}
