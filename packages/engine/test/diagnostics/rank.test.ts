import { beforeAll, describe, expect, it } from 'vitest';
import { DiagnosticError } from '../../src/diagnostics/params.ts';
import { getDiagnostic } from '../../src/diagnostics/registry.ts';
import { denseModel, liveTensors, makeContext, useCpu } from './fixtures.ts';

beforeAll(useCpu);

// Two hidden layers: dense0 is the identity on 3 non-negative inputs (Φ = X), dense1 keeps only the first input.
const eye3 = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
function probeModel() {
  return denseModel([
    { w: eye3, b: [0, 0, 0] },
    { w: [[1, 0], [0, 0], [0, 0]], b: [0, 0] },
    { w: [[1], [1]], b: [0] },
  ]);
}
// X = diag(3, 1, 0) padded with a zero row: singular values 3, 1, 0 and n = 4
const x = [[3, 0, 0], [0, 1, 0], [0, 0, 0], [0, 0, 0]];
const context = () => makeContext(probeModel(), 'squared_error', { train: { x, y: x.map(() => [0]) } });

describe('rank diagnostics on the feature matrix of a hidden layer', () => {
  it('effective_rank of Φ = diag(3,1,0) is exp(H(0.75, 0.25)); the last hidden layer has rank 1', () => {
    const ctx = context();
    const before = liveTensors();
    expect(getDiagnostic('effective_rank')!(ctx, { layer: 0 })).toBeCloseTo(Math.exp(-(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25))), 6);
    expect(getDiagnostic('effective_rank')!(ctx, {})).toBeCloseTo(1, 6); // layer -1 = dense1: columns (x0, 0)
    expect(getDiagnostic('effective_rank')!(ctx, { layer: -2 })).toBeCloseTo(1.7548, 4);
    expect(liveTensors()).toBe(before);
  });
  it('srank at δ = 0.01 and δ = 0.3', () => {
    const ctx = context();
    expect(getDiagnostic('srank')!(ctx, { layer: 0, delta: 0.01 })).toBe(2);
    expect(getDiagnostic('srank')!(ctx, { layer: 0, delta: 0.3 })).toBe(1);
    expect(getDiagnostic('srank')!(ctx, {})).toBe(1);
  });
  it('feature_rank counts σ/√n = 1.5, 0.5, 0 above ε', () => {
    const ctx = context();
    expect(getDiagnostic('feature_rank')!(ctx, { layer: 0 })).toBe(2);
    expect(getDiagnostic('feature_rank')!(ctx, { layer: 0, eps: 0.5 })).toBe(1);
    expect(getDiagnostic('feature_rank')!(ctx, { layer: 0, eps: 2 })).toBe(0);
  });
  it('rejects a hidden layer that does not exist, and bad parameters, with a clear message', () => {
    const ctx = context();
    expect(() => getDiagnostic('effective_rank')!(ctx, { layer: 2 })).toThrow(DiagnosticError);
    expect(() => getDiagnostic('effective_rank')!(ctx, { layer: -3 })).toThrow(/layer -3 does not exist; the model has 2 hidden/);
    expect(() => getDiagnostic('srank')!(ctx, { delta: 'x' })).toThrow('`delta` of metric `srank` must be a number, not the string "x"');
    // the one range of srank's δ, the language's: (0, 1)
    expect(() => getDiagnostic('srank')!(ctx, { delta: 1 })).toThrow('`delta` of metric `srank` must be a number in (0, 1), got 1');
    expect(() => getDiagnostic('dead_units')!(ctx, { probe: 0 })).toThrow('`probe` of metric `dead_units` must be an integer ≥ 1, got 0');
  });
});
