/**
 * One training step on one batch:
 *   forward → mean loss L = (1/k) Σ ℓ(x, y) (ℓ from diagnostics/loss.ts, shared with the loss/accuracy metrics)
 *   → gradients ∇θ L (tf.variableGrads) → penalties' adjustGrads (every_step interventions such as l2, l2_init)
 *   → optimizer.apply.
 * Returns the batch loss and number of correct predictions from the forward pass BEFORE the update (the online
 * metrics), and, when asked, the hidden activations of that pass (kept; the caller disposes them).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LossKind } from '@plas/dsl';
import '../backend/gradients.ts';
import type { Batch, Intervention, Model, Optimizer, RunContext } from '../core/contracts.ts';
import { exampleCorrect, exampleLosses } from '../diagnostics/loss.ts';

export interface StepResult {
  loss: number;
  /** Correct predictions in the batch; null for a regression. */
  correct: number | null;
  /** Hidden activations of the forward pass (only when `keepHidden`); the caller disposes them. */
  hidden: tf.Tensor[];
}

export interface StepParts {
  model: Model;
  optimizer: Optimizer;
  loss: LossKind;
  /** Every-step penalties, applied in order. */
  penalties: Intervention[];
  ctx: RunContext;
}

export function trainStep(parts: StepParts, batch: Batch, keepHidden: boolean): StepResult {
  const { model, optimizer, loss } = parts;
  const names = [...model.params.keys()];
  const vars = names.map((n) => model.params.get(n)!);
  let hidden: tf.Tensor[] = [];
  const { stats, grads } = tf.tidy(() => {
    let out: tf.Tensor2D | null = null;
    const { value, grads: byVar } = tf.variableGrads(() => {
      const r = model.forward(batch.x);
      out = tf.keep(r.output);
      if (keepHidden) hidden = r.hidden.map((h) => tf.keep(h));
      return tf.mean(exampleLosses(r.output, batch.y, loss)) as tf.Scalar;
    }, vars);
    const output = out as unknown as tf.Tensor2D;
    const hits = exampleCorrect(output, batch.y, loss);
    const stats = tf.stack([value, hits === null ? tf.scalar(-1) : tf.sum(hits)]);
    output.dispose();
    const grads: Record<string, tf.Tensor> = {};
    names.forEach((n, i) => {
      const g = byVar[vars[i]!.name];
      if (g) grads[n] = g;
    });
    return { stats, grads };
  });
  const [lossValue, correct] = stats.dataSync() as Float32Array;
  stats.dispose();
  const result: StepResult = { loss: lossValue!, correct: correct! < 0 ? null : correct!, hidden };
  if (!Number.isFinite(result.loss)) {
    tf.dispose(Object.values(grads));
    return result;
  }
  let current = grads;
  for (const p of parts.penalties) {
    const next = p.adjustGrads!(current, parts.ctx);
    const keep = new Set(Object.values(next));
    for (const t of Object.values(current)) if (!keep.has(t)) t.dispose();
    current = next;
  }
  optimizer.apply(current, model.params);
  tf.dispose(Object.values(current));
  return result;
}

/** The mean loss of `batch` under the current weights, without any update (NaN or an infinity when diverged). */
export function batchLoss(parts: Pick<StepParts, 'model' | 'loss'>, batch: Batch): number {
  const value = tf.tidy(() => tf.mean(exampleLosses(parts.model.forward(batch.x).output, batch.y, parts.loss)).dataSync()[0]);
  return value ?? Number.NaN;
}
