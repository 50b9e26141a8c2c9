/**
 * How a cell's training loop takes a step. Alone (`aloneStepper`) it is trainStep. In a group (`StepGate`), the
 * cells of one worker train in lockstep: each asks for its step and waits; once every cell of the group is waiting
 * (or has finished), the gate runs one stacked step (stack/cell-stack.ts) for the cells at the same task, optimiser
 * step count and batch shape, and trainStep for any cell left alone. A stacked step gives each cell its lone results bit for bit
 * (test/stack.test.ts, test/train/step-gate.test.ts), so a cell's record does not depend on its company.
 *
 * While a cell is stacked its own Model and Optimizer are stale: the loop calls `sync` before reading them
 * (a measurement, an `until` check) and `detach` before changing them (an intervention) and at every task's end.
 * A detached cell joins a new stack at its next step. Cells whose loss is not finite leave the stack un-updated,
 * as trainStep leaves a diverged cell. A stack never steps again once a cell has left it, so the one write-back
 * after its last step (CellStack.sync, all cells at once) finds every cell still holding its stacked state.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Batch } from '../core/contracts.ts';
import { firstStepCount } from '../optim/adam.ts';
import { CellStack } from '../stack/cell-stack.ts';
import { cellsMismatch } from '../stack/check.ts';
import { stackKey } from '../stack/stackable.ts';
import type { Run } from './setup.ts';
import { trainStep, type StepParts, type StepResult } from './step.ts';

export interface Stepper {
  /** One training step of `run` on `batch` (trainStep's semantics). */
  step(run: Run, parts: StepParts, batch: Batch, keepHidden: boolean): Promise<StepResult>;
  /** Bring `run`'s own Model and Optimizer up to date before they are read; the cell stays stacked. */
  sync(run: Run): void;
  /** Take `run` out of its stack, its own state up to date, before that state is changed (or its task ends). */
  detach(run: Run): void;
  /** `run` (null when it never got set up) has finished: the others no longer wait for it. */
  exit(run: Run | null): void;
}

/** One cell at a time: every step is trainStep; nothing is ever stale. */
export const aloneStepper: Stepper = {
  step: (_run, parts, batch, keepHidden) => Promise.resolve(trainStep(parts, batch, keepHidden)),
  sync: () => {},
  detach: () => {},
  exit: () => {},
};

interface Request {
  run: Run;
  parts: StepParts;
  batch: Batch;
  keepHidden: boolean;
  resolve: (result: StepResult) => void;
  reject: (error: unknown) => void;
}

export class StepGate implements Stepper {
  private readonly pending = new Map<Run, Request>();
  /** Every live stack, and the one each stacked cell trains in (a cell alone has none). */
  private readonly stacks = new Set<CellStack>();
  private readonly attached = new Map<Run, CellStack>();
  /** Stacked steps taken, and cell-steps they stood for (for tests and the curious). */
  readonly counts = { stackedSteps: 0, stackedCellSteps: 0, aloneSteps: 0 };

  /** `active`: the cells of the group; each must end with `exit`. */
  constructor(private active: number) {}

  step(run: Run, parts: StepParts, batch: Batch, keepHidden: boolean): Promise<StepResult> {
    return new Promise<StepResult>((resolve, reject) => {
      this.pending.set(run, { run, parts, batch, keepHidden, resolve, reject });
      this.fireIfAllWait();
    });
  }

  sync(run: Run): void {
    this.attached.get(run)?.syncCell(run);
  }

  detach(run: Run): void {
    const stack = this.attached.get(run);
    if (!stack) return;
    stack.syncCell(run);
    this.attached.delete(run);
  }

  exit(run: Run | null): void {
    this.active--;
    // runCell detaches a cell before freeing it; should one still be attached, drop it without a write-back
    if (run) this.attached.delete(run);
    this.prune();
    this.fireIfAllWait();
  }

  private fireIfAllWait(): void {
    if (this.pending.size === 0 || this.pending.size < this.active) return;
    // When an `until` ends a task earlier for some cells, those that restart their optimiser's step count wait
    // for the cells behind them in the stream, so that all start the next task together, at one count, in one
    // stack; a cell whose count still matches those behind steps on (it stays in step with them). Waiting changes
    // no cell's results, only when its steps run.
    const placed = [...this.pending.values()].map((request) => ({ request, place: this.placeOf(request) }));
    const behind = Math.min(...placed.map(({ place }) => place?.ordinal ?? Infinity));
    const behindCounts = new Set(placed.filter(({ place }) => place?.ordinal === behind).map(({ place }) => place!.count));
    const groups = new Map<string, Request[]>();
    for (const { request, place } of placed) {
      if (place !== null && place.ordinal !== behind && !behindCounts.has(place.count)) continue; // waits
      this.pending.delete(request.run);
      if (place === null) {
        this.alone(request);
        continue;
      }
      const group = groups.get(place.key);
      if (group) group.push(request);
      else groups.set(place.key, [request]);
    }
    for (const group of groups.values()) {
      try {
        this.stepGroup(group);
      } catch (error) {
        for (const r of group) r.reject(error);
      }
    }
    this.prune();
  }

  private alone(request: Request): void {
    this.detach(request.run);
    this.counts.aloneSteps++;
    try {
      request.resolve(trainStep(request.parts, request.batch, request.keepHidden));
    } catch (error) {
      request.reject(error);
    }
  }

  /**
   * Where a stackable request stands: its stream position (phase index, task) as one ordinal, its optimiser step
   * count (a stack shares Adam's; a stacked cell's own count is stale, its stack's is current), and the key of the
   * requests it can share a stack with (same cell key, task and count); null: it always steps alone.
   */
  private placeOf(request: Request): { ordinal: number; count: number | null; key: string } | null {
    const { run, keepHidden, parts } = request;
    const cellKey = cellKeyOf(run);
    if (keepHidden || parts.penalties.length > 0 || cellKey === null) return null;
    const stack = this.attached.get(run);
    const count = stack ? stack.stepCount() : firstStepCount(run.optimizer, run.model.params.keys());
    const { phase, task } = run.position;
    const ordinal = run.cell.stream.findIndex((i) => i.name === phase) * 1e6 + task;
    return { ordinal, count, key: [phase, task, String(count), cellKey].join('\u0000') };
  }
  private stepGroup(group: Request[]): void {
    const shape = (r: Request): string => `${r.batch.x.shape.join(',')};${r.batch.y.shape.join(',')}`;
    if (group.some((r) => shape(r) !== shape(group[0]!))) {
      // batches of different sizes (one cell at its epoch's short last batch) cannot share a step
      for (const r of group) this.alone(r);
      return;
    }
    const runs = group.map((r) => r.run);
    let stack = this.attached.get(runs[0]!);
    const same = stack !== undefined && stack.size === runs.length && runs.every((r) => this.attached.get(r) === stack);
    if (!same) {
      // the group's cells leave their stacks with their state (a stack left empty is freed by prune) and stack anew
      stack = undefined;
      for (const r of runs) this.detach(r);
      if (runs.length >= 2 && cellsMismatch(runs) === null) {
        stack = new CellStack(runs, runs[0]!.cell.loss);
        this.stacks.add(stack);
        for (const r of runs) this.attached.set(r, stack);
      }
    }
    if (!stack) {
      for (const r of group) this.alone(r);
      return;
    }
    const byRun = new Map(group.map((r) => [r.run, r]));
    const order = stack.cells.map((c) => byRun.get(c as Run)!);
    const x = tf.stack(order.map((r) => r.batch.x));
    const y = tf.stack(order.map((r) => r.batch.y));
    let result;
    try {
      result = stack.step({ x, y });
    } finally {
      tf.dispose([x, y]);
    }
    this.counts.stackedSteps++;
    this.counts.stackedCellSteps += order.length;
    for (const d of result.diverged) this.attached.delete(d as Run);
    result.cells.forEach((c, i) => byRun.get(c as Run)!.resolve({ loss: result.loss[i]!, correct: result.correct[i]!, hidden: [] }));
  }

  /** Frees stacks no cell trains in any more (all detached or finished). */
  private prune(): void {
    const used = new Set(this.attached.values());
    for (const stack of this.stacks) {
      if (used.has(stack)) continue;
      stack.dispose();
      this.stacks.delete(stack);
    }
  }
}

const cellKeys = new WeakMap<object, string | null>();

function cellKeyOf(run: Run): string | null {
  let key = cellKeys.get(run.cell);
  if (key === undefined) {
    key = stackKey(run.cell);
    cellKeys.set(run.cell, key);
  }
  return key;
}
