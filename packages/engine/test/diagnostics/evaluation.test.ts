import { beforeAll, describe, expect, it } from 'vitest';
import { DiagnosticError } from '../../src/diagnostics/params.ts';
import { getDiagnostic } from '../../src/diagnostics/registry.ts';
import { denseModel, liveTensors, makeContext, useCpu } from './fixtures.ts';

beforeAll(useCpu);

// A linear classifier with logits x·W + b over 3 classes.
const W = [[1, 0, -1], [0, 2, 0]];
const B = [0, 0, 0.5];
const patterns: { x: number[]; label: number }[] = [
  { x: [1, 0], label: 0 }, // logits (1, 0, -0.5): right
  { x: [0, 1], label: 1 }, // logits (0, 2, 0.5): right
  { x: [-1, 0], label: 0 }, // logits (-1, 0, 1.5): wrong (predicts 2)
];
const logits = (x: number[]) => [0, 1, 2].map((k) => x[0]! * W[0]![k]! + x[1]! * W[1]![k]! + B[k]!);
const ce = (x: number[], label: number) => {
  const z = logits(x);
  const lse = Math.log(z.reduce((s, v) => s + Math.exp(v), 0));
  return lse - z[label]!;
};

function split(n: number) {
  const rows = Array.from({ length: n }, (_, i) => patterns[i % 3]!);
  return { x: rows.map((r) => r.x), y: rows.map((r) => r.label) };
}

describe('accuracy and loss', () => {
  it('train/test accuracy and cross-entropy loss of a fixed linear classifier, over chunks', () => {
    const ctx = makeContext(denseModel([{ w: W, b: B }]), 'cross_entropy', { train: split(600), test: split(4) });
    const before = liveTensors();
    expect(getDiagnostic('train.accuracy')!(ctx, {})).toBeCloseTo(2 / 3, 6);
    // test: patterns 0, 1, 2, 0 ⇒ 3 of 4 right
    expect(getDiagnostic('test.accuracy')!(ctx, {})).toBeCloseTo(3 / 4, 6);
    const trainLoss = (ce([1, 0], 0) + ce([0, 1], 1) + ce([-1, 0], 0)) / 3;
    expect(getDiagnostic('train.loss')!(ctx, {})).toBeCloseTo(trainLoss, 5);
    const testLoss = (2 * ce([1, 0], 0) + ce([0, 1], 1) + ce([-1, 0], 0)) / 4;
    expect(getDiagnostic('test.loss')!(ctx, {})).toBeCloseTo(testLoss, 5);
    // the language gives accuracy no parameters; the engine refuses what it cannot be given
    expect(() => getDiagnostic('train.accuracy')!(ctx, { size: 2 })).toThrow('metric `train.accuracy` takes no parameters');
    expect(liveTensors()).toBe(before);
  });

  it('squared error: mean over examples and outputs; accuracy refused for a one-output regression', () => {
    const ctx = makeContext(denseModel([{ w: [[2]], b: [0] }]), 'squared_error', {
      train: { x: [[1], [2]], y: [[1], [1]] }, // errors 1 and 3
      test: { x: [[0]], y: [[0]] },
    });
    expect(getDiagnostic('train.loss')!(ctx, {})).toBeCloseTo(5, 6);
    expect(getDiagnostic('test.loss')!(ctx, {})).toBe(0);
    expect(() => getDiagnostic('train.accuracy')!(ctx, {})).toThrow(DiagnosticError);
  });

  it('squared error on one-hot targets: loss averages the outputs, accuracy compares arg-maxes', () => {
    const ctx = makeContext(denseModel([{ w: [[1, 0], [0, 1]], b: [0, 0] }]), 'squared_error', {
      train: { x: [[1, 0], [0.2, 0.1]], y: [[1, 0], [0, 1]] }, // errors (0,0) and (0.2,-0.9)
    });
    expect(getDiagnostic('train.accuracy')!(ctx, {})).toBe(0.5);
    expect(getDiagnostic('train.loss')!(ctx, {})).toBeCloseTo((0.04 + 0.81) / 2 / 2, 6);
  });
});
