/**
 * permute_pixels (per task): a fixed random permutation of pixel positions for each task, the same for training and
 * test, from deriveSeed(seed, 'permute_pixels', phase, task) (Goodfellow et al. 2013; Kumar et al. 2023's Permuted
 * MNIST). The channels of a pixel move together ([H, W, C] permutes H·W positions; [dim] permutes dims). Nothing is
 * copied: the permutation is applied when a batch is gathered. Repeated permutations compose.
 */
import { deriveSeed, makeRng, permutation } from '../../core/seed.ts';
import type { Pool, SelectorImpl } from '../pool.ts';

/** out[j] = in[perm[j]] over whole examples, for a permutation of pixel positions with `channels` values each. */
export function pixelPermutation(shape: number[], seed: number): Int32Array {
  const channels = shape.length === 3 ? shape[2]! : 1;
  const positions = shape.reduce((a, b) => a * b, 1) / channels;
  const p = permutation(positions, makeRng(seed));
  const perm = new Int32Array(positions * channels);
  for (let j = 0; j < positions; j++) for (let c = 0; c < channels; c++) perm[j * channels + c] = p[j]! * channels + c;
  return perm;
}

function compose(pool: Pool, perm: Int32Array): Pool {
  const before = pool.featurePerm;
  if (!before) return { ...pool, featurePerm: perm };
  // x2[j] = x1[perm[j]] = x0[before[perm[j]]]
  return { ...pool, featurePerm: perm.map((p) => before[p]!) };
}

export const permutePixels: SelectorImpl<'permute_pixels'> = (_selector, state, ctx) => {
  const perm = pixelPermutation(ctx.dataset.inputShape, deriveSeed(ctx.seed, 'permute_pixels', ctx.phase, ctx.task));
  return { ...state, train: compose(state.train, perm), test: compose(state.test, perm) };
};
