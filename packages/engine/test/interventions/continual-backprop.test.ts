import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LayerInfo, Model, Optimizer } from '../../src/core/contracts.ts';
import { adaptableContribution, continualBackpropStep, contributions, initialCbpState, selectReplacements } from '../../src/interventions/continual-backprop.ts';
import type { CbpLayerState } from '../../src/interventions/continual-backprop.ts';
import { getIntervention } from '../../src/interventions/registry.ts';
import { outgoingMagnitude } from '../../src/interventions/units.ts';
import { createModel } from '../../src/models/create-model.ts';
import { adam, context, fillState, mlp, param, setParam, state, useCpu, values } from './helpers.ts';

beforeAll(useCpu);

let model: Model;
let opt: Optimizer;
afterEach(() => {
  model?.dispose();
  opt?.dispose();
});

const column = (m: number[], cols: number, c: number): number[] => m.filter((_, i) => i % cols === c);

function layerState(units: number): CbpLayerState {
  const layer = { name: 'dense0', units, activationWidthFactor: 1 } as LayerInfo;
  return { layer, utility: new Float64Array(units), age: new Float64Array(units), meanAct: new Float64Array(units), eligibleSteps: 0, replaced: 0 };
}

describe('continual backprop bookkeeping', () => {
  it('r = 0.01, 10 units, maturity 5: replacements at steps 15, 26, 36, 47 (counted by hand)', () => {
    // Units become eligible when age > 5, i.e. from step 6; the accumulator gains 0.01 per eligible unit per step.
    //   steps 6..15: 10 eligible → Σ = 100 unit-steps → 1st replacement at step 15 (that unit's age → 0)
    //   steps 16..20: the new unit is immature (ages 1..5): 9 eligible → 145; steps 21..26: 10 → 205 → 2nd at 26
    //   steps 27..31: 9 → 250; steps 32..36: 10 → 300 → 3rd at 36
    //   steps 37..41: 9 → 345; steps 42..47: 10 → 405 → 4th at 47
    const s = layerState(10);
    const c = Float64Array.from([5, 6, 7, 8, 9, 1, 10, 11, 12, 13]); // unit 5 contributes least
    const at: number[] = [];
    const which: number[] = [];
    for (let step = 1; step <= 50; step++) {
      const chosen = selectReplacements(s, c, { rate: 0.01, maturity: 5, decay: 0.99 });
      if (chosen.length > 0) {
        at.push(step);
        which.push(...chosen);
      }
    }
    expect(at).toEqual([15, 26, 36, 47]);
    expect(which).toEqual([5, 5, 5, 5]);
    expect(s.replaced).toBe(4);
  });

  it('nothing is replaced before maturity, nor with rate 0', () => {
    const s = layerState(4);
    const c = new Float64Array(4);
    for (let step = 1; step <= 100; step++) expect(selectReplacements(s, c, { rate: 1, maturity: 100, decay: 0.99 })).toEqual([]);
    expect(selectReplacements(s, c, { rate: 1, maturity: 100, decay: 0.99 })).toEqual([0, 1, 2, 3]); // step 101: age 101 > 100
    const z = layerState(4);
    for (let step = 1; step <= 50; step++) expect(selectReplacements(z, c, { rate: 0, maturity: 0, decay: 0.99 })).toEqual([]);
  });

  it('u ← η·u + (1-η)·c, and ranking uses the bias-corrected utility u / (1 - η^age) (gnt.py)', () => {
    const s = layerState(2);
    const settings = { rate: 0.5, maturity: 0, decay: 0.99 };
    // unit 0 is one step older and saw c = 1 before; unit 1 is brand new
    s.age.set([1, 0]);
    s.utility.set([0.01, 0]);
    const chosen = selectReplacements(s, Float64Array.from([1, 1.5]), settings);
    // raw utilities: u0 = 0.99·0.01 + 0.01·1 = 0.0199, u1 = 0.015 → raw would pick unit 1;
    // corrected: u0 / (1 - 0.99²) = 1, u1 / (1 - 0.99) = 1.5 → unit 0 is the least useful
    expect(chosen).toEqual([0]);
    expect(s.utility[1]).toBeCloseTo(0.015, 12);
    expect(Array.from(s.age)).toEqual([0, 1]);
    expect(s.utility[0]).toBe(0);
  });
});

describe('continual backprop contribution', () => {
  it('c_u = mean_batch |h_u| · Σ_k |w_out[u, k]| (hand-computed)', () => {
    model = mlp([3], 2, 2);
    setParam(model, 'dense0/kernel', [[1, 0, -1], [0, 1, -1]]);
    setParam(model, 'dense0/bias', [0.5, 0.5, -0.5]);
    setParam(model, 'head/kernel', [[1, 2], [3, -4], [5, 6]]);
    const x = tf.tensor2d([[1, 2], [3, 0]]);
    const { output, hidden } = model.forward(x);
    // mean |h| = [2.5, 1.5, 0], Σ|w_out| = [3, 7, 11]
    const [c] = contributions(model, hidden, [model.layers[0]!]);
    expect(Array.from(c!)).toEqual([7.5, 10.5, 0]);
    for (const t of [x, output, ...hidden]) t.dispose();
  });

  it('CReLU: a unit\'s two features add', () => {
    model = mlp([2], 2, 2, { activation: 'crelu' });
    setParam(model, 'head/kernel', [[1, 1], [2, 2], [3, 3], [4, 4]]);
    // features [relu(z0), relu(z1), relu(-z0), relu(-z1)], Σ|w_out| = [2, 4, 6, 8]
    const h = tf.tensor2d([[1, 0, 3, 2]]);
    const [c] = contributions(model, [h], [model.layers[0]!]);
    expect(Array.from(c!)).toEqual([1 * 2 + 3 * 6, 0 * 4 + 2 * 8]);
    h.dispose();
  });

  it('conv → flatten: Σ|w_out| of a channel sums its NHWC rows', () => {
    model = createModel({ kind: 'cnn', conv: [{ filters: 2, kernel: 1, pool: 1 }], hidden: [], activation: 'relu', layerNorm: false, init: 'he_uniform' }, [2, 2, 1], 3, 5);
    setParam(model, 'head/kernel', Array.from({ length: 24 }, (_, i) => i + 1));
    const m = outgoingMagnitude(model, model.layers[0]!);
    // channel 0 = rows 0, 2, 4, 6: 6 + 24 + 42 + 60; channel 1 = rows 1, 3, 5, 7: 15 + 33 + 51 + 69
    expect(values(m)).toEqual([132, 168]);
    m.dispose();
  });
});

describe('continual_backprop intervention', () => {
  it('replaces the least useful mature unit: incoming fresh, bias 0, outgoing 0, its optimiser state 0', () => {
    model = mlp([3], 2, 2, { seed: 3 });
    setParam(model, 'dense0/kernel', [[1, 0, 0.1], [0, 1, 0.1]]);
    setParam(model, 'dense0/bias', [0.5, 0.5, 0.5]);
    setParam(model, 'head/kernel', [[1, 2], [3, -4], [0.1, 0.1]]); // unit 2: small activation, small outgoing weights
    opt = adam(model);
    fillState(opt, model, 0.25);
    const x = tf.tensor2d([[1, 2], [3, 0]]);
    const batch = { x, y: tf.tensor1d([0, 1], 'int32') };
    const ctx = context(model, opt, batch);
    // r = 0.5 with 3 mature units (m = 2) → 1.5 per step from step 3: first replacement at step 3
    const cbp = getIntervention('continual_backprop')!({ rate: 0.5, maturity: 2 }, model);
    const fireStep = (step: number): void => {
      ctx.position.step = step;
      const [output, ...hidden] = tf.tidy(() => {
        const r = model.forward(x);
        return [r.output, ...r.hidden];
      });
      cbp.fire!(ctx, { batch, hidden });
      for (const t of [output!, ...hidden]) t.dispose();
    };
    fireStep(1);
    fireStep(2);
    expect(param(model, 'dense0/bias')).toEqual([0.5, 0.5, 0.5]);
    const before = tf.memory().numTensors;
    fireStep(3);
    // No leak: the only new tensors are the per-element Adam step counts of the 3 parameters touched (AdamGnT).
    expect(tf.memory().numTensors).toBe(before + 3);
    const fresh = model.freshParams(ctx.seeds.get('continual_backprop')!);
    const w = param(model, 'dense0/kernel');
    expect(column(w, 3, 0)).toEqual([1, 0]);
    expect(column(w, 3, 2)).toEqual(column(values(fresh.get('dense0/kernel')!), 3, 2));
    expect(param(model, 'dense0/bias')).toEqual([0.5, 0.5, 0]);
    expect(param(model, 'head/kernel')).toEqual([1, 2, 3, -4, 0, 0]);
    expect(column(state(opt, 'dense0/kernel').m, 3, 2)).toEqual([0, 0]);
    expect(column(state(opt, 'dense0/kernel').m, 3, 1)).toEqual([0.25, 0.25]);
    expect(state(opt, 'dense0/bias').v).toEqual([0.25, 0.25, 0]);
    expect(state(opt, 'head/kernel').m).toEqual([0.25, 0.25, 0.25, 0.25, 0, 0]);
    // Later replacements reuse those step-count tensors (test/optim/adam-unit-steps.test.ts checks their values).
    const atStep3 = tf.memory().numTensors;
    fireStep(4);
    expect(tf.memory().numTensors).toBe(atStep3);
    for (const t of [x, batch.y, ...fresh.values()]) t.dispose();
  });

  it('two hidden layers are processed in order, incoming then outgoing (gnt.py): joining weights end up fresh', () => {
    model = mlp([2, 2], 2, 2, { seed: 4 });
    opt = adam(model);
    const x = tf.tensor2d([[1, 2], [3, 0]]);
    const { output, hidden } = model.forward(x);
    const state = initialCbpState(model);
    // rate 1, maturity 0: every unit is due on the first step
    const seed = 31;
    const chosen = continualBackpropStep(model, opt, state, hidden, { rate: 1, maturity: 0, decay: 0.99 }, () => seed);
    expect(chosen).toEqual([[0, 1], [0, 1]]);
    const fresh = model.freshParams(seed);
    expect(param(model, 'dense0/kernel')).toEqual(values(fresh.get('dense0/kernel')!));
    expect(param(model, 'dense1/kernel')).toEqual(values(fresh.get('dense1/kernel')!));
    expect(param(model, 'head/kernel')).toEqual([0, 0, 0, 0]);
    expect(param(model, 'dense0/bias')).toEqual([0, 0]);
    for (const t of [x, output, ...hidden, ...fresh.values()]) t.dispose();
  });

  it('without the step\'s hidden activations it says how to use it', () => {
    model = mlp([2], 2, 2);
    opt = adam(model);
    const cbp = getIntervention('continual_backprop')!({ rate: 0.1 }, model);
    expect(() => cbp.fire!(context(model, opt), null)).toThrow(/continual_backprop: needs the batch's hidden activations; use it with the every_step trigger/);
  });
});

describe('continual backprop: the adaptable_contribution utility (gnt.py)', () => {
  it('c_u = Σ_k|w_out| · mean_batch|h − ĥ| / mean_i|w_in|, with ĥ the bias-corrected running mean (by hand)', () => {
    model = mlp([2], 2, 1, { seed: 3 });
    setParam(model, 'dense0/kernel', [[1, -2], [3, 0]]); // mean|w_in|: unit 0 → 2, unit 1 → 1
    setParam(model, 'head/kernel', [[0.5], [-4]]); // Σ|w_out|: unit 0 → 0.5, unit 1 → 4
    const [s] = initialCbpState(model);
    const decay = 0.9;
    // Hidden activations of a batch of 2 (given directly): unit 0 = (1, 3), unit 1 = (2, 2).
    const h1 = tf.tensor2d([[1, 2], [3, 2]]);
    const c1 = adaptableContribution(model, h1, s!, decay);
    // Step 1 (age will be 1): m = 0.1·mean h = (0.2, 0.2); ĥ = m / (1 − 0.9) = (2, 2).
    //   unit 0: mean|h − 2| = (1 + 1)/2 = 1 → c = 0.5·1/2 = 0.25;  unit 1: mean|2 − 2| = 0 → c = 0.
    expect(Array.from(s!.meanAct)).toEqual([expect.closeTo(0.2, 6), expect.closeTo(0.2, 6)]);
    expect(c1[0]).toBeCloseTo(0.25, 6);
    expect(c1[1]).toBeCloseTo(0, 6);
    s!.age[0] = 1;
    s!.age[1] = 1;
    const h2 = tf.tensor2d([[0, 4], [0, 0]]);
    const c2 = adaptableContribution(model, h2, s!, decay);
    // Step 2 (age 2): m = 0.9·0.2 + 0.1·(0, 2) = (0.18, 0.38); ĥ = m / (1 − 0.81) = (0.947368…, 2).
    //   unit 0: mean|0 − 0.947368| = 0.947368 → c = 0.5·0.947368/2;  unit 1: mean(|4 − 2|, |0 − 2|) = 2 → c = 4·2/1.
    expect(c2[0]).toBeCloseTo((0.5 * (0.18 / 0.19)) / 2, 5);
    expect(c2[1]).toBeCloseTo(8, 5);
    h1.dispose();
    h2.dispose();
  });

  it('is chosen by the utility parameter and resets a replaced unit\'s running mean', () => {
    model = mlp([3], 2, 1, { seed: 5 });
    opt = adam(model);
    const state = initialCbpState(model);
    const x = tf.tensor2d([[1, 2], [3, 0]]);
    let replaced: number[][] = [];
    for (let step = 1; step <= 4 && replaced.every((r) => r.length === 0); step++) {
      const hidden = tf.tidy(() => model.forward(x).hidden);
      replaced = continualBackpropStep(model, opt, state, hidden, { rate: 1, maturity: 1, decay: 0.99, utility: 'adaptable_contribution' }, () => 11);
      tf.dispose(hidden);
    }
    const units = replaced[0]!;
    expect(units.length).toBeGreaterThan(0);
    for (const u of units) expect(state[0]!.meanAct[u]).toBe(0);
    expect(() => getIntervention('continual_backprop')!({ rate: 0.1, utility: 'weights' }, model)).toThrow('`weights` is not allowed for `utility` of intervention `continual_backprop`');
    x.dispose();
  });
});
