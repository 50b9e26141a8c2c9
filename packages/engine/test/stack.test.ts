/**
 * Cells trained as one stack (src/stack) against the same cells trained alone with the engine's own path
 * (createModel + createOptimizer + trainStep), on real MNIST / Fashion-MNIST: every parameter and optimiser slot
 * must be bitwise equal (SHA-256 of their bytes), and so must every step's loss and accuracy count. Stacking runs
 * only with the native accelerator (wasm+openblas); on plain wasm it is refused (last block).
 */
import { createHash } from 'node:crypto';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSpec, ModelSpec, OptimizerSpec } from '@plas/dsl';
import { accelUnavailableReason, selectBackend, setAccelEnabled } from '../src/backend/index.ts';
import type { Batch } from '../src/core/contracts.ts';
import { makeRng } from '../src/core/seed.ts';
import { loadDataset, type Dataset } from '../src/data/index.ts';
import { createModel } from '../src/models/create-model.ts';
import { createOptimizer } from '../src/optim/index.ts';
import { CellStack, StackError, type StackCell } from '../src/stack/index.ts';
import { trainStep } from '../src/train/step.ts';
import { context } from './interventions/helpers.ts';

const BATCH = 32;
const STEPS = 20;
const SEEDS = [11, 12, 13];
const ADAM: OptimizerSpec = { kind: 'adam', lr: 3e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8 };

let accel: string | null = 'not checked';
const data = new Map<string, Dataset>();

beforeAll(async () => {
  await selectBackend('wasm');
  accel = accelUnavailableReason();
  for (const kind of ['mnist', 'fashion_mnist'] as const) data.set(kind, await loadDataset({ kind, train: 300, test: 100 } as DataSpec, 1));
});
afterAll(() => {
  setAccelEnabled(true);
});

/** The accelerator is built in this workspace (test/backend/accel.test.ts checks it); without it these cannot run. */
function needsAccel(): boolean {
  if (accel === null) return true;
  console.warn(`stack.test.ts: skipped, the native accelerator is unavailable (${accel}); stacking is refused without it`);
  return false;
}

/** Cell `c`'s batch at step `s`: its own seeded order over the training examples, host arrays. */
function hostBatch(ds: Dataset, c: number, s: number): { x: Float32Array; y: Int32Array } {
  const size = ds.inputShape.reduce((a, b) => a * b, 1);
  const rng = makeRng(1000 + c);
  const order = Array.from({ length: ds.train.n }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const x = new Float32Array(BATCH * size);
  const y = new Int32Array(BATCH);
  for (let k = 0; k < BATCH; k++) {
    const row = order[(s * BATCH + k) % ds.train.n]!;
    x.set(ds.train.x.subarray(row * size, (row + 1) * size), k * size);
    y[k] = ds.train.y[row]!;
  }
  return { x, y };
}

function aloneBatch(ds: Dataset, c: number, s: number): Batch {
  const { x, y } = hostBatch(ds, c, s);
  return { x: tf.tensor(x, [BATCH, ...ds.inputShape]), y: tf.tensor1d(y, 'int32') };
}

/** Every listed cell's batch of step `s`, stacked as the stack takes it: x [R, B, ...], y [R, B]. */
function stackedBatch(ds: Dataset, cells: readonly number[], s: number): Batch {
  const parts = cells.map((c) => hostBatch(ds, c, s));
  const size = parts[0]!.x.length;
  const x = new Float32Array(size * parts.length);
  const y = new Int32Array(BATCH * parts.length);
  parts.forEach((p, i) => {
    x.set(p.x, i * size);
    y.set(p.y, i * BATCH);
  });
  return { x: tf.tensor(x, [parts.length, BATCH, ...ds.inputShape]), y: tf.tensor2d(y, [parts.length, BATCH], 'int32') };
}

function newCell(spec: ModelSpec, ds: Dataset, opt: OptimizerSpec, seed: number): StackCell {
  const model = createModel(spec, ds.inputShape, ds.outputs, seed);
  return { model, optimizer: createOptimizer(opt, model.params) };
}

/** SHA-256 of every parameter's and optimiser slot's bytes, by name. */
function stateHash(cell: StackCell): string {
  const hash = createHash('sha256');
  for (const name of [...cell.model.params.keys()].sort()) {
    hash.update(name);
    hash.update(cell.model.params.get(name)!.dataSync() as Float32Array);
    for (const [slot, v] of Object.entries(cell.optimizer.slots(name)).sort(([a], [b]) => (a < b ? -1 : 1))) {
      hash.update(slot);
      hash.update(v.dataSync() as Float32Array);
    }
  }
  return hash.digest('hex');
}

interface Trace {
  hash: string;
  /** loss and correct count of every step taken */
  steps: [number, number | null][];
}

/** Cell `c` trained alone by trainStep for steps [from, to) (continuing `cell` when given). */
function trainAlone(ds: Dataset, cell: StackCell, c: number, from: number, to: number, trace: Trace['steps'] = []): Trace {
  const ctx = context(cell.model, cell.optimizer);
  const parts = { model: cell.model, optimizer: cell.optimizer, loss: 'cross_entropy' as const, penalties: [], ctx };
  for (let s = from; s < to; s++) {
    const b = aloneBatch(ds, c, s);
    const r = trainStep(parts, b, false);
    trace.push([r.loss, r.correct]);
    tf.dispose([b.x, b.y]);
  }
  tf.dispose([...ctx.initialParams.values()]);
  return { hash: stateHash(cell), steps: trace };
}

function dispose(cells: readonly StackCell[]): void {
  for (const c of cells) {
    c.optimizer.dispose();
    c.model.dispose();
  }
}

const CONFIGS: { name: string; data: 'mnist' | 'fashion_mnist'; spec: ModelSpec; opt: OptimizerSpec }[] = [
  { name: 'MNIST, MLP 64-32 relu, Adam', data: 'mnist', spec: { kind: 'mlp', hidden: [64, 32], activation: 'relu', layerNorm: false, init: 'he_uniform' }, opt: ADAM },
  {
    name: 'Fashion-MNIST, MLP 48-48 tanh + layer norm, SGD',
    data: 'fashion_mnist',
    spec: { kind: 'mlp', hidden: [48, 48], activation: 'tanh', layerNorm: true, init: 'glorot_uniform' },
    opt: { kind: 'sgd', lr: 0.05 },
  },
  {
    name: 'MNIST, MLP 40 crelu (torch init), Nesterov momentum',
    data: 'mnist',
    spec: { kind: 'mlp', hidden: [40], activation: 'crelu', layerNorm: false, init: 'torch_default' },
    opt: { kind: 'momentum', lr: 0.02, momentum: 0.9, nesterov: true },
  },
];

/** Each seed's cell trained alone for STEPS steps: the reference a stacked run must equal. */
function aloneRuns(ds: Dataset, spec: ModelSpec, opt: OptimizerSpec): Trace[] {
  return SEEDS.map((seed, c) => {
    const cell = newCell(spec, ds, opt, seed);
    const t = trainAlone(ds, cell, c, 0, STEPS);
    dispose([cell]);
    return t;
  });
}

describe('a stack of cells on wasm+openblas equals each cell trained alone, bit for bit', () => {
  it.each(CONFIGS)('$name: 3 seeds × 20 steps', ({ data: kind, spec, opt }) => {
    if (!needsAccel()) return;
    const ds = data.get(kind)!;
    const alone = aloneRuns(ds, spec, opt);
    const cells = SEEDS.map((seed) => newCell(spec, ds, opt, seed));
    const stack = new CellStack(cells, 'cross_entropy');
    const traces: Trace['steps'][] = cells.map(() => []);
    for (let s = 0; s < STEPS; s++) {
      const b = stackedBatch(ds, [0, 1, 2], s);
      const r = stack.step(b);
      tf.dispose([b.x, b.y]);
      expect(r.diverged).toEqual([]);
      r.loss.forEach((l, c) => traces[c]!.push([l, r.correct[c]!]));
    }
    stack.releaseAll();
    stack.dispose();
    cells.forEach((cell, c) => {
      expect(traces[c]).toEqual(alone[c]!.steps);
      expect(stateHash(cell)).toBe(alone[c]!.hash);
    });
    // the cells learned something (the comparison is not between two untrained states)
    expect(traces[0]![STEPS - 1]![0]).toBeLessThan(traces[0]![0]![0]);
    dispose(cells);
  });

  it('cells leave and join mid-run (state moves out of and into the stack exactly)', () => {
    if (!needsAccel()) return;
    const ds = data.get('mnist')!;
    const { spec, opt } = CONFIGS[0]!;
    const alone = aloneRuns(ds, spec, opt);
    // cells 0 and 1 stacked from the start; cell 2 trains alone for 7 steps, then joins; cell 1 leaves after 12
    const cells = SEEDS.map((seed) => newCell(spec, ds, opt, seed));
    const stack = new CellStack([cells[0]!, cells[1]!], 'cross_entropy');
    const traces: Trace['steps'][] = cells.map(() => []);
    trainAlone(ds, cells[2]!, 2, 0, 7, traces[2]);
    for (let s = 0; s < STEPS; s++) {
      if (s === 7) stack.join([cells[2]!]);
      if (s === 12) {
        stack.release(cells[1]!);
        trainAlone(ds, cells[1]!, 1, 12, STEPS, traces[1]);
      }
      const members = stack.cells.map((c) => cells.indexOf(c));
      const b = stackedBatch(ds, members, s);
      const r = stack.step(b);
      tf.dispose([b.x, b.y]);
      r.loss.forEach((l, i) => traces[members[i]!]!.push([l, r.correct[i]!]));
    }
    expect(stack.cells.map((c) => cells.indexOf(c))).toEqual([0, 2]);
    stack.sync(); // written back but still stacked
    expect(stateHash(cells[0]!)).toBe(alone[0]!.hash);
    stack.releaseAll();
    stack.dispose();
    cells.forEach((cell, c) => {
      expect(traces[c]).toEqual(alone[c]!.steps);
      expect(stateHash(cell)).toBe(alone[c]!.hash);
    });
    dispose(cells);
  });

  it('a cell that diverges (NaN in its weights) leaves the stack unchanged; the others go on as if alone', () => {
    if (!needsAccel()) return;
    const ds = data.get('mnist')!;
    const { spec, opt } = CONFIGS[0]!;
    const AT = 5;
    const poison = (cell: StackCell): void => {
      const w = cell.model.params.get('dense1/kernel')!;
      tf.tidy(() => w.assign(tf.add(w, tf.scalar(Number.NaN))));
    };
    // alone: cell 1 gets NaN weights before step AT; trainStep then reports a non-finite loss and updates nothing
    const alone = SEEDS.map((seed, c) => {
      const cell = newCell(spec, ds, opt, seed);
      const steps: Trace['steps'] = [];
      trainAlone(ds, cell, c, 0, AT, steps);
      if (c === 1) poison(cell);
      const t = trainAlone(ds, cell, c, AT, c === 1 ? AT + 1 : STEPS, steps);
      dispose([cell]);
      return t;
    });
    expect(alone[1]!.steps[AT]![0]).toBeNaN();
    const cells = SEEDS.map((seed) => newCell(spec, ds, opt, seed));
    const stack = new CellStack(cells, 'cross_entropy');
    let diverged: StackCell[] = [];
    for (let s = 0; s < STEPS; s++) {
      if (s === AT) {
        stack.release(cells[1]!);
        poison(cells[1]!);
        stack.join([cells[1]!]);
      }
      const members = stack.cells.map((c) => cells.indexOf(c));
      const b = stackedBatch(ds, members, s);
      const r = stack.step(b);
      tf.dispose([b.x, b.y]);
      if (s === AT) {
        expect(members).toEqual([0, 2, 1]);
        expect(r.loss[2]).toBeNaN();
        expect(r.loss.slice(0, 2).every(Number.isFinite)).toBe(true);
        diverged = r.diverged;
      } else expect(r.diverged).toEqual([]);
    }
    expect(diverged).toEqual([cells[1]]);
    expect(stack.cells).toEqual([cells[0], cells[2]]);
    stack.releaseAll();
    stack.dispose();
    cells.forEach((cell, c) => expect(stateHash(cell)).toBe(alone[c]!.hash));
    dispose(cells);
  });
});

describe('what cannot stack', () => {
  it('plain wasm (accelerator off): refused, naming the accelerator', () => {
    const ds = data.get('mnist')!;
    const cells = SEEDS.map((seed) => newCell(CONFIGS[0]!.spec, ds, ADAM, seed));
    const on = setAccelEnabled(false);
    try {
      expect(on).toBe(false);
      expect(() => new CellStack(cells, 'cross_entropy')).toThrow(StackError);
      expect(() => new CellStack(cells, 'cross_entropy')).toThrow(/native accelerator/);
    } finally {
      setAccelEnabled(true);
      dispose(cells);
    }
  });

  it('cells that differ in architecture, hyper-parameters or Adam step count: refused, saying how', () => {
    if (!needsAccel()) return;
    const ds = data.get('mnist')!;
    const spec = CONFIGS[0]!.spec;
    const a = newCell(spec, ds, ADAM, 1);
    const wider = newCell({ ...spec, hidden: [65, 32] } as ModelSpec, ds, ADAM, 2);
    const faster = newCell(spec, ds, { ...ADAM, lr: 1e-2 } as OptimizerSpec, 3);
    const ahead = newCell(spec, ds, ADAM, 4);
    trainAlone(ds, ahead, 0, 0, 1);
    const cnn = newCell({ kind: 'cnn', conv: [{ filters: 4, kernel: 5, pool: 2 }], hidden: [8], activation: 'relu', layerNorm: false, init: 'he_uniform' }, ds, ADAM, 5);
    try {
      expect(() => new CellStack([a, wider], 'cross_entropy')).toThrow(/cell 1's model .*differs/);
      expect(() => new CellStack([a, faster], 'cross_entropy')).toThrow(/cell 1's optimiser adam .*"lr":0.01/);
      expect(() => new CellStack([a, ahead], 'cross_entropy')).toThrow(/cell 1's Adam is at step 1 .* cell 0's at 0/);
      expect(() => new CellStack([cnn], 'cross_entropy')).toThrow(/only MLPs stack/);
      expect(() => new CellStack([a, a], 'cross_entropy')).toThrow(/listed twice/);
    } finally {
      dispose([a, wider, faster, ahead, cnn]);
    }
  });
});
