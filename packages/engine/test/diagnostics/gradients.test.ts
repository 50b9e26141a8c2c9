import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDiagnostic } from '../../src/diagnostics/registry.ts';
import { denseModel, liveTensors, makeContext, useCpu } from './fixtures.ts';

beforeAll(useCpu);

/** y = w·x + b with one output, squared error: ℓ = (w·x + b - y)². */
function linear(w: number[], b: number) {
  return denseModel([{ w: w.map((v) => [v]), b: [b] }]);
}

describe('grad_norm', () => {
  // 1000 examples (two chunks): ∂L/∂w = (2/n) Σ x r, ∂L/∂b = (2/n) Σ r with r = w x + b - y
  const n = 1000;
  const xs = Array.from({ length: n }, (_, i) => (i % 37) / 10 - 1.5);
  const ys = xs.map((x, i) => 0.5 * x + ((i % 7) - 3) / 10);
  const closedForm = (w: number, b: number, xv: number[], yv: number[]) => {
    let gw = 0;
    let gb = 0;
    xv.forEach((x, i) => {
      const r = w * x + b - yv[i]!;
      gw += (2 * x * r) / xv.length;
      gb += (2 * r) / xv.length;
    });
    return Math.hypot(gw, gb);
  };

  it('matches the closed form of a linear model with squared error, over chunks', () => {
    const ctx = makeContext(linear([1.25], -0.5), 'squared_error', {
      train: { x: xs.map((x) => [x]), y: ys.map((y) => [y]) },
    });
    const before = liveTensors();
    const value = getDiagnostic('grad_norm')!(ctx, { size: n }) as number;
    expect(liveTensors()).toBe(before);
    expect(value / closedForm(1.25, -0.5, xs, ys)).toBeCloseTo(1, 5);
    // default size 1000 = all of it here; size 10 uses the first 10 examples
    expect(getDiagnostic('grad_norm')!(ctx, {}) as number).toBeCloseTo(value, 10);
    expect((getDiagnostic('grad_norm')!(ctx, { size: 10 }) as number) / closedForm(1.25, -0.5, xs.slice(0, 10), ys.slice(0, 10))).toBeCloseTo(1, 5);
  });

  it('measures the data set named by `on` (a phase, or test)', () => {
    const ctx = makeContext(linear([0.5], 0), 'squared_error', {
      train: { x: xs.map((x) => [x]), y: ys.map((y) => [y]) },
      old: { x: [[1], [2]], y: [[0.5], [1]] }, // fitted exactly: zero gradient
      test: { x: [[1]], y: [[0]] }, // r = 0.5: (∂w, ∂b) = (1, 1)
    });
    expect(getDiagnostic('grad_norm')!(ctx, { on: 'old' })).toBe(0);
    expect(getDiagnostic('grad_norm')!(ctx, { on: 'test' }) as number).toBeCloseTo(Math.SQRT2, 6);
  });
});

describe('sharpness', () => {
  it('is 8 for x ∈ {±2} × {±0.5}: H = (2/n) Σ [x;1][x;1]ᵀ = diag(8, 0.5, 2)', () => {
    const x = [[2, 0.5], [2, -0.5], [-2, 0.5], [-2, -0.5]];
    const ctx = makeContext(linear([0.3, -0.1], 0.2), 'squared_error', { train: { x, y: [[1], [0], [0], [1]] } });
    expect(getDiagnostic('sharpness')!(ctx, {}) as number).toBeCloseTo(8, 3);
  });

  it('matches the top eigenvalue of XᵀX-type Hessians within 1e-3, restores θ bit for bit, leaks nothing', () => {
    // fixed correlated inputs; H = (2/n) AᵀA with A = [X 1]; eigenvalues from ml-matrix's symmetric EVD
    const x = Array.from({ length: 40 }, (_, i) => [Math.sin(i), Math.cos(0.7 * i) + 0.5 * Math.sin(i), (i % 5) / 4]);
    const a = new Matrix(x.map((r) => [...r, 1]));
    const h = a.transpose().mmul(a).mul(2 / x.length);
    const top = Math.max(...new EigenvalueDecomposition(h, { assumeSymmetric: true }).realEigenvalues);
    const model = linear([0.4, -0.3, 0.9], 0.1);
    const ctx = makeContext(model, 'squared_error', { train: { x, y: x.map((r) => [r[0]! - r[2]!]) } });
    const before = [...model.params.values()].map((p) => Array.from(p.dataSync()));
    const live = liveTensors();
    const value = getDiagnostic('sharpness')!(ctx, { iterations: 30 }) as number;
    expect(Math.abs(value - top) / top).toBeLessThan(1e-3);
    expect([...model.params.values()].map((p) => Array.from(p.dataSync()))).toEqual(before);
    expect(liveTensors()).toBe(live);
    expect(getDiagnostic('sharpness')!(ctx, { iterations: 30 })).toBe(value); // deterministic
  });
});

describe('gradient_noise', () => {
  it('is (1/K) Σ ||g_b - ḡ||² over single-example batches: per-example gradients 2r(x, 1)', () => {
    const x = [1, -1, 2, 0];
    const y = [0, 1, 1, -1];
    const w = 0.5;
    const b = 0.25;
    const grads = x.map((xi, i) => {
      const r = w * xi + b - y[i]!;
      return [2 * r * xi, 2 * r];
    });
    const mean = [0, 1].map((j) => grads.reduce((s, g) => s + g[j]!, 0) / 4);
    const expected = grads.reduce((s, g) => s + (g[0]! - mean[0]!) ** 2 + (g[1]! - mean[1]!) ** 2, 0) / 4;
    const ctx = makeContext(linear([w], b), 'squared_error', { train: { x: x.map((v) => [v]), y: y.map((v) => [v]) } });
    const live = liveTensors();
    expect(getDiagnostic('gradient_noise')!(ctx, { batches: 4 }) as number).toBeCloseTo(expected, 5);
    expect(liveTensors()).toBe(live);
  });
  it('is 0 when every minibatch has the same gradient, and refuses too few examples', () => {
    const ctx = makeContext(linear([1], 0), 'squared_error', {
      train: { x: [[1], [1], [1], [1]], y: [[0], [0], [0], [0]] },
    });
    expect(getDiagnostic('gradient_noise')!(ctx, { batches: 2 })).toBe(0);
    expect(() => getDiagnostic('gradient_noise')!(ctx, { batches: 5 })).toThrow(/4 examples cannot make 5 minibatches/);
  });
});

describe('sharpness on a non-quadratic loss', () => {
  it('matches the largest-magnitude Hessian eigenvalue of a 2-3-1 tanh network (Hessian by float64 differences)', () => {
    const w1 = [[0.8, -0.5, 0.3], [0.2, 0.9, -0.7]];
    const b1 = [0.1, -0.2, 0.05];
    const w2 = [[1.2], [-0.8], [0.6]];
    const b2 = [0.3];
    const xs = [[1, 0], [0, 1], [-1, 0.5], [0.3, -1.2], [2, 1], [-0.7, -0.4]];
    const ys = [0.5, -0.3, 0.8, 0.1, -1, 0.4];
    // θ = [w1 (row-major), b1, w2, b2], the loss in plain float64 JS
    const theta0 = [...w1.flat(), ...b1, ...w2.flat(), ...b2];
    const lossAt = (t: number[]) =>
      xs.reduce((sum, x, n) => {
        let out = t[12]!;
        for (let j = 0; j < 3; j++) out += Math.tanh(x[0]! * t[j]! + x[1]! * t[3 + j]! + t[6 + j]!) * t[9 + j]!;
        return sum + (out - ys[n]!) ** 2;
      }, 0) / xs.length;
    const h = 1e-4;
    const hessian = new Matrix(13, 13);
    for (let i = 0; i < 13; i++) {
      for (let j = 0; j < 13; j++) {
        const at = (di: number, dj: number) => {
          const t = [...theta0];
          t[i]! += di;
          t[j]! += dj;
          return lossAt(t);
        };
        hessian.set(i, j, (at(h, h) - at(h, -h) - at(-h, h) + at(-h, -h)) / (4 * h * h));
      }
    }
    const eig = new EigenvalueDecomposition(hessian, { assumeSymmetric: true }).realEigenvalues;
    const top = eig.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a));
    const ctx = makeContext(denseModel([{ w: w1, b: b1 }, { w: w2, b: b2 }], 'tanh'), 'squared_error', {
      train: { x: xs, y: ys.map((v) => [v]) },
    });
    const value = getDiagnostic('sharpness')!(ctx, { iterations: 60 }) as number;
    expect(Math.abs(value - top) / Math.abs(top)).toBeLessThan(1e-3);
  });
});
