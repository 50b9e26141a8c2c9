/**
 * permute_labels (per task): every class c becomes π(c) for a random permutation π of the classes drawn from
 * deriveSeed(seed, 'permute_labels', phase, task), in training and test (Lyle et al. 2023's label-permuted tasks).
 */
import { deriveSeed, makeRng, permutation } from '../../core/seed.ts';
import { currentLabels, requireClassification } from '../pool.ts';
import type { Pool, SelectorImpl } from '../pool.ts';

function relabel(pool: Pool, pi: Int32Array): Pool {
  const labels = currentLabels(pool);
  for (let i = 0; i < labels.length; i++) labels[i] = pi[labels[i]!]!;
  return { ...pool, labels };
}

export const permuteLabels: SelectorImpl<'permute_labels'> = (_selector, state, ctx) => {
  requireClassification(ctx, 'permute_labels');
  const pi = permutation(ctx.dataset.outputs, makeRng(deriveSeed(ctx.seed, 'permute_labels', ctx.phase, ctx.task)));
  return { ...state, train: relabel(state.train, pi), test: relabel(state.test, pi) };
};
