import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LayerInfo, Model, Optimizer } from '../../src/core/contracts.ts';
import { dormantUnits, redoFeatureScores, redoUnitScores } from '../../src/interventions/redo-score.ts';
import { recycleDormant } from '../../src/interventions/redo.ts';
import { getIntervention } from '../../src/interventions/registry.ts';
import { createModel } from '../../src/models/create-model.ts';
import { adam, context, fillState, mlp, param, setParam, snapshot, state, useCpu, values } from './helpers.ts';

beforeAll(useCpu);

let model: Model;
let opt: Optimizer;
afterEach(() => {
  model?.dispose();
  opt?.dispose();
});

/** Column `c` of a row-major [rows, cols] matrix. */
const column = (m: number[], cols: number, c: number): number[] => m.filter((_, i) => i % cols === c);
const row = (m: number[], cols: number, r: number): number[] => m.slice(r * cols, (r + 1) * cols);

describe('ReDo score', () => {
  it('s_i = mean|h_i| / mean_k mean|h_k| on a hand-made activation', () => {
    // mean |h| per unit: [2, 1, 0] → layer mean 1 → scores [2, 1, 0]
    const h = tf.tensor2d([[1, 2, 0], [3, 0, 0]]);
    const s = redoFeatureScores(h);
    [2, 1, 0].forEach((e, i) => expect(s[i]).toBeCloseTo(e, 6));
    expect(dormantUnits(s, 0)).toEqual([2]);
    expect(dormantUnits(s, 1)).toEqual([1, 2]);
    expect(dormantUnits(s, 1e6)).toEqual([0, 1, 2]);
    h.dispose();
  });

  it('conv: units are channels, the mean runs over batch and space', () => {
    // [1 example, 2x2 space, 2 channels]: channel 0 mean |h| = (1 + 2 + 3 + 2)/4 = 2, channel 1 = (0 + 0 + 0 + 4)/4 = 1
    const h = tf.tensor4d([[[[1, 0], [-2, 0]], [[3, 0], [2, -4]]]]);
    const s = redoFeatureScores(h);
    // means [2, 1], layer mean 1.5 → [4/3, 2/3]
    expect(s[0]).toBeCloseTo(4 / 3, 6);
    expect(s[1]).toBeCloseTo(2 / 3, 6);
    h.dispose();
  });

  it('a layer whose activations are all zero scores 0 everywhere (the reference\'s +1e-9), not NaN', () => {
    const h = tf.zeros([4, 3]);
    expect(Array.from(redoFeatureScores(h))).toEqual([0, 0, 0]);
    h.dispose();
  });

  it('CReLU: a unit scores the mean of its two features', () => {
    const layer = { units: 2, activationWidthFactor: 2, name: 'dense0' } as LayerInfo;
    // features [relu(z0), relu(z1), relu(-z0), relu(-z1)] with mean |.| = [1, 0, 3, 0] → scores [1, 0, 3, 0]
    const h = tf.tensor2d([[1, 0, 3, 0]]);
    const s = redoUnitScores(h, layer);
    expect(s[0]).toBeCloseTo(2, 6);
    expect(s[1]).toBeCloseTo(0, 6);
    h.dispose();
  });
});

describe('redo', () => {
  // 2 inputs → dense0 (3 relu units) → head (2): h = relu(xW + b)
  function smallModel(): void {
    model = mlp([3], 2, 2, { seed: 11 });
    setParam(model, 'dense0/kernel', [[1, 0, -1], [0, 1, -1]]);
    setParam(model, 'dense0/bias', [0.5, 0.5, -0.5]);
    setParam(model, 'head/kernel', [[1, 2], [3, 4], [5, 6]]);
    setParam(model, 'head/bias', [0.1, 0.2]);
    opt = adam(model);
    fillState(opt, model, 0.25);
  }
  // x = [[1, 2], [3, 0]]: h = [[1.5, 2.5, 0], [3.5, 0.5, 0]], mean |h| = [2.5, 1.5, 0], scores [1.875, 1.125, 0]
  const probe = (): tf.Tensor => tf.tensor2d([[1, 2], [3, 0]]);

  it('τ = 0 recycles exactly the dead unit: incoming fresh, bias 0, outgoing 0, its optimiser state 0', () => {
    smallModel();
    const x = probe();
    const seed = 4242;
    const recycled = recycleDormant(model, opt, x, 0, seed);
    expect(recycled).toEqual([{ layer: 'dense0', units: [2] }]);
    const fresh = model.freshParams(seed);
    const w = param(model, 'dense0/kernel');
    expect(column(w, 3, 0)).toEqual([1, 0]);
    expect(column(w, 3, 1)).toEqual([0, 1]);
    expect(column(w, 3, 2)).toEqual(column(values(fresh.get('dense0/kernel')!), 3, 2));
    expect(param(model, 'dense0/bias')).toEqual([0.5, 0.5, 0]);
    expect(param(model, 'head/kernel')).toEqual([1, 2, 3, 4, 0, 0]);
    expect(param(model, 'head/bias')).toEqual([0.1, 0.2].map(Math.fround));
    // optimiser: only the recycled slices are zeroed
    const k = state(opt, 'dense0/kernel');
    expect(column(k.m, 3, 2)).toEqual([0, 0]);
    expect(column(k.v, 3, 0)).toEqual([0.25, 0.25]);
    expect(state(opt, 'dense0/bias').m).toEqual([0.25, 0.25, 0]);
    expect(state(opt, 'head/kernel').v).toEqual([0.25, 0.25, 0.25, 0.25, 0, 0]);
    expect(state(opt, 'head/bias').m).toEqual([0.25, 0.25]);
    for (const t of [x, ...fresh.values()]) t.dispose();
  });

  it('τ = 1 keeps the units above the layer average (scores 1.875, 1.125); a large τ re-initialises every unit', () => {
    smallModel();
    const x = probe();
    expect(recycleDormant(model, opt, x, 1, 1)).toEqual([{ layer: 'dense0', units: [2] }]);
    model.dispose();
    opt.dispose();
    smallModel();
    expect(recycleDormant(model, opt, x, 1.2, 1)).toEqual([{ layer: 'dense0', units: [1, 2] }]);
    model.dispose();
    opt.dispose();

    smallModel();
    const seed = 7;
    expect(recycleDormant(model, opt, x, 1e6, seed)).toEqual([{ layer: 'dense0', units: [0, 1, 2] }]);
    const fresh = model.freshParams(seed);
    expect(param(model, 'dense0/kernel')).toEqual(values(fresh.get('dense0/kernel')!));
    expect(param(model, 'dense0/bias')).toEqual([0, 0, 0]);
    expect(param(model, 'head/kernel')).toEqual([0, 0, 0, 0, 0, 0]);
    expect(param(model, 'head/bias')).toEqual([0.1, 0.2].map(Math.fround)); // the head's units are never recycled
    for (const t of [x, ...fresh.values()]) t.dispose();
  });

  it('two hidden layers: all incoming re-inits come before all outgoing zeroings (as the reference)', () => {
    model = mlp([3, 2], 2, 2, { seed: 12 });
    opt = adam(model);
    const x = tf.tensor2d([[1, 2], [3, 0]]);
    const seed = 9;
    recycleDormant(model, opt, x, 1e6, seed);
    const fresh = model.freshParams(seed);
    expect(param(model, 'dense0/kernel')).toEqual(values(fresh.get('dense0/kernel')!));
    // dense1's columns were re-drawn, then all its rows zeroed as dense0's outgoing weights
    expect(param(model, 'dense1/kernel')).toEqual(new Array(6).fill(0));
    expect(param(model, 'head/kernel')).toEqual(new Array(4).fill(0));
    for (const t of [x, ...fresh.values()]) t.dispose();
  });

  it('layer norm: a recycled unit gets its gain and offset back to 1 and 0', () => {
    model = mlp([3], 2, 2, { seed: 13, layerNorm: true });
    opt = adam(model);
    setParam(model, 'dense0/norm_gain', [2, 2, 0]); // unit 2 is dead: gain 0, offset ≤ 0
    setParam(model, 'dense0/norm_offset', [1, 1, -1]);
    const x = tf.tensor2d([[1, 2], [3, 0], [-1, 1]]);
    expect(recycleDormant(model, opt, x, 0, 3)).toEqual([{ layer: 'dense0', units: [2] }]);
    expect(param(model, 'dense0/norm_gain')).toEqual([2, 2, 1]);
    expect(param(model, 'dense0/norm_offset')).toEqual([1, 1, 0]);
    x.dispose();
  });

  it('conv → flatten → dense: a channel\'s outgoing rows are those with index % C == c (NHWC)', () => {
    model = createModel({ kind: 'cnn', conv: [{ filters: 2, kernel: 1, pool: 1 }], hidden: [], activation: 'relu', layerNorm: false, init: 'he_uniform' }, [2, 2, 1], 3, 5);
    opt = adam(model);
    setParam(model, 'conv0/kernel', [[[[1, -1]]]]); // positive images: channel 1 is dead
    setParam(model, 'conv0/bias', [0, 0]);
    const head = Array.from({ length: 24 }, (_, i) => i + 1);
    setParam(model, 'head/kernel', head);
    const x = tf.ones([2, 2, 2, 1]);
    const seed = 21;
    expect(recycleDormant(model, opt, x, 0, seed)).toEqual([{ layer: 'conv0', units: [1] }]);
    const fresh = values(model.freshParams(seed).get('conv0/kernel')!);
    expect(param(model, 'conv0/kernel')).toEqual([1, fresh[1]!]);
    // flatten of [2, 2, 2] (h, w, c): rows 1, 3, 5, 7 are channel 1
    const got = param(model, 'head/kernel');
    for (let r = 0; r < 8; r++) expect(row(got, 3, r)).toEqual(r % 2 === 1 ? [0, 0, 0] : row(head, 3, r));
    x.dispose();
  });

  it('conv → conv: outgoing = kernel[:, :, c, :] of the next conv', () => {
    const spec = { kind: 'cnn' as const, conv: [{ filters: 2, kernel: 1, pool: 1 }, { filters: 2, kernel: 1, pool: 1 }], hidden: [], activation: 'relu' as const, layerNorm: false, init: 'he_uniform' as const };
    model = createModel(spec, [2, 2, 1], 2, 5);
    opt = adam(model);
    setParam(model, 'conv0/kernel', [[[[-1, 1]]]]); // channel 0 dead on positive inputs
    setParam(model, 'conv0/bias', [0, 0]);
    setParam(model, 'conv1/kernel', [[[[1, 1], [1, 1]]]]); // conv1 channels alive
    setParam(model, 'conv1/bias', [0, 0]);
    const x = tf.ones([1, 2, 2, 1]);
    expect(recycleDormant(model, opt, x, 0, 1)).toEqual([
      { layer: 'conv0', units: [0] },
      { layer: 'conv1', units: [] },
    ]);
    // conv1 kernel [1, 1, in 2, out 2]: input channel 0's row → 0
    expect(param(model, 'conv1/kernel')).toEqual([0, 0, 1, 1]);
    x.dispose();
  });

  it('CReLU: a unit whose pre-activation is always 0 is dead; both its feature rows of the next layer are zeroed', () => {
    model = mlp([2], 2, 2, { activation: 'crelu', seed: 6 });
    opt = adam(model);
    setParam(model, 'dense0/kernel', [[1, 0], [1, 0]]); // unit 1: z = 0 for every input
    setParam(model, 'dense0/bias', [0.5, 0]);
    const head = [1, 2, 3, 4, 5, 6, 7, 8];
    setParam(model, 'head/kernel', head); // rows = features [relu(z0), relu(z1), relu(-z0), relu(-z1)]
    const x = tf.tensor2d([[1, 2], [-3, 0.5]]);
    expect(recycleDormant(model, opt, x, 0, 8)).toEqual([{ layer: 'dense0', units: [1] }]);
    expect(param(model, 'head/kernel')).toEqual([1, 2, 0, 0, 5, 6, 0, 0]);
    x.dispose();
  });

  it('the intervention scores on ctx.sampleTrain(probe), uses seedFor(redo) and leaks nothing', () => {
    smallModel();
    const batch = { x: probe(), y: tf.tensor1d([0, 1], 'int32') };
    const ctx = context(model, opt, batch);
    const it = getIntervention('redo')!({ tau: 0, probe: 2 }, model);
    const before = tf.memory().numTensors;
    it.fire!(ctx, null);
    expect(tf.memory().numTensors).toBe(before);
    const fresh = model.freshParams(ctx.seeds.get('redo')!);
    expect(column(param(model, 'dense0/kernel'), 3, 2)).toEqual(column(values(fresh.get('dense0/kernel')!), 3, 2));
    for (const t of [batch.x, batch.y, ...fresh.values()]) t.dispose();
  });

  it('nothing dormant: nothing changes, bit for bit', () => {
    smallModel();
    setParam(model, 'dense0/bias', [0.5, 0.5, 5]); // unit 2 now alive
    const before = snapshot(model);
    const x = probe();
    expect(recycleDormant(model, opt, x, 0, 1)).toEqual([{ layer: 'dense0', units: [] }]);
    for (const [name, v] of before) expect(param(model, name)).toEqual(Array.from(v));
    x.dispose();
  });
});
