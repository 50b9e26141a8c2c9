/**
 * When R cells can train as one stack: only where a stacked step gives each cell its lone results bit for bit
 * (the native accelerator on wasm, whose batched GEMM is one sgemm per cell), and only cells that differ in nothing
 * but their values: same MLP, data shape, optimiser and hyper-parameters, and (Adam) the same step count.
 */
import * as tf from '@tensorflow/tfjs-core';
import { activeAccel } from '../backend/accel.ts';
import type { Model, Optimizer } from '../core/contracts.ts';
import { hasStepCounts } from '../optim/adam.ts';

export interface StackCell {
  model: Model;
  optimizer: Optimizer;
}

/** Cells that cannot be stacked, or a backend that cannot stack; the message says which and why. */
export class StackError extends Error {
  override name = 'StackError';
}

/**
 * Why this backend cannot stack, or null when it can. Plain wasm's 3-D BatchMatMul runs another kernel than its
 * 2-D one (not XNNPACK's), which neither sums in the single-cell order nor runs fast (toolchain.md: 13x slower).
 */
export function stackingUnavailableReason(): string | null {
  if (tf.getBackend() !== 'wasm') return `stacking runs on the wasm backend with the native accelerator; the backend is ${tf.getBackend()}`;
  if (activeAccel() === null) {
    return 'stacking needs the native accelerator (@plas/accel): plain wasm multiplies a stack of matrices with another kernel than a single one, so a stacked cell would not reproduce its lone results bit for bit';
  }
  return null;
}

const shapeKey = (s: readonly number[]): string => `[${s.join(', ')}]`;

/** The first reason `cells` cannot form one stack, or null. */
export function cellsMismatch(cells: readonly StackCell[]): string | null {
  const head = cells[0];
  if (!head) return 'a stack needs at least one cell';
  const { model, optimizer } = head;
  if (model.spec.kind !== 'mlp') return `only MLPs stack; cell 0 is a ${model.spec.kind}`;
  const spec = JSON.stringify(model.spec);
  const hyper = JSON.stringify(optimizer.hyper);
  for (const [i, c] of cells.entries()) {
    if (cells.indexOf(c) !== i) return `cell ${i} is listed twice`;
    if (JSON.stringify(c.model.spec) !== spec) return `cell ${i}'s model ${JSON.stringify(c.model.spec)} differs from cell 0's ${spec}`;
    if (shapeKey(c.model.inputShape) !== shapeKey(model.inputShape) || c.model.outputs !== model.outputs) {
      return `cell ${i}'s data shape ${shapeKey(c.model.inputShape)} → ${c.model.outputs} differs from cell 0's ${shapeKey(model.inputShape)} → ${model.outputs}`;
    }
    if (c.optimizer.kind !== optimizer.kind || JSON.stringify(c.optimizer.hyper) !== hyper) {
      return `cell ${i}'s optimiser ${c.optimizer.kind} ${JSON.stringify(c.optimizer.hyper)} differs from cell 0's ${optimizer.kind} ${hyper}`;
    }
    for (const [name, p] of model.params) {
      const q = c.model.params.get(name);
      if (!q || shapeKey(q.shape) !== shapeKey(p.shape)) return `cell ${i}'s parameter '${name}' is missing or shaped differently`;
      if (optimizer.kind === 'adam') {
        if (!hasStepCounts(c.optimizer)) return `cell ${i}'s Adam does not expose its step counts`;
        const t = c.optimizer.stepCount(name);
        if (t === null) return `cell ${i}'s Adam counts steps per element for '${name}' (units were restarted); a stack shares one count`;
        const t0 = hasStepCounts(optimizer) ? optimizer.stepCount(name) : null;
        if (t !== t0) return `cell ${i}'s Adam is at step ${t} for '${name}', cell 0's at ${t0}; a stack shares one count`;
      }
    }
  }
  return null;
}
