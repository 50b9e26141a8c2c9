import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '@plas/dsl';
import { dataShape, modelMacs, msPerStep } from '../src/budget.ts';

describe('budget estimate', () => {
  it('counts an MLP by fan_in x fan_out', () => {
    const mlp: ModelSpec = { kind: 'mlp', hidden: [100, 100], activation: 'relu', layerNorm: false, init: 'he_uniform' };
    expect(modelMacs(mlp, [28, 28, 1], 10)).toBe(784 * 100 + 100 * 100 + 100 * 10);
    expect(modelMacs({ ...mlp, activation: 'crelu' }, [28, 28, 1], 10)).toBe(784 * 100 + 200 * 100 + 200 * 10);
  });

  it("counts Kumar's CNN with valid convolutions and pooling", () => {
    const cnn: ModelSpec = {
      kind: 'cnn',
      conv: [
        { filters: 16, kernel: 5, pool: 2 },
        { filters: 16, kernel: 5, pool: 2 },
      ],
      hidden: [100, 100],
      activation: 'relu',
      layerNorm: false,
      init: 'he_uniform',
    };
    // conv1: 24·24·25·1·16; pool → 12; conv2: 8·8·25·16·16; pool → 4·4·16 = 256 features
    const expected = 24 * 24 * 25 * 16 + 8 * 8 * 25 * 16 * 16 + 256 * 100 + 100 * 100 + 100 * 10;
    expect(modelMacs(cnn, [28, 28, 1], 10)).toBe(expected);
  });

  it('doubles the channels after a CReLU conv, and says what it assumes for an IDX folder', () => {
    const cnn: ModelSpec = { kind: 'cnn', conv: [{ filters: 4, kernel: 5, pool: 2 }, { filters: 4, kernel: 5, pool: 2 }], hidden: [], activation: 'crelu', layerNorm: false, init: 'he_uniform' };
    // conv2 reads 2·4 channels: 8·8·25·8·4; features 4·4·8
    expect(modelMacs(cnn, [28, 28, 1], 10)).toBe(24 * 24 * 25 * 4 + 8 * 8 * 25 * 8 * 4 + 4 * 4 * 8 * 10);
    expect(dataShape({ data: { kind: 'mnist', train: 1, test: 1 } })).toEqual({ inputShape: [28, 28, 1], outputs: 10, assumed: null });
    expect(dataShape({ data: { kind: 'idx', path: 'x', train: 1, test: 1 } }).assumed).toMatch(/read from the files at run time; the estimate assumes 28×28×1/);
  });

  it("reproduces toolchain.md's wasm step times for the MLP within 15%", () => {
    const macs = 784 * 100 + 100 * 100 + 100 * 10;
    expect(msPerStep(macs, 128)).toBeGreaterThan(16.8 * 0.85);
    expect(msPerStep(macs, 128)).toBeLessThan(16.8 * 1.15);
  });
});
