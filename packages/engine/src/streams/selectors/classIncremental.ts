/**
 * class_incremental(perTask): task i sees only the classes [i·perTask, (i+1)·perTask), in training and test
 * (e.g. Split-MNIST with perTask = 2). A task past the last class is an error.
 */
import { DataError } from '../../data/index.ts';
import { filterByLabel, poolSize, requireClassification } from '../pool.ts';
import type { SelectorImpl } from '../pool.ts';

export const classIncremental: SelectorImpl<'class_incremental'> = (selector, state, ctx) => {
  const { perTask } = selector;
  const what = `class_incremental(${perTask})`;
  requireClassification(ctx, what);
  const k = ctx.dataset.outputs;
  if (!Number.isInteger(perTask) || perTask < 1) throw new DataError(`${what}: perTask must be a positive integer`);
  const lo = ctx.task * perTask;
  const hi = lo + perTask;
  if (hi > k) {
    throw new DataError(`${what}: task ${ctx.task} needs classes ${lo}..${hi - 1} but the data set has ${k} classes (0..${k - 1})`);
  }
  const keep = (l: number): boolean => l >= lo && l < hi;
  const train = filterByLabel(state.train, keep);
  if (poolSize(train) === 0) throw new DataError(`${what}: task ${ctx.task} has no training examples of classes ${lo}..${hi - 1}`);
  return { ...state, train, test: filterByLabel(state.test, keep) };
};
