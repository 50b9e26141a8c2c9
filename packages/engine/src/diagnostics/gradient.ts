/**
 * The full-batch gradient of the mean loss over a data set, accumulated over row chunks:
 *
 *   ∇L(θ) = (1/N) Σ_{n=1..N} ∇ℓ(x_n, y_n; θ) = Σ_chunks (1/N) ∇ Σ_{n ∈ chunk} ℓ(x_n, y_n; θ)
 *
 * with ℓ from `loss.ts`. The result maps every parameter name of `model.params` to a tensor of its shape (zeros
 * for a parameter the loss does not depend on); the caller disposes it. Nothing of the model is changed.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LossKind } from '@plas/dsl';
import type { Batch, Model } from '../core/contracts.ts';
import { batchSize, forEachChunk } from './chunks.ts';
import { exampleLosses } from './loss.ts';
import '../backend/gradients.ts';

export type ParamTensors = Map<string, tf.Tensor>;

export function lossGradient(model: Model, loss: LossKind, data: Batch): ParamTensors {
  const n = batchSize(data);
  const names = [...model.params.keys()];
  const vars = names.map((name) => model.params.get(name)!);
  let acc: tf.Tensor[] = vars.map((v) => tf.zerosLike(v));
  forEachChunk(data, (chunk) => {
    const next = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(
        () => tf.div(tf.sum(exampleLosses(model.forward(chunk.x).output, chunk.y, loss)), n) as tf.Scalar,
        vars,
      );
      value.dispose();
      return vars.map((v, i) => {
        const g = grads[v.name];
        return g === undefined ? acc[i]!.clone() : tf.add(acc[i]!, g);
      });
    });
    tf.dispose(acc);
    acc = next;
  });
  return new Map(names.map((name, i) => [name, acc[i]!]));
}

/** Σ over parameters of ⟨a, b⟩ (a flat dot product over all of θ), summed in float64 for accuracy. */
export function dot(a: ParamTensors, b: ParamTensors): number {
  let total = 0;
  for (const [name, t] of a) {
    const u = t.dataSync();
    const v = b.get(name)!.dataSync();
    for (let i = 0; i < u.length; i++) total += u[i]! * v[i]!;
  }
  return total;
}

/** ||a||₂ over all parameters together. */
export function norm(a: ParamTensors): number {
  return Math.sqrt(dot(a, a));
}

export function disposeAll(a: ParamTensors): void {
  for (const t of a.values()) t.dispose();
}
