/**
 * Task streams: the stream of phases and repeated tasks in a cell, as lazy views over a Dataset, and the samplers
 * that batch them.
 */
import type { StreamItem } from '@plas/dsl';
import type { Dataset } from '../data/index.ts';

export interface Gathered {
  x: Float32Array;
  y: Int32Array | Float32Array;
}

export interface TaskView {
  phase: string;
  /** Repeat tasks 0..count-1; a plain phase is task 0. */
  task: number;
  item: StreamItem;
  /** Size of the task's training pool (an epoch = n examples). */
  n: number;
  /** Training examples at positions `indices` of the pool (0..n-1), every transform applied. */
  gather(indices: Int32Array | number[]): Gathered;
  /** Test set under the task's input/label transforms (permute_pixels, permute_labels, classes, class_incremental); NOT random_labels/label_noise. */
  test: { n: number; gather(indices: Int32Array | number[]): Gathered };
}

export function taskViews(dataset: Dataset, stream: StreamItem[], seed: number): Iterable<TaskView> {
  void dataset;
  void stream;
  void seed;
  throw new Error('taskViews: not implemented yet');
}

export interface Sampler {
  /** The next batch of pool positions; epochEnded is true on the batch that completes an epoch. */
  next(): { indices: Int32Array; epochEnded: boolean };
}

export function makeSampler(view: TaskView, opts: { batch: number; seed: number; totalSteps: number }): Sampler {
  void view;
  void opts;
  throw new Error('makeSampler: not implemented yet');
}
