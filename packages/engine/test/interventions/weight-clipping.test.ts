import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Model } from '../../src/core/contracts.ts';
import { getIntervention } from '../../src/interventions/registry.ts';
import { adam, context, mlp, param, setParam, snapshot, useCpu } from './helpers.ts';

beforeAll(useCpu);

let model: Model;
afterEach(() => model?.dispose());

function fire(kappa: number, m: Model): void {
  const opt = adam(m);
  getIntervention('weight_clipping')!({ kappa }, m).fire!(context(m, opt), null);
  opt.dispose();
}

describe('weight_clipping', () => {
  it('clips each layer to ±κ/√fan_in, weights and biases, head included; layer norm untouched', () => {
    model = mlp([2], 4, 1, { layerNorm: true });
    // dense0: fan_in 4 → s = 1/2; head: fan_in 2 → s = 1/√2
    setParam(model, 'dense0/kernel', [[3, -0.1], [0.2, -3], [0, 1], [-1, 0.5]]);
    setParam(model, 'dense0/bias', [2, -0.25]);
    setParam(model, 'dense0/norm_gain', [5, -5]);
    setParam(model, 'head/kernel', [[4], [-0.5]]);
    setParam(model, 'head/bias', [-9]);
    fire(2, model); // limits: dense0 1, head √2
    expect(param(model, 'dense0/kernel')).toEqual([1, -0.1, 0.2, -1, 0, 1, -1, 0.5].map((x) => Math.fround(x)));
    expect(param(model, 'dense0/bias')).toEqual([1, -0.25]);
    expect(param(model, 'dense0/norm_gain')).toEqual([5, -5]);
    expect(param(model, 'head/kernel')).toEqual([Math.fround(Math.SQRT2), -0.5]);
    expect(param(model, 'head/bias')).toEqual([-Math.fround(Math.SQRT2)]);
  });

  it('leaves weights inside the bounds bit-identical, and a second fire changes nothing', () => {
    model = mlp([8, 8], 5, 3);
    const before = snapshot(model);
    fire(1e6, model);
    for (const [name, v] of before) expect(param(model, name)).toEqual(Array.from(v));
    fire(0.5, model);
    const once = snapshot(model);
    fire(0.5, model);
    for (const [name, v] of once) expect(param(model, name)).toEqual(Array.from(v));
  });

  it('needs a positive κ, in the language\'s words', () => {
    model = mlp([2], 2, 1);
    expect(() => getIntervention('weight_clipping')!({ kappa: 0 }, model)).toThrow('`kappa` of intervention `weight_clipping` must be a number > 0, got 0');
  });
});
