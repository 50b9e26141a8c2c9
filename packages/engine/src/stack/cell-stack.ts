/**
 * R cells of one MLP architecture trained as one: their parameters and optimiser state stacked along a leading
 * axis, one forward/backward/update for all R, so tfjs's per-kernel cost is paid once per step instead of R
 * times. Each cell gets its own batch ([R, B, ...] inputs) and its own mean loss; the cells share nothing else.
 *
 * Each cell's results are bitwise those of the same cell trained alone with trainStep (test/stack.test.ts): the
 * GEMMs are the same sgemm calls per slice, every other op is elementwise or reduces within one cell in the same
 * order, and the update is the same elementwise loop with the same step count.
 *
 * While stacked, a cell's own Model and Optimizer are stale: `sync` writes the stack's values back into them (for
 * measurement), `release` does that and takes the cell out. A cell whose loss is not finite is released by `step`
 * before the update, with its state as before the step (as trainStep leaves a diverged cell); the others go on.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LossKind, OptimizerSpec } from '@plas/dsl';
import type { Batch, Optimizer } from '../core/contracts.ts';
import { exampleCorrect, exampleLosses } from '../diagnostics/loss.ts';
import { planArchitecture, type Architecture } from '../models/architecture.ts';
import { firstStepCount, hasStepCounts } from '../optim/adam.ts';
import { createOptimizer } from '../optim/index.ts';
import { cellsMismatch, stackingUnavailableReason, StackError, type StackCell } from './check.ts';
import { stackedForward } from './forward.ts';

/** Every cell's batch, stacked: x [R, B, ...inputShape], y [R, B] class indices (or [R, B, outputs] targets). */
export type StackedBatch = Batch;

export interface StackStepResult {
  /** The members at the step, in stack order; the arrays below follow it. */
  cells: StackCell[];
  /** Each cell's mean batch loss before the update. */
  loss: number[];
  /** Correct predictions per cell; null for a regression. */
  correct: (number | null)[];
  /** Cells whose loss was not finite: not updated and no longer in the stack. */
  diverged: StackCell[];
}

/** A stacked parameter's shape: [R, ...shape] for kernels, [R, 1, n] for 1-D parameters (broadcast over the batch). */
function stackedShape(r: number, shape: readonly number[]): number[] {
  return shape.length === 1 ? [r, 1, shape[0]!] : [r, ...shape];
}

function optimizerSpec(o: Optimizer): OptimizerSpec {
  const h = o.hyper;
  switch (o.kind) {
    case 'sgd':
      return { kind: 'sgd', lr: h['lr']! };
    case 'momentum':
      return { kind: 'momentum', lr: h['lr']!, momentum: h['momentum']!, nesterov: h['nesterov'] === 1 };
    case 'adam':
      return { kind: 'adam', lr: h['lr']!, beta1: h['beta1']!, beta2: h['beta2']!, eps: h['eps']! };
  }
}

export class CellStack {
  private members: StackCell[] = [];
  private readonly arch: Architecture;
  private params = new Map<string, tf.Variable>();
  private optimizer: Optimizer | null = null;
  /** Every member's own state equals its row of the stack (no step since the stack was built or written back). */
  private current = true;

  /** Takes `cells` into one stack; a StackError says why they cannot be (backend, or how they differ). */
  constructor(
    cells: readonly StackCell[],
    private readonly loss: LossKind,
  ) {
    const why = stackingUnavailableReason() ?? cellsMismatch(cells);
    if (why !== null) throw new StackError(why);
    const { spec, inputShape, outputs } = cells[0]!.model;
    this.arch = planArchitecture(spec, inputShape, outputs);
    this.build([...cells]);
  }

  get cells(): readonly StackCell[] {
    return this.members;
  }

  get size(): number {
    return this.members.length;
  }

  /** One training step of every cell on its own batch (trainStep's semantics per cell). */
  step(batch: StackedBatch): StackStepResult {
    const r = this.members.length;
    if (r === 0) throw new StackError('the stack is empty: every cell has left it');
    if (batch.x.shape[0] !== r || batch.y.shape[0] !== r) {
      throw new StackError(`a stacked batch must lead with the ${r} cells: got x [${batch.x.shape.join(', ')}], y [${batch.y.shape.join(', ')}]`);
    }
    const names = [...this.params.keys()];
    const vars = names.map((n) => this.params.get(n)!);
    const lookup = (name: string): tf.Tensor => {
      const v = this.params.get(name);
      if (!v) throw new Error(`stack has no parameter '${name}'`);
      return v;
    };
    const loss = this.loss;
    const { stats, grads } = tf.tidy(() => {
      let out: tf.Tensor2D | null = null;
      let perCell: tf.Tensor1D | null = null;
      const b = batch.x.shape[1]!;
      const y = tf.reshape(batch.y, [r * b, ...batch.y.shape.slice(2)]);
      const x = tf.reshape(batch.x, [r, b, batch.x.size / (r * b)]); // off the tape (forward.ts)
      const { grads: byVar } = tf.variableGrads(() => {
        const logits = stackedForward(this.arch, lookup, x);
        const flat = tf.reshape(logits, [r * b, logits.shape[2]]) as tf.Tensor2D;
        out = tf.keep(flat);
        // each cell's mean over its own batch; their sum's gradient is 1 for every cell, as a lone cell's mean has
        perCell = tf.keep(tf.mean(tf.reshape(exampleLosses(flat, y, loss), [r, b]), 1) as tf.Tensor1D);
        return tf.sum(perCell) as tf.Scalar;
      }, vars);
      const hits = exampleCorrect(out as unknown as tf.Tensor2D, y, loss);
      const correct = hits === null ? tf.fill([r], -1) : tf.sum(tf.reshape(hits, [r, b]), 1);
      const stats = tf.concat([perCell as unknown as tf.Tensor1D, correct as tf.Tensor1D]);
      tf.dispose([out as unknown as tf.Tensor, perCell as unknown as tf.Tensor]); // kept out of the gradient scope
      const grads: Record<string, tf.Tensor> = {};
      names.forEach((n, i) => {
        const g = byVar[vars[i]!.name];
        if (g) grads[n] = g;
      });
      return { stats, grads };
    });
    const values = stats.dataSync() as Float32Array;
    stats.dispose();
    const cells = [...this.members];
    const lossValues = cells.map((_, i) => values[i]!);
    const correct = cells.map((_, i) => (values[r + i]! < 0 ? null : values[r + i]!));
    const keep = cells.flatMap((_, i) => (Number.isFinite(lossValues[i]) ? [i] : []));
    const diverged = cells.filter((_, i) => !Number.isFinite(lossValues[i]));
    let current = grads;
    if (diverged.length > 0) {
      current = keep.length === 0 ? {} : tf.tidy(() => Object.fromEntries(Object.entries(grads).map(([n, g]) => [n, tf.gather(g, keep, 0)])));
      tf.dispose(Object.values(grads));
      this.rebuild(keep.map((i) => cells[i]!));
    }
    if (keep.length > 0) {
      this.optimizer!.apply(current, this.params);
      this.current = false;
    }
    tf.dispose(Object.values(current));
    return { cells, loss: lossValues, correct, diverged };
  }

  /** Write the stack's parameters and optimiser state back into every cell's own Model and Optimizer. */
  sync(): void {
    if (!this.current) this.writeBackAll();
  }

  /** Take `cell` out of the stack, its own Model and Optimizer up to date; the others stay stacked. */
  release(cell: StackCell): StackCell {
    const i = this.members.indexOf(cell);
    if (i < 0) throw new StackError('release: that cell is not in this stack');
    this.rebuild(this.members.filter((c) => c !== cell));
    return cell;
  }

  /** Add cells (same architecture, optimiser and step count as the stack's); they train stacked from the next step. */
  join(cells: readonly StackCell[]): void {
    const all = [...this.members, ...cells];
    this.sync();
    const why = cellsMismatch(all);
    if (why !== null) throw new StackError(why);
    this.rebuild(all);
  }

  /** Adam's step count, which the stack's cells share (null for an optimiser without one, or an empty stack). */
  stepCount(): number | null {
    return this.optimizer === null ? null : firstStepCount(this.optimizer, this.params.keys());
  }

  /** Write the stack's values back into `cell`'s own Model and Optimizer (before measuring it); it stays stacked. */
  syncCell(cell: StackCell): void {
    const i = this.members.indexOf(cell);
    if (i < 0) throw new StackError('syncCell: that cell is not in this stack');
    // all members at once: the cells of a group measure at the same steps, so the others' turn comes next
    this.sync();
  }

  /** Every cell, up to date, and an empty stack. */
  releaseAll(): StackCell[] {
    const cells = [...this.members];
    this.rebuild([]);
    return cells;
  }

  /** Frees the stack's tensors; the cells keep their (possibly stale, see sync) own state. */
  dispose(): void {
    this.free();
    this.members = [];
  }

  /** Write back every member, then stack `cells` (their own state is current) afresh. */
  private rebuild(cells: StackCell[]): void {
    this.sync();
    this.free();
    this.build(cells);
  }

  private free(): void {
    tf.dispose([...this.params.values()]);
    this.params.clear();
    this.optimizer?.dispose();
    this.optimizer = null;
  }

  private build(cells: StackCell[]): void {
    this.members = cells;
    this.current = true;
    const r = cells.length;
    if (r === 0) return;
    const first = cells[0]!;
    for (const [name, p] of first.model.params) {
      const value = tf.tidy(() => tf.reshape(tf.stack(cells.map((c) => c.model.params.get(name)!)), stackedShape(r, p.shape)));
      this.params.set(name, tf.variable(value, true));
      value.dispose();
    }
    const shapes = new Map([...this.params].map(([n, v]) => [n, { shape: v.shape }]));
    const optimizer = createOptimizer(optimizerSpec(first.optimizer), shapes);
    Object.assign(optimizer.hyper, first.optimizer.hyper);
    for (const [name, p] of first.model.params) {
      for (const [slot, v] of Object.entries(optimizer.slots(name))) {
        tf.tidy(() => v.assign(tf.reshape(tf.stack(cells.map((c) => c.optimizer.slots(name)[slot]!)), stackedShape(r, p.shape))));
      }
      if (hasStepCounts(optimizer) && hasStepCounts(first.optimizer)) optimizer.setStepCount(name, first.optimizer.stepCount(name) ?? 0);
    }
    this.optimizer = optimizer;
  }

  /**
   * Every member's own parameters, optimiser slots, step count and hyper-parameters set to its row of the stack.
   * Each stacked tensor is read back once for all members (tfjs-wasm's Slice and Gather copy element by element,
   * per row: ~50x slower here); the copies are exact, so nothing changes by a bit.
   */
  private writeBackAll(): void {
    const optimizer = this.optimizer;
    const r = this.members.length;
    if (optimizer !== null && r > 0) {
      const rows = (t: tf.Tensor): Float32Array[] => {
        const all = t.dataSync() as Float32Array;
        const n = all.length / r;
        return this.members.map((_, i) => all.subarray(i * n, (i + 1) * n));
      };
      for (const [name, stacked] of this.params) {
        const shape = this.members[0]!.model.params.get(name)!.shape;
        rows(stacked).forEach((row, i) => tf.tidy(() => this.members[i]!.model.params.get(name)!.assign(tf.tensor(row, shape))));
        for (const [slot, v] of Object.entries(optimizer.slots(name))) {
          rows(v).forEach((row, i) => tf.tidy(() => this.members[i]!.optimizer.slots(name)[slot]!.assign(tf.tensor(row, shape))));
        }
        for (const cell of this.members) {
          if (hasStepCounts(optimizer) && hasStepCounts(cell.optimizer)) cell.optimizer.setStepCount(name, optimizer.stepCount(name) ?? 0);
        }
      }
      for (const cell of this.members) Object.assign(cell.optimizer.hyper, optimizer.hyper);
    }
    this.current = true;
  }
}
