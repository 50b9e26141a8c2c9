/**
 * How much training a suite file asks for, before running it: cells (arms x sweep points x seeds) and training
 * steps per cell, from the IR alone. Used by `pnpm bench --plan` and by the test that keeps every quick profile
 * under its budget. It is an upper bound where the IR gives one: an `until` duration counts as its `max`.
 *
 * Steps of a phase or task = epochs x ceil(pool / batch) (or the stated steps / examples), where the pool is the
 * training-set size after the phase's selectors: subset(fraction) keeps `fraction`, classes(list) keeps
 * |list| / classes, class_incremental keeps perTask / classes, multi_stage stage i (0-based) of S keeps (i+1) / S
 * (Berariu App. A.3: stage i holds the uniform share and the class groups of stages 0..i), and every other
 * selector keeps the pool size.
 */
import { expandCells, type CellSpec, type DataSpec, type Duration, type ExperimentIR, type Selector, type StreamItem } from '@plas/dsl';

export interface Plan {
  /** Cells = arms x sweep points x seeds. */
  cells: number;
  /** Training steps of the longest cell. */
  stepsPerCell: number;
  totalSteps: number;
}

/** Classes of a data source (regression sources count as one). */
export function classCount(data: DataSpec): number {
  switch (data.kind) {
    case 'gaussian_mixture':
      return data.classes;
    case 'slowly_changing_regression':
      return 1;
    default:
      return 10;
  }
}

/** Fraction of the training pool a pipeline keeps, for task index `task`. */
export function poolFraction(selectors: readonly Selector[], classes: number, task: number): number {
  let fraction = 1;
  for (const s of selectors) {
    if (s.kind === 'subset') fraction *= s.fraction;
    else if (s.kind === 'classes') fraction *= s.classes.length / classes;
    else if (s.kind === 'class_incremental') fraction *= s.perTask / classes;
    else if (s.kind === 'multi_stage') fraction *= (Math.min(s.stage ?? task, s.stages - 1) + 1) / s.stages;
  }
  return fraction;
}

/** Training steps of one duration over a pool of `pool` examples (an `until` counts as its cap). */
export function durationSteps(duration: Duration, pool: number, batch: number): number {
  const fixed = duration.kind === 'until' ? duration.max : duration;
  const stepsPerEpoch = Math.max(1, Math.ceil(pool / batch));
  switch (fixed.unit) {
    case 'steps':
      return fixed.amount;
    case 'examples':
      return Math.ceil(fixed.amount / batch);
    case 'epochs':
      return fixed.amount * stepsPerEpoch;
  }
}

export function streamSteps(stream: readonly StreamItem[], data: DataSpec, batch: number): number {
  const classes = classCount(data);
  let steps = 0;
  for (const item of stream) {
    const tasks = item.kind === 'repeat' ? item.count : 1;
    for (let task = 0; task < tasks; task++) {
      const pool = Math.round(data.train * poolFraction(item.data, classes, task));
      steps += durationSteps(item.duration, pool, batch);
    }
  }
  return steps;
}

/** Steps of one cell, from its own (sweep-resolved) data, batch and stream. */
export function cellSteps(cell: Pick<CellSpec, 'stream' | 'data' | 'batch'>): number {
  return streamSteps(cell.stream, cell.data, cell.batch);
}

export function planExperiment(ir: ExperimentIR): Plan {
  const cells = expandCells(ir);
  const steps = cells.map(cellSteps);
  const totalSteps = steps.reduce((a, b) => a + b, 0);
  return { cells: cells.length, stepsPerCell: Math.max(0, ...steps), totalSteps };
}
