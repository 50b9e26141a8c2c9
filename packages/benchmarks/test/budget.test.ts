import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '@plas/dsl';
import { compileFile, type ExperimentIR } from '@plas/dsl';
import { dataShape, estimateRun, modelMacs, modelMacsByKind, msPerStep, PLAIN_WASM, WASM_OPENBLAS } from '../src/budget.ts';
import { suiteFiles } from '../src/suite.ts';

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

  it("reproduces toolchain.md's plain-wasm step time for the MLP at batch 128 within 15%", () => {
    const macs = { dense: 784 * 100 + 100 * 100 + 100 * 10, conv: 0 };
    expect(msPerStep(macs, 128, PLAIN_WASM)).toBeGreaterThan(16.8 * 0.85);
    expect(msPerStep(macs, 128, PLAIN_WASM)).toBeLessThan(16.8 * 1.15);
  });

  it('splits the work of a CNN into convolutions and dense layers', () => {
    const cnn = { kind: 'cnn', conv: [{ filters: 16, kernel: 5, pool: 2 }], hidden: [100], activation: 'relu', layerNorm: false, init: 'he_uniform' } as const;
    const macs = modelMacsByKind(cnn as unknown as ModelSpec, [28, 28, 1], 10);
    expect(macs).toEqual({ conv: 24 * 24 * 25 * 16, dense: 12 * 12 * 16 * 100 + 100 * 10 });
  });

  // The worker CPU time of every file in the latest whole default suite run (2026-12-04, 15:03-15:17 UTC, commit
  // 6f1445f; files overlapping, so per-file CPU, not cell wall time, is the clean figure), on wasm+openblas (OpenBLAS
  // core Cooperlake; seconds, docs/benchmarks.md): the accelerated calibration must stay within 0.4-2.5x of each,
  // and the plain one above it.
  const recorded: Record<string, number> = {
    '01-warm-start-cnn-adam': 363, '01-warm-start-mlp-adam': 40, '01-warm-start-mlp-sgd': 42,
    '02-pretrain-length': 42, '03-reset-layers': 66, '04-lr-x10': 43, '05-smooth-transition': 30,
    '06-multi-stage': 35, '07-shrink-perturb': 42, '08-permuted-mnist': 133, '09-random-labels': 34,
    '10-slowly-changing-regression': 140, '11-warm-start-capacity': 224, '12-narrow-interventions': 130,
    '13-warm-start-stop-at-fit': 41, '14-narrow-pretrain-length': 73, '15-narrow-smooth-transition': 40,
    '16-narrow-multi-stage': 58,
  };

  it.each(suiteFiles().map((f) => [f.split('/').at(-1)!.replace('.plas', ''), f]))('estimates %s within 2.5x of its recorded run', (name, file) => {
    const ir = compileFile(file, {}).ir as ExperimentIR;
    const seconds = recorded[name];
    expect(seconds, `no recorded time for ${name}: add it from a whole-suite run`).toBeDefined();
    const fitted = estimateRun(ir, WASM_OPENBLAS).workerMs / 1000;
    expect(fitted / seconds!).toBeGreaterThan(0.4);
    expect(fitted / seconds!).toBeLessThan(2.5);
    expect(estimateRun(ir, PLAIN_WASM).workerMs / 1000).toBeGreaterThan(seconds!);
  });
});
