/**
 * The host training step (small SGD + squared-error ReLU MLPs on host arrays) against the kernel path: after every
 * step, every parameter's bytes, the loss, the hidden activations and the correct count must be equal. Seeded
 * batches of every kind the arithmetic can trip on: values that overflow to infinity, exact zeros and negative
 * zeros into the ReLU, a NaN that makes the loss non-finite (no update), and penalties (l2, l2_init).
 */
import * as tf from '@tensorflow/tfjs-core';
import { tensorsMade } from './fixtures.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { accelUnavailableReason } from '../../src/backend/accel.ts';
import type { Batch, Model } from '../../src/core/contracts.ts';
import { getIntervention } from '../../src/interventions/registry.ts';
import { createOptimizer } from '../../src/optim/index.ts';
import { hostTrainStep, setHostSteps } from '../../src/train/host-step.ts';
import { MAX_HOST_STEP_MACS } from '../../src/train/host-step-scope.ts';
import { trainStep, type StepParts } from '../../src/train/step.ts';
import { selectBackend } from '../../src/backend/select.ts';
import { context, mlp } from '../interventions/helpers.ts';
import { compileSource, expandCells } from '@plas/dsl';
import { runCell } from '../../src/train/index.ts';
import type { CellRecord } from '../../src/record.ts';
import { groupingKey } from '../../src/runner/stack-groups.ts';

let accelLoaded = false;

beforeAll(async () => {
  await selectBackend('wasm');
  accelLoaded = accelUnavailableReason() === null;
});
beforeEach(() => setHostSteps(true));
afterAll(() => setHostSteps(true));

interface Net {
  inputs: number;
  hidden: number[];
  outputs: number;
  rows: number;
}

/** Batch `step` of a seeded stream, with the hard cases at fixed steps. */
function batchAt(net: Net, step: number): Batch {
  return tf.tidy(() => {
    let x = tf.randomUniform([net.rows, net.inputs], -2, 2, 'float32', 1000 + step);
    if (step % 9 === 4) x = tf.mul(x, 0); // every pre-activation is the bias: zeros and ties in the ReLU
    if (step % 9 === 5) x = tf.mul(x, -0); // negative zeros
    if (step === 11) x = tf.mul(x, 1e19); // products overflow: an infinite loss, no update
    if (step === 13) {
      const values = Float32Array.from(x.dataSync() as Float32Array);
      values[1] = Number.NaN; // a NaN: a non-finite loss, no update
      x = tf.tensor2d(values, [net.rows, net.inputs]);
    }
    const y = tf.randomNormal([net.rows, net.outputs], 0, 3, 'float32', 2000 + step);
    return { x, y };
  });
}

const bytes = (t: tf.Tensor): number[] => Array.from(new Uint8Array((t.dataSync() as Float32Array).slice().buffer));

interface Trace {
  losses: number[];
  correct: (number | null)[];
  hidden: number[][];
  params: number[][];
  /** Tensors made per step: each kernel makes one or more; the host path makes only those asked of it. */
  tensors: number[];
}

/** 24 steps of `net` with the given penalties ('l2', 'l2_init'), on the host path or the kernel path. */
function run(net: Net, penalties: string[], host: boolean, keepHidden: boolean): Trace {
  setHostSteps(host);
  const model: Model = mlp(net.hidden, net.inputs, net.outputs, { seed: 5 });
  const optimizer = createOptimizer({ kind: 'sgd', lr: 0.013 }, model.params);
  const ctx = context(model, optimizer);
  const made = penalties.map((name) => getIntervention(name)!({ strength: name === 'l2' ? 1e-3 : 0.07 }, model));
  const parts: StepParts = { model, optimizer, loss: 'squared_error', penalties: made, ctx };
  const trace: Trace = { losses: [], correct: [], hidden: [], params: [], tensors: [] };
  for (let step = 0; step < 24; step++) {
    if (step === 16) tf.tidy(() => model.params.get(model.layers[0]!.weight)!.assign(tf.fill(model.params.get(model.layers[0]!.weight)!.shape, 0)));
    const batch = batchAt(net, step);
    const before = tensorsMade();
    const r = trainStep(parts, batch, keepHidden);
    trace.tensors.push(tensorsMade() - before - 1);
    trace.losses.push(r.loss);
    trace.correct.push(r.correct);
    trace.hidden.push(...r.hidden.map(bytes));
    trace.params.push(...[...model.params.values()].map(bytes));
    tf.dispose([batch.x, batch.y, ...r.hidden]);
  }
  tf.dispose([...ctx.initialParams.values()]);
  model.dispose();
  optimizer.dispose();
  return trace;
}

const NETS: Net[] = [
  { inputs: 20, hidden: [5], outputs: 1, rows: 1 }, // benchmark 10's learner at batch 1
  { inputs: 7, hidden: [6, 4], outputs: 3, rows: 5 }, // two hidden layers, Means over 3 outputs and 5 rows
  { inputs: 30, hidden: [40], outputs: 2, rows: 16 },
];

describe('host training step', () => {
  it('is taken for SGD + squared error on a small ReLU MLP, and not for what it does not cover', () => {
    if (!accelLoaded) return; // accel.test.ts fails loudly when the addon is missing here
    const model = mlp([5], 20, 1);
    const sgd = createOptimizer({ kind: 'sgd', lr: 0.01 }, model.params);
    const adam = createOptimizer({ kind: 'adam', lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8 }, model.params);
    const ctx = context(model, sgd);
    const parts: StepParts = { model, optimizer: sgd, loss: 'squared_error', penalties: [], ctx };
    const batch = batchAt(NETS[0]!, 0);
    const taken = hostTrainStep(parts, batch, false);
    expect(taken).not.toBeNull();
    expect(hostTrainStep({ ...parts, optimizer: adam }, batch, false)).toBeNull();
    const tanh = mlp([5], 20, 1, { activation: 'tanh' });
    expect(hostTrainStep({ ...parts, model: tanh, optimizer: createOptimizer({ kind: 'sgd', lr: 0.01 }, tanh.params) }, batch, false)).toBeNull();
    const wide = mlp([4096], 20, 1);
    expect(20 * 4096 + 4096).toBeGreaterThan(MAX_HOST_STEP_MACS);
    expect(hostTrainStep({ ...parts, model: wide, optimizer: createOptimizer({ kind: 'sgd', lr: 0.01 }, wide.params) }, batch, false)).toBeNull();
    tf.dispose([batch.x, batch.y, ...ctx.initialParams.values()]);
    [model, tanh, wide].forEach((m) => m.dispose());
  });

  for (const net of NETS) {
    const name = `${net.inputs}-${[...net.hidden, net.outputs].join('-')} at batch ${net.rows}`;
    it(`equals the kernel path bit for bit: ${name}`, () => {
      if (!accelLoaded) return;
      const host = run(net, [], true, true);
      const kernels = run(net, [], false, true);
      // hidden activations (and, for two or more outputs, the count of correct predictions) only
      host.tensors.forEach((made, i) => expect(made).toBeLessThan(kernels.tensors[i]! / 2));
      expect({ ...host, tensors: [] }).toEqual({ ...kernels, tensors: [] });
    });
    it(`equals the kernel path bit for bit with l2 and l2_init: ${name}`, () => {
      if (!accelLoaded) return;
      const host = run(net, ['l2', 'l2_init'], true, false);
      const kernels = run(net, ['l2', 'l2_init'], false, false);
      if (net.outputs === 1) expect(host.tensors.every((made) => made === 0)).toBe(true);
      expect({ ...host, tensors: [] }).toEqual({ ...kernels, tensors: [] });
    });
  }

  it.each([
    ['benchmark 10 at batch 1: plain, l2, continual backprop', BENCHMARK_10, ['backprop', 'l2', 'cbp']],
    ['two hidden layers at batch 4: both continual-backprop utilities', TWO_LAYERS, ['contribution', 'adaptable']],
  ])('gives whole cells the records of the kernel path, none of them stacked: %s', async (_, source, arms) => {
    if (!accelLoaded) return;
    const { ir, diagnostics } = compileSource(source, 'host.plas');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const cells = expandCells(ir!);
    expect(cells.map((c) => c.arm)).toEqual(arms);
    expect(cells.map(groupingKey)).toEqual(arms.map(() => null));
    const results = (r: CellRecord) => ({ status: r.status, divergence: r.divergence, series: r.series, events: r.events });
    const made: Record<string, number[]> = { host: [], kernels: [] };
    const records = async (host: boolean) => {
      setHostSteps(host);
      const out = [];
      for (const cell of cells) {
        const before = tensorsMade();
        out.push(results(await runCell(cell, { backend: 'wasm' })));
        made[host ? 'host' : 'kernels']!.push(tensorsMade() - before);
      }
      return out;
    };
    const host = await records(true);
    expect(host.every((r) => r.status === 'complete')).toBe(true);
    expect(host).toEqual(await records(false));
    // the steps did take the host path: ≥ 20 tensors a step fewer (batches, hidden activations, measurements remain)
    made['host']!.forEach((n, i) => expect(n).toBeLessThan(made['kernels']![i]! - 2000 * 20));
  }, 120_000);
});

/** Benchmark 10's learner and arms, small. */
const BENCHMARK_10 = `
experiment host_steps {
  data slowly_changing_regression(train: 3000, test: 100, flip_every: 500)
  model mlp(hidden: [5], activation: relu, init: he_uniform)
  optimizer sgd(lr: 0.01)
  loss squared_error
  batch 1
  seeds 1

  stream {
    phase online: train on all for 1 epochs
  }

  baseline backprop
  arm l2: every step: l2(strength: 1e-3)
  arm cbp: every step: continual_backprop(rate: 1e-2, maturity: 10, decay: 0.99, utility: adaptable_contribution)

  measure every 250 steps: online.loss, weight_norm, dead_units
  compare online.loss: mean over last 2 evals, better: lower
  expect backprop - cbp > 0
}
`;

/** Continual backprop on two hidden layers at batch 4 (Means over rows, contributions of several layers). */
const TWO_LAYERS = `
experiment host_cbp {
  data slowly_changing_regression(train: 8000, test: 100, flip_every: 500)
  model mlp(hidden: [6, 5], activation: relu, init: he_uniform)
  optimizer sgd(lr: 0.01)
  loss squared_error
  batch 4
  seeds 1

  stream {
    phase online: train on all for 1 epochs
  }

  baseline contribution: every step: continual_backprop(rate: 1e-2, maturity: 10, decay: 0.99)
  arm adaptable: every step: continual_backprop(rate: 1e-2, maturity: 10, decay: 0.99, utility: adaptable_contribution)

  measure every 250 steps: online.loss, weight_norm
  compare online.loss: mean over last 2 evals, better: lower
  expect contribution - adaptable > 0
}
`;
