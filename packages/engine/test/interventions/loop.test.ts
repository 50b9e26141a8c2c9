/**
 * The interventions inside the real training loop (train/run-cell.ts, train/step.ts).
 *
 * "reset all + reset_optimizer at tune ≡ a fresh model trained from tune" is tested at the step level: runCell draws
 * the reset from seedFor('reset') (named by phase, task and step) while a fresh cell's model comes from
 * deriveSeed(seed, 'init'), so two cells never share those weights. At the step level the claim is exact: after the
 * reset, the model and optimiser are indistinguishable from createModel(spec, ..., resetSeed) + a new optimiser, and
 * every later step gives bit-identical losses and parameters.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Batch } from '../../src/core/contracts.ts';
import { makeRng } from '../../src/core/seed.ts';
import { getIntervention } from '../../src/interventions/registry.ts';
import { createModel } from '../../src/models/create-model.ts';
import { createOptimizer } from '../../src/optim/index.ts';
import { CellConfigError, runCell } from '../../src/train/index.ts';
import { trainStep } from '../../src/train/step.ts';
import { gaussianCell, intervention, measure, phase } from '../train/fixtures.ts';
import { context, mlpSpec, snapshot, useCpu } from './helpers.ts';

beforeAll(useCpu);

function batches(count: number, seed: number): Batch[] {
  const rng = makeRng(seed);
  return Array.from({ length: count }, () => {
    const x = Float32Array.from({ length: 8 * 5 }, () => rng.normal());
    const y = Int32Array.from({ length: 8 }, () => rng.int(3));
    return { x: tf.tensor2d(x, [8, 5]), y: tf.tensor1d(y, 'int32') };
  });
}

describe('interventions in the training loop', () => {
  it('reset(all, optimizer: true) + reset_optimizer ≡ a fresh model and optimiser from the reset seed (step level)', () => {
    const spec = mlpSpec([6, 4]);
    const adamSpec = { kind: 'adam' as const, lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8 };
    const warm = createModel(spec, [5], 3, 1);
    const warmOpt = createOptimizer(adamSpec, warm.params);
    const ctx = context(warm, warmOpt);
    const part = { model: warm, optimizer: warmOpt, loss: 'cross_entropy' as const, penalties: [], ctx };
    const pre = batches(6, 10);
    for (const b of pre) tf.dispose(trainStep(part, b, false).hidden);
    // phase 2 ("tune") starts: the arm's interventions fire
    ctx.position.step = pre.length;
    getIntervention('reset')!({ layers: { kind: 'all' }, optimizer: true }, warm).fire!(ctx, null);
    getIntervention('reset_optimizer')!({}, warm).fire!(ctx, null);
    const fresh = createModel(spec, [5], 3, ctx.seeds.get('reset')!);
    const freshOpt = createOptimizer(adamSpec, fresh.params);
    const freshPart = { model: fresh, optimizer: freshOpt, loss: 'cross_entropy' as const, penalties: [], ctx: context(fresh, freshOpt) };
    const tune = batches(8, 20);
    const lossesWarm = tune.map((b) => trainStep(part, b, false).loss);
    const lossesFresh = tune.map((b) => trainStep(freshPart, b, false).loss);
    expect(lossesWarm).toEqual(lossesFresh);
    const a = snapshot(warm);
    const b = snapshot(fresh);
    for (const [name, v] of a) expect(Array.from(v)).toEqual(Array.from(b.get(name)!));
    for (const t of [...pre, ...tune]) tf.dispose([t.x, t.y]);
    for (const x of [warm, warmOpt, fresh, freshOpt]) x.dispose();
  });

  it('no-op settings change nothing: shrink_perturb(1, 0) and l2_init(0) every step give the baseline series bit for bit', async () => {
    const base = gaussianCell({ stream: [phase('train', 2, 'epochs')] });
    const arm = gaussianCell({
      stream: [phase('train', 2, 'epochs')],
      interventions: [
        intervention('shrink_perturb', { shrink: 1, perturb: 0 }, { kind: 'every_step' }),
        intervention('l2_init', { strength: 0 }, { kind: 'every_step' }),
      ],
    });
    const [r0, r1] = [await runCell(base, { backend: 'cpu' }), await runCell(arm, { backend: 'cpu' })];
    expect(r1.status).toBe('complete');
    expect(r1.series).toEqual(r0.series);
  });

  it('every intervention runs inside a two-phase cell (reset/set_optimizer at tune, redo every 5 steps, cbp and l2 every step)', async () => {
    const stream = [phase('pre', 2, 'epochs'), phase('tune', 2, 'epochs')];
    const measures = [measure('online.accuracy', { kind: 'every', n: 4, unit: 'steps' }), measure('test.accuracy', { kind: 'every', n: 1, unit: 'epochs' })];
    const base = gaussianCell({ stream, measure: measures, model: { kind: 'mlp', hidden: [8, 8], activation: 'relu', layerNorm: true, init: 'he_uniform' } });
    const arm = {
      ...base,
      interventions: [
        intervention('reset', { layers: { kind: 'range', from: -2, to: null }, optimizer: true }, { kind: 'at', phase: 'tune' }),
        intervention('reset_optimizer', {}, { kind: 'at', phase: 'tune' }),
        intervention('set_optimizer', { lr: 0.02 }, { kind: 'at', phase: 'tune' }),
        intervention('shrink_perturb', { shrink: 0.9, perturb: 0.01, noise: 'gaussian' }, { kind: 'each_task', phase: null }),
        intervention('redo', { tau: 0.1, probe: 32 }, { kind: 'every', n: 5, unit: 'steps' }),
        intervention('continual_backprop', { rate: 0.05, maturity: 3 }, { kind: 'every_step' }),
        intervention('l2', { strength: 1e-4 }, { kind: 'every_step' }),
      ],
    };
    const [r0, r1] = [await runCell(base, { backend: 'cpu' }), await runCell(arm, { backend: 'cpu' })];
    expect(r1.status).toBe('complete');
    expect(r1.error).toBeNull();
    const key = 'online.accuracy';
    const points = (r: typeof r0, p: string) => r.series[key]!.filter((s) => s.phase === p).map((s) => s.value);
    // the pre phase differs only by the every-step interventions; the arm trains and its values are finite numbers
    for (const v of [...points(r1, 'pre'), ...points(r1, 'tune')]) expect(Number.isFinite(v)).toBe(true);
    expect(points(r1, 'tune')).not.toEqual(points(r0, 'tune'));
  });

  it('the unit-level and noise interventions leak no tensors over a whole cell', async () => {
    // (reset's and reset_optimizer's own tensors are tested in reset.test.ts; the optimiser's reset is test/optim's)
    const cell = gaussianCell({
      interventions: [
        intervention('shrink_perturb', { shrink: 0.99, perturb: 0.01 }, { kind: 'every', n: 3, unit: 'steps' }),
        intervention('redo', { tau: 0.5, probe: 32 }, { kind: 'every', n: 5, unit: 'steps' }),
        intervention('continual_backprop', { rate: 0.1, maturity: 2 }, { kind: 'every_step' }),
        intervention('l2_init', { strength: 1e-3 }, { kind: 'every_step' }),
      ],
    });
    await runCell(gaussianCell(), { backend: 'cpu' }); // warm caches first
    const before = tf.memory().numTensors;
    const r = await runCell(cell, { backend: 'cpu' });
    expect(r.status).toBe('complete');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('an arm whose intervention selects a missing layer fails before training with the layer list', async () => {
    const cell = gaussianCell({
      interventions: [intervention('reset', { layers: { kind: 'range', from: 3, to: null } }, { kind: 'at', phase: 'train' })],
    });
    await expect(runCell(cell, { backend: 'cpu' })).rejects.toThrow(CellConfigError);
    await expect(runCell(cell, { backend: 'cpu' })).rejects.toThrow(/start index 3 is out of range: the model has 2 weight layers \(dense0, head\)/);
  });
});
