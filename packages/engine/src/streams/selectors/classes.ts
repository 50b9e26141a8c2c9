/** classes([c, ...]): only the examples whose current label is one of the listed classes, in training and test. */
import { DataError } from '../../data/index.ts';
import { filterByLabel, poolSize, requireClassification } from '../pool.ts';
import type { SelectorContext, SelectorImpl } from '../pool.ts';

/** Throw unless every class exists in the data set. */
export function checkClasses(what: string, classes: number[], ctx: SelectorContext): void {
  const k = ctx.dataset.outputs;
  for (const c of classes) {
    if (!Number.isInteger(c) || c < 0 || c >= k) {
      throw new DataError(`${what}: class ${c} does not exist (the data set has ${k} classes: 0..${k - 1})`);
    }
  }
}

export const classes: SelectorImpl<'classes'> = (selector, state, ctx) => {
  const what = `classes([${selector.classes.join(', ')}])`;
  requireClassification(ctx, what);
  if (selector.classes.length === 0) throw new DataError(`${what}: no classes listed`);
  checkClasses(what, selector.classes, ctx);
  const keep = new Set(selector.classes);
  const train = filterByLabel(state.train, (l) => keep.has(l));
  if (poolSize(train) === 0) throw new DataError(`${what}: no training examples of these classes`);
  return { ...state, train, test: filterByLabel(state.test, (l) => keep.has(l)) };
};
