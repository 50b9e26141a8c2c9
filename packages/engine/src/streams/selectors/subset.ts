/**
 * subset(fraction): round(fraction · n) examples of the current pool, fixed per seed (the same in every task and
 * phase for the same pool): the first k of a permutation drawn from deriveSeed(seed, 'subset', n), kept in pool
 * order. Smaller fractions of the same pool are nested: subset(0.25) ⊂ subset(0.5). The test set is unchanged.
 */
import { deriveSeed, makeRng, permutation } from '../../core/seed.ts';
import { DataError } from '../../data/index.ts';
import { checkFraction, poolSize, takePositions } from '../pool.ts';
import type { SelectorImpl } from '../pool.ts';

export const subset: SelectorImpl<'subset'> = (selector, state, ctx) => {
  checkFraction('subset', selector.fraction, false);
  const n = poolSize(state.train);
  const k = Math.round(selector.fraction * n);
  if (k < 1) throw new DataError(`subset(${selector.fraction}) of ${n} examples is empty`);
  const order = permutation(n, makeRng(deriveSeed(ctx.seed, 'subset', n)));
  const positions = order.slice(0, k).sort();
  return { ...state, train: takePositions(state.train, positions) };
};
