/**
 * random_labels(fraction) (per task): round(fraction · n) training examples, chosen at random, get a label drawn
 * uniformly from all classes (it may equal the old one); the rest keep theirs. Drawn from
 * deriveSeed(seed, 'random_labels', phase, task). fraction = 1 is Kumar et al. 2023's Random-Label MNIST. The test
 * set keeps its true labels.
 */
import { deriveSeed, makeRng, permutation } from '../../core/seed.ts';
import { checkFraction, currentLabels, poolSize, requireClassification } from '../pool.ts';
import type { SelectorImpl } from '../pool.ts';

export const randomLabels: SelectorImpl<'random_labels'> = (selector, state, ctx) => {
  requireClassification(ctx, 'random_labels');
  checkFraction('random_labels', selector.fraction, true);
  const n = poolSize(state.train);
  const rng = makeRng(deriveSeed(ctx.seed, 'random_labels', ctx.phase, ctx.task));
  const chosen = permutation(n, rng).subarray(0, Math.round(selector.fraction * n));
  const labels = currentLabels(state.train);
  for (const p of chosen) labels[p] = rng.int(ctx.dataset.outputs);
  return { ...state, train: { ...state.train, labels } };
};
