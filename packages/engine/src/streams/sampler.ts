/**
 * Samplers turn a task view into batches of pool positions.
 *  - epochs (default): each epoch a fresh permutation from deriveSeed(seed, 'epoch', e); batches in order; the last,
 *    partial batch of an epoch is kept; `epochEnded` is true on the batch that completes the epoch.
 *  - ordered data (slowly-changing regression): positions 0, 1, 2, ... in order, no shuffling, wrapping around.
 *  - smooth(gamma, from) (Berariu et al.): at step n of N = totalSteps each example is drawn, with replacement, from
 *    all data with probability p(n) = 1 - gamma^(50 n / N), otherwise from the `from` pool; an epoch is n examples.
 */
import { deriveSeed, makeRng, permutation } from '../core/seed.ts';
import { smoothProbability } from './selectors/index.ts';
import type { TaskView } from './view.ts';

export interface Sampler {
  /** The next batch of pool positions; epochEnded is true on the batch that completes an epoch. */
  next(): { indices: Int32Array; epochEnded: boolean };
}

export interface SamplerOptions {
  batch: number;
  seed: number;
  /** The phase's planned number of steps (N in smooth's p(n)); unused otherwise. */
  totalSteps: number;
}

function epochSampler(n: number, batch: number, seed: number): Sampler {
  let epoch = 0;
  let order = permutation(n, makeRng(deriveSeed(seed, 'epoch', epoch)));
  let at = 0;
  return {
    next() {
      const end = Math.min(at + batch, n);
      const indices = order.slice(at, end);
      at = end;
      const epochEnded = at === n;
      if (epochEnded) {
        epoch++;
        order = permutation(n, makeRng(deriveSeed(seed, 'epoch', epoch)));
        at = 0;
      }
      return { indices, epochEnded };
    },
  };
}

function orderedSampler(n: number, batch: number): Sampler {
  let at = 0;
  return {
    next() {
      const end = Math.min(at + batch, n);
      const indices = new Int32Array(end - at);
      for (let i = 0; i < indices.length; i++) indices[i] = at + i;
      at = end === n ? 0 : end;
      return { indices, epochEnded: end === n };
    },
  };
}

function smoothSampler(view: TaskView, smooth: NonNullable<TaskView['smooth']>, opts: SamplerOptions): Sampler {
  const rng = makeRng(deriveSeed(opts.seed, 'smooth'));
  let step = 0;
  let examples = 0;
  return {
    next() {
      const p = smoothProbability(step, opts.totalSteps, smooth.gamma);
      const indices = new Int32Array(opts.batch);
      for (let i = 0; i < opts.batch; i++) {
        indices[i] = rng.next() < p ? rng.int(view.n) : smooth.fromOffset + rng.int(smooth.fromN);
      }
      step++;
      const before = Math.floor(examples / view.n);
      examples += opts.batch;
      return { indices, epochEnded: Math.floor(examples / view.n) > before };
    },
  };
}

export function makeSampler(view: TaskView, opts: SamplerOptions): Sampler {
  if (!Number.isInteger(opts.batch) || opts.batch < 1) throw new RangeError(`batch must be a positive integer, got ${opts.batch}`);
  if (view.n < 1) throw new RangeError(`task '${view.phase}' ${view.task} has no training examples`);
  if (view.smooth) return smoothSampler(view, view.smooth, opts);
  if (view.ordered) return orderedSampler(view.n, opts.batch);
  return epochSampler(view.n, opts.batch, opts.seed);
}
