/** The contract layer: one resolver (same words as the language), shape inference, the registry, one error type. */
import { describe, expect, it } from 'vitest';
import {
  dataShape,
  inferShapes,
  interventionCatalog,
  layerNames,
  metricCatalog,
  PlasError,
  Registry,
  resolveOrThrow,
  resolveParams,
  selectLayers,
  ShapeError,
  type ModelSpec,
} from '../src/contract/index.ts';
import { compileSource as compile } from '../src/index.ts';

const mlp = (hidden: number[], activation: ModelSpec['activation'] = 'relu'): ModelSpec => ({ kind: 'mlp', hidden, activation, layerNorm: false, init: 'he_uniform' });

describe('parameter resolver', () => {
  it('fills defaults and types the result from the entry', () => {
    const p = resolveOrThrow(interventionCatalog.continual_backprop, 'intervention', { rate: 0.01 });
    const rate: number = p.rate;
    expect(rate).toBe(0.01);
    expect(p).toEqual({ rate: 0.01, maturity: 100, decay: 0.99, utility: 'contribution' });
  });

  it('reports the same words the language reports', () => {
    const text = (shrink: number): string => `experiment t {
  data mnist(train: 100, test: 100)
  model mlp(hidden: [8])
  optimizer sgd(lr: 0.1)
  stream { phase a: train on all for 1 epochs }
  baseline b: at a: shrink_perturb(shrink: ${shrink}, perturb: 0)
}`;
    const language = compile(text(1.5), 't.plas').diagnostics.find((d) => d.code === 'out-of-range')!;
    const engine = resolveParams(interventionCatalog.shrink_perturb, 'intervention', { shrink: 1.5, perturb: 0 }).problems;
    expect(engine).toEqual([{ code: 'out-of-range', message: language.message }]);
    expect(language.message).toBe('`shrink` of intervention `shrink_perturb` must be a number in [0, 1], got 1.5');
  });

  it('throws one PlasError carrying a diagnostic with the location', () => {
    const span = { file: 'x.plas', line: 3, column: 5, length: 4 };
    try {
      resolveOrThrow(metricCatalog.srank, 'metric', { delta: 0 }, span);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(PlasError);
      const d = (err as PlasError).diagnostic;
      expect(d).toMatchObject({ file: 'x.plas', line: 3, column: 5, endColumn: 8, code: 'out-of-range' });
      expect(d.message).toBe('`delta` of metric `srank` must be a number in (0, 1), got 0');
      expect((err as PlasError).message).toBe(`x.plas:3:5: ${d.message}`);
    }
  });

  it('rejects unknown and missing keys and wrong types', () => {
    const r = resolveParams(interventionCatalog.redo, 'intervention', { taus: 0.1, probe: 'x' });
    expect(r.problems.map((p) => p.code)).toEqual(['unknown-param', 'missing-param', 'type-mismatch']);
  });
});

describe('shape inference', () => {
  it('counts MACs, fan-ins and CReLU widths', () => {
    const s = inferShapes(mlp([100, 100]), [28, 28, 1], 10);
    expect(s.layers.map((l) => l.name)).toEqual(['dense0', 'dense1', 'head']);
    expect(s.macs).toBe(784 * 100 + 100 * 100 + 100 * 10);
    const c = inferShapes({ kind: 'cnn', conv: [{ filters: 4, kernel: 5, pool: 2 }], hidden: [8], activation: 'crelu', layerNorm: false, init: 'he_uniform' }, [28, 28, 1], 10);
    // conv: 24x24 out, pooled to 12x12 with 2·4 channels (CReLU doubles them)
    expect(c.layers.map((l) => l.fanIn)).toEqual([25, 12 * 12 * 8, 16]);
    expect(c.layers[0]!.macs).toBe(24 * 24 * 25 * 4);
  });

  it('rejects what cannot be built', () => {
    const cnn: ModelSpec = { kind: 'cnn', conv: [{ filters: 4, kernel: 40, pool: 2 }], hidden: [], activation: 'relu', layerNorm: false, init: 'he_uniform' };
    expect(() => inferShapes(cnn, [28, 28, 1], 10)).toThrow(/kernel 40 is larger than its 28x28 input/);
  });

  it('selects layers python-like and names the problem', () => {
    const names = layerNames(mlp([8, 8]));
    expect(selectLayers({ kind: 'range', from: -2, to: null }, names)).toEqual([1, 2]);
    expect(selectLayers({ kind: 'head' }, names)).toEqual([2]);
    expect(() => selectLayers({ kind: 'range', from: 3, to: null }, names)).toThrow(ShapeError);
  });

  it('knows the data shapes without reading files, where they are fixed', () => {
    expect(dataShape({ kind: 'mnist' })).toEqual({ inputShape: [28, 28, 1], outputs: 10, task: 'classification' });
    expect(dataShape({ kind: 'idx', path: 'x' } as never).inputShape).toBeNull();
    const ir = compile(`experiment t {
  data slowly_changing_regression(flipping_bits: 3, random_bits: 2)
  model mlp(hidden: [8])
  optimizer sgd(lr: 0.1)
  loss squared_error
  stream { phase a: train on all for 1 epochs }
  baseline b: at a: reset all
}`, 't.plas').ir!;
    expect(dataShape(ir.data)).toEqual({ inputShape: [6], outputs: 1, task: 'regression' });
    // the authors' variant has no bias input bit (the budget used to count one)
    expect(dataShape({ ...ir.data, bias: 'layer' } as never).inputShape).toEqual([5]);
  });
});

describe('registry', () => {
  it('registers against entries, once', () => {
    const r = new Registry<(typeof metricCatalog)[keyof typeof metricCatalog], () => number>('metric', metricCatalog);
    r.register('srank', () => 1);
    expect(() => r.register('srank', () => 2)).toThrow(/registered twice/);
    expect(() => r.register('nope', () => 2)).toThrow(/no such entry/);
    expect(r.unimplemented()).not.toContain('srank');
    expect(r.unimplemented()).toContain('dead_units');
  });
});
