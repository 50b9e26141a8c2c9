/**
 * `planSummary(ir)`: what running the experiment costs: arms, seeds, sweep points, cells (distinct: a shared arm's
 * cell counts once per seed) and an estimate of the training steps (from data sizes, batch and durations; an `until` rule counts at its `max`).
 */
import { dataShape } from './catalog/data-sources.ts';
import { sharedArms, sweepPoints } from './expand.ts';
import type { DataSpec, Duration, ExperimentIR, FixedDuration, Selector, StreamItem } from './ir.ts';

export interface PlanSummary {
  experiment: string;
  hash: string;
  profile: 'default' | 'quick';
  arms: { name: string; role: 'baseline' | 'arm'; interventions: string[] }[];
  seeds: number[];
  points: string[];
  /** Distinct cells to train: arms × points × seeds, less the repeats of shared arms (one cell per seed). */
  cells: number;
  /** Arms × points × seeds: what the report pairs and tabulates. */
  combinations: number;
  /** Arms no sweep axis touches: one cell per seed, shared by every point (expand.ts sharedArms). */
  sharedArms: string[];
  /** Per stream item (first sweep point): training examples per pass and estimated steps. */
  stream: { name: string; kind: 'phase' | 'repeat'; examples: number; steps: number }[];
  /** Estimated steps of one cell, per sweep point label. */
  stepsPerCell: Record<string, number>;
  /** Sum over every cell. */
  totalSteps: number;
}

/** The data's class count; a source whose files alone say (a generic IDX folder) is estimated at 10. */
function classCount(data: DataSpec): number {
  return dataShape(data).outputs ?? 10;
}

/** Training examples a pipeline selects from a pool of `train` examples (an estimate for class-based selectors). */
function selectedExamples(data: DataSpec, selectors: Selector[], train: number): number {
  let n = train;
  for (const s of selectors) {
    if (s.kind === 'subset') n = Math.round(n * s.fraction);
    else if (s.kind === 'classes') n = Math.round((n * new Set(s.classes).size) / classCount(data));
    else if (s.kind === 'class_incremental') n = Math.round((n * s.perTask) / classCount(data));
  }
  return Math.max(1, n);
}

function fixedSteps(d: FixedDuration, examples: number, batch: number): number {
  if (d.unit === 'steps') return d.amount;
  if (d.unit === 'examples') return Math.ceil(d.amount / batch);
  return d.amount * Math.ceil(examples / batch);
}

function durationSteps(d: Duration, examples: number, batch: number): number {
  return fixedSteps(d.kind === 'fixed' ? d : d.max, examples, batch);
}

function itemSteps(item: StreamItem, data: DataSpec, train: number, batch: number): { examples: number; steps: number } {
  const examples = selectedExamples(data, item.data, train);
  const steps = durationSteps(item.duration, examples, batch);
  return { examples, steps: item.kind === 'repeat' ? steps * item.count : steps };
}

export function planSummary(ir: ExperimentIR): PlanSummary {
  const points = sweepPoints(ir.sweep);
  const stepsPerCell: Record<string, number> = {};
  for (const { point, label } of points) {
    const batch = typeof point['batch'] === 'number' ? point['batch'] : ir.batch;
    const train = typeof point['train'] === 'number' ? point['train'] : ir.data.train;
    stepsPerCell[label] = ir.stream.reduce((s, item) => s + itemSteps(item, ir.data, train, batch).steps, 0);
  }
  const perPointTotal = Object.values(stepsPerCell).reduce((a, b) => a + b, 0);
  const shared = sharedArms(ir);
  const own = ir.arms.length - shared.size;
  // Only arm-scoped axes leave an arm shared, and they change no step count: every point's steps are the same.
  const sharedSteps = Object.values(stepsPerCell)[0] ?? 0;
  return {
    experiment: ir.name,
    hash: ir.hash,
    profile: ir.profile,
    arms: ir.arms.map((a) => ({ name: a.name, role: a.role, interventions: a.interventions.map((i) => i.name) })),
    seeds: [...ir.seeds],
    points: points.map((p) => p.label),
    cells: (own * points.length + shared.size) * ir.seeds.length,
    combinations: ir.arms.length * points.length * ir.seeds.length,
    sharedArms: ir.arms.filter((a) => shared.has(a.name)).map((a) => a.name),
    stream: ir.stream.map((item) => ({ name: item.name, kind: item.kind, ...itemSteps(item, ir.data, ir.data.train, ir.batch) })),
    stepsPerCell,
    totalSteps: (perPointTotal * own + sharedSteps * shared.size) * ir.seeds.length,
  };
}
