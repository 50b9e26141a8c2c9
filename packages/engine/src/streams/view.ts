/**
 * Task views: each phase of a stream is one task (task 0); a `repeat N tasks` is N tasks (0..N-1). A view is
 * built only when the iterator reaches it, and it holds index arrays, never copied inputs, so a 1,000-task stream
 * costs nothing up front and little per task. Every random choice comes from (seed, phase name, task index).
 */
import type { StreamItem } from '@plas/dsl';
import { exampleSize } from '../data/index.ts';
import type { Dataset } from '../data/index.ts';
import { fullPool, gatherInto, poolSize } from './pool.ts';
import type { Gathered, Pool, StreamState } from './pool.ts';
import { applyPipeline } from './selectors/index.ts';

export interface TaskView {
  phase: string;
  /** Repeat tasks 0..count-1; a plain phase is task 0. */
  task: number;
  item: StreamItem;
  /** Size of the task's training pool (an epoch = n examples). */
  n: number;
  /** Training examples at pool positions `indices`, every transform applied. With smooth, positions
   * n..n+smooth.fromN-1 address the `from` pool. `into`: arrays to write over, each where its size (and, for y, its
   * type) fits, e.g. an earlier call's (a training loop reuses them instead of leaving ~0.4 MB of garbage a step; the
   * caller must be done with what they held). */
  gather(indices: Int32Array | number[], into?: Partial<Gathered>): Gathered;
  /** Test set under the task's input/label transforms (permute_pixels, permute_labels, classes,
   * class_incremental); NOT random_labels/label_noise. */
  test: { n: number; gather(indices: Int32Array | number[]): Gathered };
  /** True when the training pool is a time-ordered stream to visit in order (the data set's `ordered`). */
  ordered: boolean;
  /** Set by smooth(gamma, from): the `from` pool lives at positions fromOffset..fromOffset+fromN-1. */
  smooth: { gamma: number; fromOffset: number; fromN: number } | null;
  dataset: Dataset;
}

function gatherer(dataset: Dataset, pools: Pool[]): (indices: Int32Array | number[], into?: Partial<Gathered>) => Gathered {
  const size = exampleSize(dataset.inputShape);
  const outputs = dataset.outputs;
  const regression = dataset.kind === 'regression';
  const offsets: number[] = [];
  let total = 0;
  for (const p of pools) {
    offsets.push(total);
    total += poolSize(p);
  }
  return (indices, into) => {
    const k = indices.length;
    const ySize = regression ? k * outputs : k;
    // every element is written below, so arrays of the right sizes can be reused as they are
    const x = into?.x !== undefined && into.x.length === k * size ? into.x : new Float32Array(k * size);
    const yFits = into?.y !== undefined && into.y.length === ySize && into.y instanceof Float32Array === regression;
    const y = yFits ? into.y! : regression ? new Float32Array(ySize) : new Int32Array(ySize);
    if (pools.length === 1) {
      gatherInto(pools[0]!, indices, { size, outputs }, x, y, 0);
      return { x, y };
    }
    for (let i = 0; i < k; i++) {
      const idx = indices[i]!;
      let which = pools.length - 1;
      while (which > 0 && idx < offsets[which]!) which--;
      if (idx < 0 || idx >= total) throw new RangeError(`gather: index ${idx} is outside the ${total} addressable examples`);
      gatherInto(pools[which]!, [idx - offsets[which]!], { size, outputs }, x, y, i);
    }
    return { x, y };
  };
}

/** Build the view of one task of one stream item. */
export function makeTaskView(dataset: Dataset, item: StreamItem, task: number, seed: number): TaskView {
  const initial: StreamState = { train: fullPool(dataset.train), test: fullPool(dataset.test), smooth: null };
  const state = applyPipeline(item.data, initial, { dataset, seed, phase: item.name, task });
  const n = poolSize(state.train);
  const pools = state.smooth ? [state.train, state.smooth.from] : [state.train];
  return {
    phase: item.name,
    task,
    item,
    n,
    gather: gatherer(dataset, pools),
    test: { n: poolSize(state.test), gather: gatherer(dataset, [state.test]) },
    ordered: dataset.ordered,
    smooth: state.smooth ? { gamma: state.smooth.gamma, fromOffset: n, fromN: poolSize(state.smooth.from) } : null,
    dataset,
  };
}

function taskCount(item: StreamItem): number {
  return item.kind === 'repeat' ? item.count : 1;
}

/** Every task of the stream, in order, built lazily. */
export function* taskViews(dataset: Dataset, stream: StreamItem[], seed: number): Generator<TaskView> {
  for (const item of stream) {
    for (let task = 0; task < taskCount(item); task++) yield makeTaskView(dataset, item, task, seed);
  }
}

/**
 * Build the first and last task of every item once, so that a bad selector (unknown class, too-large subset, a
 * stage past the end) fails before training starts. Throws the first DataError.
 */
export function checkStream(dataset: Dataset, stream: StreamItem[], seed: number): void {
  for (const item of stream) {
    const count = taskCount(item);
    makeTaskView(dataset, item, 0, seed);
    if (count > 1) makeTaskView(dataset, item, count - 1, seed);
  }
}
