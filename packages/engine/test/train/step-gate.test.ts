/**
 * Cells trained in lockstep through a StepGate (stacked steps) against the same cells run alone: every record's
 * series, events, status and divergence must be equal, value for value. Real MNIST, compiled from `.plas` text,
 * with what makes lockstep hard: an `until` that ends the seeds' first phase at different steps, a reset at the
 * second phase, an intervention every few steps mid-task, measurements every few steps and epochs, a cell that
 * diverges. Stacking needs the native accelerator (stack.test.ts); without it the gate runs every cell alone.
 */
import { compileSource, expandCells, type CellSpec } from '@plas/dsl';
import { beforeAll, describe, expect, it } from 'vitest';
import { accelUnavailableReason, selectBackend } from '../../src/backend/index.ts';
import type { CellRecord } from '../../src/record.ts';
import { runCell, StepGate } from '../../src/train/index.ts';

const SOURCE = `
experiment lockstep {
  data mnist(train: 400, test: 200)
  model mlp(hidden: [32, 32], activation: relu, init: he_uniform)
  optimizer adam(lr: 3e-3)
  batch 32
  seeds 4

  stream {
    phase pretrain: train on subset(fraction: 0.5) until train.accuracy >= 0.8 max 8 epochs
    phase tune: train on all for 3 epochs
  }

  baseline fresh: at tune: reset all, reset optimizer
  arm warm: every 7 steps: shrink_perturb(shrink: 0.9, perturb: 0.01)

  measure every 1 epoch: test.accuracy
  measure every 5 steps: weight_norm, online.loss
  compare test.accuracy: mean over last 1 epochs of tune
  expect fresh - warm > 0
}
`;

let backend = '';
/** Why the native accelerator is missing (then the gate stacks nothing), or null. */
let accelMissing: string | null = null;

beforeAll(async () => {
  backend = await selectBackend('wasm');
  accelMissing = accelUnavailableReason();
});

function cellsOf(source: string): CellSpec[] {
  const { ir, diagnostics } = compileSource(source, 'lockstep.plas');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return expandCells(ir!);
}

/** What must not depend on how a cell was trained (timing does). */
const results = (r: CellRecord) => ({ status: r.status, divergence: r.divergence, error: r.error, series: r.series, events: r.events });

async function alone(cells: CellSpec[]): Promise<CellRecord[]> {
  const out: CellRecord[] = [];
  for (const cell of cells) out.push(await runCell(cell, { backend }));
  return out;
}

async function together(cells: CellSpec[]): Promise<{ records: CellRecord[]; gate: StepGate }> {
  const gate = new StepGate(cells.length);
  const records = await Promise.all(cells.map((cell) => runCell(cell, { backend, stepper: gate })));
  return { records, gate };
}

describe('cells in lockstep (StepGate)', () => {
  it('give every cell the results it gets alone, through until, resets and mid-task interventions', { timeout: 240_000 }, async () => {
    const cells = cellsOf(SOURCE);
    for (const arm of ['fresh', 'warm']) {
      const group = cells.filter((c) => c.arm === arm);
      expect(group).toHaveLength(4);
      const single = await alone(group);
      const { records, gate } = await together(group);
      records.forEach((r, i) => expect(results(r), `${arm} seed ${group[i]!.seed}`).toEqual(results(single[i]!)));
      // the until ends the seeds' pretraining at different steps; they still share stacks for most steps (every
      // step of the fresh arm, whose cells wait for each other to start the tune phase at Adam step 0)
      const pretrainEnds = new Set(single.map((r) => r.series['test.accuracy']!.filter((p) => p.phase === 'pretrain').at(-1)!.step));
      if (arm === 'fresh') expect(pretrainEnds.size).toBeGreaterThan(1);
      if (accelMissing === null) {
        expect(gate.counts.stackedSteps).toBeGreaterThan(0);
        expect(gate.counts.stackedCellSteps).toBeGreaterThan(3 * gate.counts.aloneSteps);
        if (arm === 'fresh') expect(gate.counts.aloneSteps).toBe(0);
      } else {
        expect(gate.counts.stackedSteps).toBe(0);
      }
      const steps = single.reduce((n, r) => n + r.timing.steps, 0);
      expect(gate.counts.stackedCellSteps + gate.counts.aloneSteps).toBe(steps);
    }
  });

  it('give a regression (squared error, batch 1) its lone results too', { timeout: 120_000 }, async () => {
    const cells = cellsOf(`
experiment online_regression {
  data slowly_changing_regression(train: 3000, test: 200, flip_every: 1000)
  model mlp(hidden: [5], activation: relu, init: he_uniform)
  optimizer sgd(lr: 0.01)
  loss squared_error
  batch 1
  seeds 3
  stream {
    phase online: train on all for 1 epochs
  }
  baseline backprop
  measure every 500 steps: online.loss, weight_norm
  compare online.loss: mean over last 2 evals, better: lower
  expect last(backprop) - first(backprop) > 0
}
`);
    const single = await alone(cells);
    const { records, gate } = await together(cells);
    records.forEach((r, i) => expect(results(r)).toEqual(results(single[i]!)));
    if (accelMissing === null) expect(gate.counts.aloneSteps).toBe(0);
  });

  it('lets a diverging cell end as diverged while the others train on, each as alone', { timeout: 120_000 }, async () => {
    const cells = cellsOf(SOURCE.replace('adam(lr: 3e-3)', 'sgd(lr: 2000)')).filter((c) => c.arm === 'fresh');
    const single = await alone(cells);
    const { records, gate } = await together(cells);
    // SGD at lr 2000 sends three of the four seeds to NaN, at different steps; the fourth trains to the end
    expect(single.map((r) => r.status).sort()).toEqual(['complete', 'diverged', 'diverged', 'diverged']);
    expect(new Set(single.map((r) => r.divergence?.step)).size).toBeGreaterThan(2);
    records.forEach((r, i) => expect(results(r)).toEqual(results(single[i]!)));
    if (accelMissing === null) expect(gate.counts.stackedSteps).toBeGreaterThan(0);
  });
});
