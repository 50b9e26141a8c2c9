/**
 * Test fixtures: a small but complete run store written the way the engine writes it (record.ts), with series
 * computed from a formula so that the expected statistics are known in advance.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExperimentIR, MeasureSpec } from '@plas/dsl';
import type { CellRecord, ExperimentRecord, SeriesPoint } from '@plas/engine';

const span = { file: 'warm.plas', line: 1, column: 1, length: 1 };

function measure(metric: string, key = metric): MeasureSpec {
  return { metric, params: {}, key, cadence: { kind: 'every', n: 1, unit: 'epochs' }, span };
}

export function makeIr(over: Partial<ExperimentIR> = {}): ExperimentIR {
  return {
    irVersion: 1,
    name: 'warm_start',
    profile: 'default',
    data: { kind: 'gaussian_mixture', classes: 3, dim: 4, separation: 2, train: 60, test: 30 },
    model: { kind: 'mlp', hidden: [8], activation: 'relu', layerNorm: false, init: 'he_uniform' },
    optimizer: { kind: 'sgd', lr: 0.01 },
    loss: 'cross_entropy',
    batch: 16,
    seeds: [0, 1, 2, 3],
    stream: [
      { kind: 'phase', name: 'pretrain', data: [{ kind: 'subset', fraction: 0.5 }], duration: { kind: 'fixed', amount: 3, unit: 'epochs' }, span },
      { kind: 'phase', name: 'tune', data: [{ kind: 'all' }], duration: { kind: 'fixed', amount: 5, unit: 'epochs' }, span },
    ],
    arms: [
      { name: 'fresh', role: 'baseline', interventions: [{ name: 'reset', params: {}, trigger: { kind: 'at', phase: 'tune' }, span }], span },
      { name: 'warm', role: 'arm', interventions: [], span },
      { name: 'shrink', role: 'arm', interventions: [{ name: 'shrink_perturb', params: { shrink: 0.4, noise: 0.01 }, trigger: { kind: 'at', phase: 'tune' }, span }], span },
    ],
    measure: [measure('test.accuracy'), measure('train.loss'), measure('dead_units'), measure('weight_norm')],
    compare: { metric: 'test.accuracy', window: { count: 3, unit: 'epochs', phase: 'tune' }, better: 'higher', span },
    expect: [
      { left: 'fresh', right: 'warm', op: '>', value: 0, text: 'fresh - warm > 0', span },
      { left: 'warm', right: 'fresh', op: '>', value: 0, text: 'warm - fresh > 0', span },
      { left: 'shrink', right: 'fresh', op: '>', value: 0, text: 'shrink - fresh > 0', span },
    ],
    sweep: null,
    sources: ['examples/warm.plas'],
    hash: 'e'.repeat(64),
    ...over,
  };
}

/** Arm offsets on test accuracy during tune: fresh beats warm by 0.05 on every seed; shrink = fresh ± 0.01 by seed parity. */
const OFFSET: Record<string, number> = { fresh: 0.05, warm: 0, shrink: 0.05 };

/** test.accuracy of a cell at a tune epoch (1-based), the formula the fixtures use. */
export function accuracy(arm: string, seed: number, phase: string, epoch: number): number {
  const seedLevel = 0.02 * seed; // shared by every arm of a seed: removed by pairing
  if (phase === 'pretrain') return 0.4 + 0.05 * epoch + seedLevel;
  return 0.6 + 0.02 * epoch + (OFFSET[arm] ?? 0) + seedLevel + (arm === 'shrink' ? (seed % 2 === 0 ? 0.01 : -0.01) : 0);
}

export function cellHash(ir: ExperimentIR, arm: string, seed: number, point = 'default'): string {
  return createHash('sha256').update(`${ir.hash}/${arm}/${point}/${seed}`).digest('hex');
}

export interface CellOptions {
  status?: CellRecord['status'];
  /** For 'diverged': the step of divergence; later points are null. */
  divergeAtStep?: number;
  point?: Record<string, number>;
  pointLabel?: string;
  /**
   * Record a measurement right after each `at tune` intervention, as the engine is to record it: a second point at
   * the step the intervention fired (the last pretrain step), in the new phase, epoch 0.
   */
  afterIntervention?: boolean;
}

/** test.accuracy measured right after the arm's `at tune` intervention (a reset falls to about chance, 1/3). */
export function accuracyAfter(arm: string, seed: number): number {
  return (arm === 'fresh' ? 0.34 : 0.5) + 0.01 * seed;
}

export function makeCell(ir: ExperimentIR, arm: string, seed: number, o: CellOptions = {}): CellRecord {
  const pointLabel = o.pointLabel ?? 'default'; // the label the dsl gives the single point of an experiment without a sweep
  const role = ir.arms.find((a) => a.name === arm)?.role ?? 'arm';
  const hash = cellHash(ir, arm, seed, pointLabel);
  const series: Record<string, SeriesPoint[]> = { 'test.accuracy': [], 'train.loss': [], dead_units: [], weight_norm: [] };
  let step = 0;
  const intervenes = (ir.arms.find((a) => a.name === arm)?.interventions ?? []).some((iv) => iv.trigger.kind === 'at' && iv.trigger.phase === 'tune');
  for (const phase of ['pretrain', 'tune']) {
    const epochs = phase === 'pretrain' ? 3 : 5;
    if (phase === 'tune' && o.afterIntervention === true && intervenes) {
      const at = { step, epoch: 0, examples: step * 16, phase, task: 0 };
      const acc = accuracyAfter(arm, seed);
      series['test.accuracy']?.push({ ...at, value: acc });
      series['train.loss']?.push({ ...at, value: 1.2 - acc });
      series['dead_units']?.push({ ...at, value: { dense_1: 0, dense_2: 0, total: 0 } });
      series['weight_norm']?.push({ ...at, value: { dense_1: 2.5, dense_2: 0.8 + 0.01 * seed } });
    }
    for (let epoch = 1; epoch <= epochs; epoch++) {
      step += 4;
      const dead = o.divergeAtStep !== undefined && step >= o.divergeAtStep;
      const at = { step, epoch, examples: step * 16, phase, task: 0 };
      const acc = accuracy(arm, seed, phase, epoch);
      series['test.accuracy']?.push({ ...at, value: dead ? null : acc });
      series['train.loss']?.push({ ...at, value: dead ? null : 1.2 - acc });
      // As the engine records it: per layer the fraction of the layer's 16 units that are dead, `total` their count.
      series['dead_units']?.push({ ...at, value: dead ? null : { dense_1: (seed + epoch) / 16, dense_2: epoch / 16, total: seed + 2 * epoch } });
      series['weight_norm']?.push({ ...at, value: dead ? null : { dense_1: 3 + 0.1 * epoch, dense_2: 1 + 0.05 * epoch + 0.01 * seed } });
    }
  }
  const status = o.status ?? (o.divergeAtStep !== undefined ? 'diverged' : 'complete');
  const minute = String(10 + seed).padStart(2, '0');
  return {
    schema: 'plas.cell/1',
    status,
    cell: {
      experiment: ir.name,
      experimentHash: ir.hash,
      arm,
      role,
      point: o.point ?? {},
      pointLabel,
      seed,
      data: ir.data,
      model: ir.model,
      optimizer: ir.optimizer,
      loss: ir.loss,
      batch: ir.batch,
      stream: ir.stream,
      interventions: ir.arms.find((a) => a.name === arm)?.interventions ?? [],
      measure: ir.measure,
      hash,
    },
    backend: 'wasm',
    versions: { node: 'v20.20.0', '@plas/engine': '0.1.0', '@tensorflow/tfjs-core': '4.22.0' },
    timing: { startedAt: `2026-11-20T09:${minute}:00.000Z`, finishedAt: `2026-11-20T09:${minute}:30.000Z`, wallMs: 30_000 + seed, steps: step, stepsPerSecond: step / 30 },
    divergence:
      status === 'diverged' ? { step: o.divergeAtStep ?? 0, phase: 'tune', task: 0, what: 'train.loss', value: 'NaN' } : null,
    error: status === 'failed' ? 'out of memory in fixture' : null,
    series: status === 'failed' ? {} : series,
  };
}

export function experimentRecord(ir: ExperimentIR, cells: string[]): ExperimentRecord {
  return { schema: 'plas.experiment/1', ir, file: 'examples/warm.plas', cells, updatedAt: '2026-11-20T10:00:00.000Z', backend: 'wasm' };
}

/** Write an experiment and its cells; `skip` lists cell hashes whose file is not written (missing cells). */
export function writeStore(root: string, ir: ExperimentIR, cells: CellRecord[], extraHashes: string[] = []): void {
  mkdirSync(join(root, 'experiments'), { recursive: true });
  mkdirSync(join(root, 'cells'), { recursive: true });
  const hashes = [...cells.map((c) => c.cell.hash), ...extraHashes];
  writeFileSync(join(root, 'experiments', `${ir.hash}.json`), JSON.stringify(experimentRecord(ir, hashes)));
  for (const c of cells) writeFileSync(join(root, 'cells', `${c.cell.hash}.json`), JSON.stringify(c));
}

/** The standard store: 3 arms × 4 seeds, all complete. */
export function standardCells(ir: ExperimentIR = makeIr()): CellRecord[] {
  return ir.arms.flatMap((a) => ir.seeds.map((s) => makeCell(ir, a.name, s)));
}
