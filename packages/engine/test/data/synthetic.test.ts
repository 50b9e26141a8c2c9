import { describe, expect, it } from 'vitest';
import { makeRng } from '../../src/core/seed.ts';
import type { Rng } from '../../src/core/seed.ts';
import { DataError, loadDataset } from '../../src/data/index.ts';
import { makeTargetNet, regressionStream, targetOutput } from '../../src/data/slowlyChangingRegression.ts';
import type { RegressionSpec, TargetNet } from '../../src/data/slowlyChangingRegression.ts';

describe('gaussian_mixture', () => {
  const spec = { kind: 'gaussian_mixture', classes: 3, dim: 5, separation: 4, train: 300, test: 60 } as const;

  it('is seeded, balanced, and clusters around centres at distance `separation`', async () => {
    const a = await loadDataset(spec, 1);
    const b = await loadDataset({ ...spec }, 1);
    const c = await loadDataset(spec, 2);
    expect(b.train.x).toEqual(a.train.x);
    expect(c.train.x).not.toEqual(a.train.x);
    expect(a.inputShape).toEqual([5]);
    const counts = [0, 0, 0];
    const means = [new Float64Array(5), new Float64Array(5), new Float64Array(5)];
    for (let i = 0; i < 300; i++) {
      const y = a.train.y[i]!;
      counts[y]!++;
      for (let j = 0; j < 5; j++) means[y]![j]! += a.train.x[i * 5 + j]! / 100;
    }
    expect(counts).toEqual([100, 100, 100]);
    for (const m of means) {
      const norm = Math.sqrt(m.reduce((s, v) => s + v * v, 0));
      expect(Math.abs(norm - 4)).toBeLessThan(0.6); // mean of 100 N(0, I) draws is off by ~0.22
    }
  });

  it('rejects bad parameters', async () => {
    await expect(loadDataset({ ...spec, classes: 1 }, 1)).rejects.toThrow(DataError);
    await expect(loadDataset({ ...spec, separation: -1 }, 1)).rejects.toThrow('`separation` of data source `gaussian_mixture` must be a number > 0, got -1');
    await expect(loadDataset({ ...spec, test: 0 }, 1)).rejects.toThrow('`test` of data source `gaussian_mixture` must be an integer in [1, 10000000], got 0');
  });
});

describe('slowly_changing_regression', () => {
  it('computes the LTU target by hand', () => {
    // 3 inputs (last = bias), 2 units; beta = 0.7 ⇒ θ = 2.1 − S
    const net: TargetNet = {
      inputs: 3,
      hidden: 2,
      w: Int8Array.from([1, 1, 1, 1, -1, -1]),
      threshold: Float64Array.from([2.1 - 0, 2.1 - 2]),
      v: Int8Array.from([1, -1]),
      c: 1,
    };
    // x = [1, 1, 1]: unit 0 pre 3 > 2.1 fires; unit 1 pre −1 > 0.1 no ⇒ y = 1 + 1 = 2
    expect(targetOutput(net, Float32Array.from([1, 1, 1]), 0)).toBe(2);
    // x = [1, 0, 1]: unit 0 pre 2 ≤ 2.1; unit 1 pre 0 ≤ 0.1 ⇒ y = 1
    expect(targetOutput(net, Float32Array.from([1, 0, 1]), 0)).toBe(1);
    // x = [1, 0, 0] (bias input 0, for the arithmetic): unit 1 pre 1 > 0.1 fires ⇒ y = 1 − 1 = 0
    expect(targetOutput(net, Float32Array.from([1, 0, 0]), 0)).toBe(0);
  });

  it('makes thresholds θ_i = β·d − S_i from ±1 weights', () => {
    const net = makeTargetNet(6, 4, makeRng(3));
    for (let i = 0; i < 4; i++) {
      let neg = 0;
      for (let j = 0; j < 6; j++) {
        expect(Math.abs(net.w[i * 6 + j]!)).toBe(1);
        if (net.w[i * 6 + j]! < 0) neg++;
      }
      expect(net.threshold[i]).toBeCloseTo(0.7 * 6 - neg, 12);
    }
  });

  it('flips exactly one slow bit every flipEvery examples, draws the rest fresh, ends in a bias 1', async () => {
    const spec = {
      kind: 'slowly_changing_regression',
      flippingBits: 5,
      randomBits: 3,
      flipEvery: 10,
      targetHidden: 20,
      flip: 'one',
      bias: 'input',
      threshold: 'exact',
      train: 200,
      test: 50,
    } as const;
    const ds = await loadDataset(spec, 4);
    expect(ds.kind).toBe('regression');
    expect(ds.ordered).toBe(true);
    expect(ds.outputs).toBe(1);
    expect(ds.inputShape).toEqual([9]);
    expect(ds.train.y).toBeInstanceOf(Float32Array);
    const x = ds.train.x;
    let randomChanges = 0;
    for (let t = 0; t < 200; t++) {
      expect(x[t * 9 + 8]).toBe(1);
      if (t === 0) continue;
      let flips = 0;
      for (let b = 0; b < 5; b++) if (x[t * 9 + b] !== x[(t - 1) * 9 + b]) flips++;
      expect(flips).toBe(t % 10 === 0 ? 1 : 0);
      for (let b = 5; b < 8; b++) if (x[t * 9 + b] !== x[(t - 1) * 9 + b]) randomChanges++;
    }
    expect(randomChanges).toBeGreaterThan(200); // ~ 199 · 3 / 2
    const again = await loadDataset({ ...spec }, 4);
    expect(again.train.y).toEqual(ds.train.y);
    expect(new Set(ds.train.y).size).toBeGreaterThan(1);
  });

  it("the authors' variant: all flipping bits redrawn at each change, no bias input, 20 bits", async () => {
    const spec = {
      kind: 'slowly_changing_regression',
      flippingBits: 15,
      randomBits: 5,
      flipEvery: 100,
      targetHidden: 100,
      flip: 'all',
      bias: 'layer',
      threshold: 'dohare',
      train: 2000,
      test: 50,
    } as const;
    const ds = await loadDataset(spec, 7);
    expect(ds.inputShape).toEqual([20]);
    const x = ds.train.x;
    let changesAtBoundaries = 0;
    for (let t = 1; t < 2000; t++) {
      let changed = 0;
      for (let b = 0; b < 15; b++) if (x[t * 20 + b] !== x[(t - 1) * 20 + b]) changed++;
      if (t % 100 !== 0) expect(changed).toBe(0);
      else changesAtBoundaries += changed;
    }
    // 19 redraws of 15 bits: each bit changes with probability 1/2, so ~142 changes, far above one per boundary.
    expect(changesAtBoundaries).toBeGreaterThan(19 * 3);
  });
});

describe('slowly_changing_regression targets looked up per flip period', () => {
  const base: RegressionSpec = {
    kind: 'slowly_changing_regression',
    flippingBits: 15,
    randomBits: 5,
    flipEvery: 50,
    targetHidden: 100,
    flip: 'all',
    bias: 'layer',
    threshold: 'dohare',
    train: 3000,
    test: 10,
  };
  const variants: [string, RegressionSpec][] = [
    ["the authors' problem", base],
    ['one bit flipped, a bias input, exact thresholds', { ...base, flip: 'one', bias: 'input', threshold: 'exact', flippingBits: 6, randomBits: 3, flipEvery: 7 }],
    ['no random bits', { ...base, randomBits: 0, flipEvery: 13 }],
    ['no flipping bits', { ...base, flippingBits: 0, randomBits: 8 }],
  ];

  it.each(variants)('%s: every target equals the net computed on its row', (_label, spec) => {
    const columns = spec.flippingBits + spec.randomBits + 1;
    const net = makeTargetNet(columns, spec.targetHidden, makeRng(3), 0.7, spec.threshold ?? 'exact');
    const biasInput = spec.bias !== 'layer';
    const d = biasInput ? columns : columns - 1;
    for (const flipping of [true, false]) {
      const split = regressionStream(spec, net, 3000, makeRng(5), flipping);
      const direct = Float32Array.from({ length: split.n }, (_, t) => targetOutput(net, split.x, t * d, biasInput));
      expect(Buffer.from(split.y.buffer).equals(Buffer.from(direct.buffer))).toBe(true);
      expect(new Set(split.y).size).toBeGreaterThan(1);
    }
  });
});

describe('the target net thresholds', () => {
  // One unit over n = 2 bits, drawn as weights (+1, −1) and bias −1 (sign(rng) is −1 for a draw of 0), β = 0.7.
  const scripted = (): Rng => {
    const draws = [1, 0, 0, 1, 1]; // w1, w2, bias, v, c
    let k = 0;
    return { int: () => draws[k++]! } as unknown as Rng;
  };

  it('exact: θ = β(n+1) − #{−1 among weights and bias}; dohare: S = (n − Σw + b)/2', () => {
    const exact = makeTargetNet(3, 1, scripted(), 0.7, 'exact');
    expect(Array.from(exact.w)).toEqual([1, -1, -1]);
    expect(exact.threshold[0]).toBeCloseTo(0.7 * 3 - 2, 12); // 0.1
    // Σw = 0, b = −1 → S' = (2 − 0 + (−1))/2 = 0.5 → θ = 2.1 − 0.5 = 1.6: the bias enters with the opposite sign.
    expect(makeTargetNet(3, 1, scripted(), 0.7, 'dohare').threshold[0]).toBeCloseTo(1.6, 12);
  });

  it('gives the same output with the bias as an input bit or inside the layer', () => {
    const net = makeTargetNet(3, 1, scripted(), 0.7, 'exact');
    for (const bits of [[0, 0], [1, 0], [0, 1], [1, 1]]) {
      const withBias = Float32Array.from([...bits, 1]);
      expect(targetOutput(net, withBias, 0, true)).toBe(targetOutput(net, Float32Array.from(bits), 0, false));
    }
    // pre = w·x + b: only x = (1, 0) reaches 0 > θ = 0.1? no; so every output is c = +1 (the unit never fires).
    expect(targetOutput(net, Float32Array.from([1, 0]), 0, false)).toBe(1);
  });
});
