/**
 * Adam's per-element step counts (adam.ts, after continual backprop restarted some units' steps) take few distinct
 * values: one per restart time, shared by every element of the units restarted then. The bias corrections
 * lr / (1 - β1^t) and √(1 - β2^t) depend on t alone, so they are computed once per distinct count, with the same
 * float32 kernels, and copied to every element: the same values as computing them for
 * each of an MLP's 90,000 elements, where tfjs-wasm's Pow alone took 3 ms a step (two thirds of a continual-backprop
 * cell of benchmark 08).
 *
 * Which elements share a count changes only when steps are restarted (`invalidate`), so the grouping is read from
 * the counts then and otherwise kept: every count grows by one a step, and so does each group's (float32 t + 1).
 */
import * as tf from '@tensorflow/tfjs-core';
import { filledOnHeap } from '../backend/heap.ts';

export interface BiasCorrections {
  /** lr / (1 - β1^t), per element, in the parameter's shape. */
  stepSize: tf.Tensor;
  /** √(1 - β2^t), per element. */
  sqrtBc2: tf.Tensor;
}

export class StepGroups {
  /** Each element's group, and each group's count; null until read from the counts. */
  private index: Int32Array | null = null;
  private counts: Float32Array | null = null;

  /** The grouping must be read again (some elements' counts were set apart from the rest). */
  invalidate(): void {
    this.index = null;
    this.counts = null;
  }

  /**
   * The corrections for this step, given the per-element counts after this step's increment. `scalar` gives the
   * step's shared scalar tensors; the results belong to the caller (call inside a tidy).
   */
  corrections(steps: tf.Tensor, scalar: (v: number) => tf.Scalar, hyper: { lr: number; beta1: number; beta2: number }): BiasCorrections {
    if (this.index === null || this.counts === null) this.read(steps);
    else for (let g = 0; g < this.counts.length; g++) this.counts[g] = Math.fround(this.counts[g]! + 1);
    const t = tf.tensor1d(this.counts!, 'float32');
    const one = scalar(1);
    // the kernel path's formulas (adam.ts), per group
    const stepSize = tf.div(scalar(hyper.lr), tf.sub(one, tf.pow(scalar(hyper.beta1), t)));
    const sqrtBc2 = tf.sqrt(tf.sub(one, tf.pow(scalar(hyper.beta2), t)));
    const index = this.index!;
    // spread on the host: tfjs-wasm's Gather over 90,000 indices cost more than the Pow it replaced
    const spread = (perGroup: tf.Tensor): tf.Tensor => {
      const values = perGroup.dataSync() as Float32Array;
      const fill = (out: Float32Array): void => {
        for (let i = 0; i < out.length; i++) out[i] = values[index[i]!]!;
      };
      const onHeap = filledOnHeap(steps.shape, fill);
      if (onHeap !== null) return onHeap;
      const host = new Float32Array(index.length);
      fill(host);
      return tf.tensor(host, steps.shape, 'float32');
    };
    return { stepSize: spread(stepSize), sqrtBc2: spread(sqrtBc2) };
  }

  private read(steps: tf.Tensor): void {
    const values = steps.dataSync() as Float32Array;
    const groupOf = new Map<number, number>();
    const index = new Int32Array(values.length);
    const counts: number[] = [];
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      let g = groupOf.get(v);
      if (g === undefined) {
        g = counts.length;
        groupOf.set(v, g);
        counts.push(v);
      }
      index[i] = g;
    }
    this.index = index;
    this.counts = Float32Array.from(counts);
  }
}
