/**
 * label_noise(fraction) (fixed per seed): round(fraction · N) rows of the whole training split, chosen once from
 * deriveSeed(seed, 'label_noise', fraction), get a wrong label: label + o (mod K) with a per-row offset
 * o ∈ {1..K-1} drawn uniformly, so the new label always differs from the current one. A row keeps its noisy label
 * in every phase and task; a pool holds about `fraction` noisy examples. The test set keeps its true labels.
 */
import { deriveSeed, makeRng, permutation } from '../../core/seed.ts';
import { checkFraction, currentLabels, requireClassification } from '../pool.ts';
import type { SelectorImpl } from '../pool.ts';

/** Per training row, the offset added to its label (0 = clean). */
export function noiseOffsets(rows: number, classes: number, fraction: number, seed: number): Int32Array {
  const rng = makeRng(deriveSeed(seed, 'label_noise', fraction));
  const offsets = new Int32Array(rows);
  const chosen = permutation(rows, rng).subarray(0, Math.round(fraction * rows));
  for (const r of chosen) offsets[r] = 1 + rng.int(classes - 1);
  return offsets;
}

export const labelNoise: SelectorImpl<'label_noise'> = (selector, state, ctx) => {
  requireClassification(ctx, 'label_noise');
  checkFraction('label_noise', selector.fraction, true);
  const k = ctx.dataset.outputs;
  const offsets = noiseOffsets(state.train.split.n, k, selector.fraction, ctx.seed);
  const labels = currentLabels(state.train);
  for (let i = 0; i < labels.length; i++) labels[i] = (labels[i]! + offsets[state.train.rows[i]!]!) % k;
  return { ...state, train: { ...state.train, labels } };
};
