import { beforeAll, describe, expect, it } from 'vitest';
import { getDiagnostic } from '../../src/diagnostics/registry.ts';
import { dormantFlags } from '../../src/diagnostics/dormant-units.ts';
import { redoScores } from '../../src/diagnostics/redo-dormant.ts';
import { denseModel, liveTensors, makeContext, useCpu } from './fixtures.ts';

beforeAll(useCpu);

const measure = (name: string) => getDiagnostic(name)!;

describe('dead_units (Dohare)', () => {
  it('flags a unit with zero weights and a negative bias, and only that one', () => {
    // layer dense0: units relu(x0), relu(0·x - 1) (dead), relu(x1); dense1: relu(h0 + h2), relu(-h0 - h2 - 1) (dead)
    const model = denseModel([
      { w: [[1, 0, 0], [0, 0, 1]], b: [0, -1, 0] },
      { w: [[1, -1], [5, 5], [1, -1]], b: [0, -1] },
      { w: [[1], [1]], b: [0] },
    ]);
    const ctx = makeContext(model, 'squared_error', {
      train: { x: [[1, 2], [0.5, 0], [3, 1], [0, 0]], y: [[0], [0], [0], [0]] },
    });
    const before = liveTensors();
    const value = measure('dead_units')(ctx, { probe: 2000 });
    expect(liveTensors()).toBe(before);
    expect(value).toEqual({ dense0: 1 / 3, dense1: 1 / 2, total: 2 });
  });
  it('does not call a unit dead that fires on a single probe input', () => {
    const model = denseModel([{ w: [[1]], b: [-2.5] }, { w: [[1]], b: [0] }]);
    const ctx = makeContext(model, 'squared_error', { train: { x: [[0], [1], [2], [3]], y: [[0], [0], [0], [0]] } });
    expect(measure('dead_units')(ctx, {})).toEqual({ dense0: 0, total: 0 });
    // probe of the first 3 inputs only: never active
    expect(measure('dead_units')(ctx, { probe: 3 })).toEqual({ dense0: 1, total: 1 });
  });
});

describe('dormant_units (Dohare CIFAR rule)', () => {
  it('flags units active on fewer than threshold of the probe inputs', () => {
    // 200 inputs x = 0..199; relu(x - 198.5) is active on 1/200 = 0.005, relu(x - 196.5) on 3/200 = 0.015,
    // relu(-x - 1) never, relu(x) on 199/200
    const xs = Array.from({ length: 200 }, (_, i) => [i]);
    const model = denseModel([
      { w: [[1, 1, -1, 1]], b: [-198.5, -196.5, -1, 0] },
      { w: [[1], [1], [1], [1]], b: [0] },
    ]);
    const ctx = makeContext(model, 'squared_error', { train: { x: xs, y: xs.map(() => [0]) } });
    expect(measure('dormant_units')(ctx, {})).toEqual({ dense0: 2 / 4, total: 2 });
    expect(measure('dormant_units')(ctx, { threshold: 0.02 })).toEqual({ dense0: 3 / 4, total: 3 });
    expect(measure('dormant_units')(ctx, { threshold: 0 })).toEqual({ dense0: 0, total: 0 });
  });
  it('rule: active fraction strictly below the threshold', () => {
    expect(dormantFlags(Float64Array.from([0, 1, 2, 100]), 100, 0.02)).toEqual([true, true, false, false]);
  });
});

describe('redo_dormant (Sokar ReDo)', () => {
  it('scores mean |h_i| against the layer mean (+1e-9)', () => {
    const scores = Array.from(redoScores([0.5, 1.5, 4, 2]));
    [0.25, 0.75, 2, 1].forEach((s, i) => expect(scores[i]).toBeCloseTo(s, 6));
    expect(Array.from(redoScores([0, 0]))).toEqual([0, 0]);
    // CReLU: a unit's score is the mean of its two features' scores (features u and units + u)
    const crelu = Array.from(redoScores([0.5, 1.5, 4, 2], { units: 2, activationWidthFactor: 2 }));
    expect(crelu[0]).toBeCloseTo((0.25 + 2) / 2, 6);
    expect(crelu[1]).toBeCloseTo((0.75 + 1) / 2, 6);
  });
  it('on a crafted activation matrix', () => {
    // identity hidden layer on non-negative inputs: h = x. Column means 0.5, 1.5, 4, 2 ⇒ scores 0.25, 0.75, 2, 1
    const eye = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]];
    const model = denseModel([{ w: eye, b: [0, 0, 0, 0] }, { w: [[1], [1], [1], [1]], b: [0] }]);
    const x = [[1, 3, 8, 0], [0, 0, 0, 4]];
    const ctx = makeContext(model, 'squared_error', { train: { x, y: [[0], [0]] } });
    expect(measure('redo_dormant')(ctx, { tau: 0.2500001 })).toEqual({ dense0: 1 / 4, total: 1 });
    expect(measure('redo_dormant')(ctx, { tau: 0.24 })).toEqual({ dense0: 0, total: 0 });
    expect(measure('redo_dormant')(ctx, { tau: 0.1 })).toEqual({ dense0: 0, total: 0 });
    expect(measure('redo_dormant')(ctx, { tau: 1 })).toEqual({ dense0: 3 / 4, total: 3 });
  });
});
