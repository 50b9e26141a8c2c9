/**
 * A pool is a lazy view of one split of a Dataset: which rows it holds (in order), their current labels when a
 * selector changed them, and a feature permutation applied when examples are gathered. Nothing here copies
 * inputs: `gatherPool` builds only the requested batch.
 */
import type { Selector } from '@plas/dsl';
import { DataError } from '../data/index.ts';
import type { Dataset, Split } from '../data/index.ts';

export interface Pool {
  split: Split;
  /** Row in `split` of each pool position. */
  rows: Int32Array;
  /** Current class label of each pool position, or null when they are the split's own labels. */
  labels: Int32Array | null;
  /** out[j] = in[featurePerm[j]] for every example, or null for none. */
  featurePerm: Int32Array | null;
}

export interface SmoothMix {
  gamma: number;
  /** The earlier pool examples are drawn from with probability 1 - p(n). */
  from: Pool;
}

/** What a pipeline of selectors works on: the training pool, the matching test pool, and an optional smooth mix. */
export interface StreamState {
  train: Pool;
  test: Pool;
  smooth: SmoothMix | null;
}

/** Where a selector is applied: every random draw is derived from (seed, purpose, phase, task). */
export interface SelectorContext {
  dataset: Dataset;
  seed: number;
  phase: string;
  task: number;
  /** Apply a nested pipeline (for selectors such as smooth that hold one). */
  run(selectors: Selector[], state: StreamState): StreamState;
}

export type SelectorImpl<K extends Selector['kind']> = (
  selector: Extract<Selector, { kind: K }>,
  state: StreamState,
  ctx: SelectorContext,
) => StreamState;

export function fullPool(split: Split): Pool {
  const rows = new Int32Array(split.n);
  for (let i = 0; i < split.n; i++) rows[i] = i;
  return { split, rows, labels: null, featurePerm: null };
}

export function poolSize(pool: Pool): number {
  return pool.rows.length;
}

/** The current labels of every position (a copy the caller may change). */
export function currentLabels(pool: Pool): Int32Array {
  if (pool.labels) return pool.labels.slice();
  const y = pool.split.y as Int32Array;
  const out = new Int32Array(pool.rows.length);
  for (let i = 0; i < out.length; i++) out[i] = y[pool.rows[i]!]!;
  return out;
}

/** The pool restricted to `positions` (in the given order). */
export function takePositions(pool: Pool, positions: Int32Array): Pool {
  const rows = new Int32Array(positions.length);
  const labels = pool.labels ? new Int32Array(positions.length) : null;
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i]!;
    rows[i] = pool.rows[p]!;
    if (labels) labels[i] = pool.labels![p]!;
  }
  return { ...pool, rows, labels };
}

/** The positions whose current label satisfies `keep`, in pool order. */
export function filterByLabel(pool: Pool, keep: (label: number) => boolean): Pool {
  const labels = currentLabels(pool);
  const positions: number[] = [];
  for (let i = 0; i < labels.length; i++) if (keep(labels[i]!)) positions.push(i);
  return takePositions(pool, Int32Array.from(positions));
}

/** Throw unless the data set has class labels (label selectors make no sense for regression). */
export function requireClassification(ctx: SelectorContext, what: string): void {
  if (ctx.dataset.kind !== 'classification') {
    throw new DataError(`${what} needs a classification data set, but ${ctx.dataset.id} is a regression`);
  }
}

/** Throw unless 0 < fraction ≤ 1 (or 0 ≤ fraction when `allowZero`). */
export function checkFraction(what: string, fraction: number, allowZero: boolean): void {
  const ok = Number.isFinite(fraction) && fraction <= 1 && (allowZero ? fraction >= 0 : fraction > 0);
  if (!ok) {
    const range = allowZero ? '[0, 1]' : '(0, 1]';
    const extra = fraction > 1 ? ': a subset cannot be larger than the data' : '';
    throw new DataError(`${what}: fraction must be in ${range}, got ${fraction}${extra}`);
  }
}

export interface Gathered {
  x: Float32Array;
  y: Int32Array | Float32Array;
}

/** Copy the examples at `positions` of `pool` into `x`/`y` starting at example `at`. */
export function gatherInto(
  pool: Pool,
  positions: ArrayLike<number>,
  shape: { size: number; outputs: number },
  x: Float32Array,
  y: Int32Array | Float32Array,
  at: number,
): void {
  const { size, outputs } = shape;
  const perm = pool.featurePerm;
  const src = pool.split.x;
  const regression = pool.split.y instanceof Float32Array;
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i]!;
    if (!Number.isInteger(p) || p < 0 || p >= pool.rows.length) {
      throw new RangeError(`gather: index ${p} is outside the pool of ${pool.rows.length} examples`);
    }
    const row = pool.rows[p]!;
    const o = (at + i) * size;
    const b = row * size;
    if (perm) for (let j = 0; j < size; j++) x[o + j] = src[b + perm[j]!]!;
    else x.set(src.subarray(b, b + size), o);
    if (regression) {
      for (let k = 0; k < outputs; k++) y[(at + i) * outputs + k] = pool.split.y[row * outputs + k]!;
    } else {
      y[at + i] = pool.labels ? pool.labels[p]! : pool.split.y[row]!;
    }
  }
}
