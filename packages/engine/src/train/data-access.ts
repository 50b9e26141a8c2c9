/**
 * The data a run context hands to diagnostics and interventions: `sampleTrain(size)` and `dataset(name, maxSize)`.
 *
 *   sampleTrain(size)     the first min(size, n) positions of a permutation of the current task's pool, seeded by
 *                         (cell seed, phase, task, step): reproducible, equal across arms at the same position
 *   dataset('train', m)   the current task's training pool; 'test' its test set (the task's input/label transforms);
 *                         a phase name: that phase's training pool (its latest task seen, else its first)
 *   maxSize < n           a fixed seeded subset (seeded by the name and n), so repeated measurements compare alike
 *
 * Gathered arrays are cached for the current task (evaluations repeat); every call returns fresh tensors that
 * belong to the caller. `forEachChunk` hands out the same data set in evaluation chunks and keeps them, uploaded, for
 * the task (up to KEEP_BYTES in all): a test set measured every epoch is uploaded once per task, not once per
 * measurement (before, each evaluation uploaded it, read it back and uploaded it again chunk by chunk).
 */
import type { LossKind, StreamItem } from '@plas/dsl';
import * as tf from '@tensorflow/tfjs-core';
import type { Batch, Position } from '../core/contracts.ts';
import { consume, forEachChunk, hostChunks } from '../diagnostics/chunks.ts';
import { exampleSize } from '../data/index.ts';
import { deriveSeed, makeRng, permutation } from '../core/seed.ts';
import type { Dataset } from '../data/index.ts';
import { makeTaskView } from '../streams/index.ts';
import type { TaskView } from '../streams/index.ts';
import { toBatch } from './batches.ts';
import type { Gathered } from './batches.ts';

/** Bytes of evaluation chunks kept per run at most (beyond: cut and freed per call, as before). */
export const KEEP_BYTES = 128 * 1024 * 1024;

interface Source {
  n: number;
  gather(indices: Int32Array | number[]): Gathered;
}

export class DataAccess {
  private current: TaskView | null = null;
  private readonly latest = new Map<string, TaskView>();
  private cache = new Map<string, Gathered>();
  private kept = new Map<string, Batch[]>();
  private keptBytes = 0;

  constructor(
    private readonly data: Dataset,
    private readonly stream: StreamItem[],
    private readonly loss: LossKind,
    private readonly seed: number,
    /** Bytes of evaluation chunks kept at most (tests lower it). */
    private readonly keepBytes: number = KEEP_BYTES,
  ) {}

  setTask(view: TaskView): void {
    this.current = view;
    this.latest.set(view.phase, view);
    this.cache = new Map();
    this.dropKept();
  }

  /** `dataset(name, maxSize)` in evaluation chunks, kept for the task when they fit; `fn` must not dispose them. */
  forEachChunk(name: string, maxSize: number, fn: (chunk: Batch, start: number) => void): void {
    const key = `${name}#${maxSize}`;
    let chunks = this.kept.get(key);
    if (!chunks) {
      const gathered = this.gathered(name, maxSize);
      const bytes = gathered.x.length * 4 + this.labelBytes(gathered);
      if (this.keptBytes + bytes > this.keepBytes) {
        consume(toBatch(gathered, this.data, this.loss), (batch) => forEachChunk(batch, fn));
        return;
      }
      // cut from the host arrays: the rows forEachChunk would cut from the uploaded set, without uploading the whole
      // set and reading it back first
      chunks = hostChunks(gathered, exampleSize(this.data.inputShape)).map((g) => toBatch(g, this.data, this.loss));
      // kept past the scope of a tf.tidy that may wrap this measurement
      for (const c of chunks) {
        tf.keep(c.x);
        tf.keep(c.y);
      }
      this.kept.set(key, chunks);
      this.keptBytes += bytes;
    }
    let start = 0;
    for (const chunk of chunks) {
      fn(chunk, start);
      start += chunk.x.shape[0] ?? 0;
    }
  }

  /** Free the kept chunks (at a new task, and when the run ends). */
  dropKept(): void {
    for (const chunks of this.kept.values()) for (const c of chunks) tf.dispose([c.x, c.y]);
    this.kept = new Map();
    this.keptBytes = 0;
  }

  view(): TaskView {
    if (!this.current) throw new Error('no task is active yet');
    return this.current;
  }

  sampleTrain(size: number, at: Position): Batch {
    const view = this.view();
    const k = Math.max(0, Math.min(Math.floor(size), view.n));
    const order = permutation(view.n, makeRng(deriveSeed(this.seed, 'sample_train', at.phase, at.task, at.step)));
    return toBatch(view.gather(order.subarray(0, k)), this.data, this.loss);
  }

  dataset(name: string, maxSize: number): Batch {
    return toBatch(this.gathered(name, maxSize), this.data, this.loss);
  }

  /** Bytes of a data set's targets as uploaded: labels, or one-hot rows for the squared error. */
  private labelBytes(g: Gathered): number {
    const oneHot = this.data.kind === 'classification' && this.loss === 'squared_error';
    return (oneHot ? g.y.length * this.data.outputs : g.y.length) * 4;
  }

  /** `dataset(name, maxSize)`'s examples as host arrays, cached for the task. */
  private gathered(name: string, maxSize: number): Gathered {
    const key = `${name}#${maxSize}`;
    let g = this.cache.get(key);
    if (!g) {
      const source = this.source(name);
      const k = Math.max(0, Math.min(Math.floor(maxSize), source.n));
      const indices =
        k === source.n
          ? Int32Array.from({ length: k }, (_, i) => i)
          : permutation(source.n, makeRng(deriveSeed(this.seed, 'dataset', name, source.n))).subarray(0, k);
      g = source.gather(indices);
      this.cache.set(key, g);
    }
    return g;
  }

  private source(name: string): Source {
    const view = this.view();
    if (name === 'train') return view;
    if (name === 'test') return view.test;
    const seen = this.latest.get(name);
    if (seen) return seen;
    const item = this.stream.find((s) => s.name === name);
    if (!item) {
      const names = ['train', 'test', ...this.stream.map((s) => s.name)];
      throw new Error(`unknown data set '${name}' (known: ${names.join(', ')})`);
    }
    const built = makeTaskView(this.data, item, 0, this.seed);
    this.latest.set(name, built);
    return built;
  }
}
