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
import type { Batch, HostActivations, Intervention, Model, Optimizer, RunContext } from '../core/contracts.ts';
import { meanCrossEntropy } from '../backend/cross-entropy.ts';
import { meanSquaredError } from '../backend/squared-error.ts';
import { withHeldTensors } from '../backend/held.ts';
import { rowArgMax } from '../backend/host-reduce.ts';
import { exampleCorrect, exampleLosses } from '../diagnostics/loss.ts';
import { hostTrainStep, type HostStepResult } from './host-step.ts';

export interface StepResult {
  loss: number;
  /** Correct predictions in the batch; null for a regression. */
  correct: number | null;
  /** Hidden activations of the forward pass (only when `keepHidden`); the caller disposes them. */
  hidden: tf.Tensor[];
  /** The same as host arrays, after a host step (host-step.ts); valid until the next step. */
  hostHidden?: HostActivations[];
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
  // Small SGD + squared-error MLPs: the same arithmetic on host arrays, without tfjs's per-kernel cost (host-step.ts)
  const host = hostTrainStep(parts, batch, keepHidden);
  if (host !== null) return { loss: host.loss, correct: hostCorrect(host, batch.y, parts.loss), hidden: host.hidden, hostHidden: host.hostHidden };
  const { model, optimizer, loss } = parts;
  const names = [...model.params.keys()];
  const vars = names.map((n) => model.params.get(n)!);
  let hidden: tf.Tensor[] = [];
  let output: tf.Tensor2D | null = null;
  const { value, grads } = tf.tidy(() => {
    // Held tensors (backend/held.ts) replace tfjs's copies for the backward pass; the kept hidden ones are the caller's.
    const { value, grads: byVar } = withHeldTensors(
      () =>
        tf.variableGrads(() => {
          const r = model.forward(batch.x);
          output = tf.keep(r.output);
          if (keepHidden) hidden = r.hidden.map((h) => tf.keep(h));
          // one fused op per loss (backend/cross-entropy.ts, squared-error.ts): bitwise tf.mean(exampleLosses(...))
          return loss === 'cross_entropy' ? meanCrossEntropy(r.output, batch.y) : meanSquaredError(r.output, batch.y);
        }, vars),
      // the output too: the squared error holds it for its gradient, and the correct count still reads it
      () => (output === null ? hidden : [...hidden, output]),
    );
    const grads: Record<string, tf.Tensor> = {};
    names.forEach((n, i) => {
      const g = byVar[vars[i]!.name];
      if (g) grads[n] = g;
    });
    return { value, grads };
  });
  const lossValue = value.dataSync()[0]!;
  value.dispose();
  const out = output as unknown as tf.Tensor2D;
  const correct = countCorrect(out, batch.y, loss);
  out.dispose();
  const result: StepResult = { loss: lossValue, correct, hidden };
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

/** countCorrect of a host step's output (a tensor is made only where a count exists: two or more outputs). */
function hostCorrect(host: HostStepResult, y: tf.Tensor, loss: LossKind): number | null {
  if (loss !== 'cross_entropy' && (y.rank !== 2 || (y.shape[1] ?? 1) < 2)) return null;
  const output = tf.tensor2d(host.output, [host.output.length / host.outputs, host.outputs]);
  try {
    return countCorrect(output, y, loss);
  } finally {
    output.dispose();
  }
}

/** The mean loss of `batch` under the current weights, without any update (NaN or an infinity when diverged). */
export function batchLoss(parts: Pick<StepParts, 'model' | 'loss'>, batch: Batch): number {
  const value = tf.tidy(() => tf.mean(exampleLosses(parts.model.forward(batch.x).output, batch.y, parts.loss)).dataSync()[0]);
  return value ?? Number.NaN;
}

/**
 * exampleCorrect's count. For int32 class labels it is read on the host (rowArgMax: the arg-max as tfjs's ArgMax
 * kernels take it), which spares ~7 kernel launches.
 */
function countCorrect(output: tf.Tensor2D, y: tf.Tensor, loss: LossKind): number | null {
  if (loss !== 'cross_entropy' || y.dtype !== 'int32') {
    const hits = exampleCorrect(output, y, loss);
    if (hits === null) return null;
    const count = tf.tidy(() => tf.sum(hits).dataSync()[0]!);
    hits.dispose();
    return count;
  }
  const [n, k] = output.shape;
  const logits = output.dataSync() as Float32Array;
  const labels = y.dataSync() as Int32Array;
  let count = 0;
  for (let i = 0; i < n; i++) if (rowArgMax(logits, i, k) === labels[i]) count++;
  return count;
}
