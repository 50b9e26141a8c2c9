/**
 * The native accelerator (@plas/accel) and both paths of every kernel it touches: with it (OpenBLAS) and without
 * (wasm's own kernels, bit for bit as before). Tests that need the built addon say so when it is missing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fileURLToPath } from 'node:url';
import { loadAccel } from '@plas/accel';
import { accelUnavailableReason, backendIdentity, selectBackend, setAccelEnabled } from '../../src/backend/index.ts';
import { packageVersions } from '../../src/core/versions.ts';
import { trainHash } from './fixtures/train-hash.ts';

const engineDir = fileURLToPath(new URL('../..', import.meta.url));
const built = loadAccel();

beforeAll(async () => {
  await selectBackend('wasm');
});
afterAll(() => {
  setAccelEnabled(true);
});

/** Run `f` with the accelerator on or off, restoring it after. */
function withAccel<T>(on: boolean, f: () => T): T {
  const before = accelUnavailableReason() === null;
  setAccelEnabled(on);
  try {
    return f();
  } finally {
    setAccelEnabled(before);
  }
}

function runChild(env: Record<string, string>): { out: { identity: string; versions: Record<string, string>; hash: string }; stderr: string } {
  const childEnv: Record<string, string | undefined> = { ...process.env, ...env };
  delete childEnv['VITEST'];
  delete childEnv['NODE_OPTIONS'];
  const script = fileURLToPath(new URL('./fixtures/accel-child.ts', import.meta.url));
  const args = ['--conditions=source', '--import', 'tsx', '--import', './dev/tfjs-core-esm-hook.mjs', script];
  const run = spawnSync(process.execPath, args, { cwd: engineDir, env: childEnv, encoding: 'utf8', timeout: 120_000 });
  if (run.status !== 0) throw new Error(`child failed (${run.status}): ${run.stderr}`);
  return { out: JSON.parse(run.stdout.trim().split('\n').pop()!), stderr: run.stderr };
}

describe('the @plas/accel addon', () => {
  it('is built in this workspace (a compiler and libopenblas-dev are installed here)', () => {
    expect(built.ok ? 'built' : built.reason).toBe('built');
  });

  it('reports OpenBLAS running on one thread', () => {
    if (!built.ok) return;
    expect(built.accel.blasInfo).toMatch(/OpenBLAS.*1 thread\(s\)$/);
  });

  it('rejects arrays shorter than their matrices instead of reading past them', () => {
    if (!built.ok) return;
    const a = new Float32Array(5);
    expect(() => built.accel.sgemm(false, false, 2, 2, 3, a, new Float32Array(6), new Float32Array(4), 1, 0, 0)).toThrow(RangeError);
  });
});

describe('the accelerator\'s Adam loop', () => {
  const f = Math.fround;
  /** Adam's update written out in float32 (one rounding per operation), the kernel path's order. */
  function reference(p: Float32Array, m: Float32Array, v: Float32Array, g: Float32Array, k: number[]): void {
    const [b1, ob1, b2, ob2, bc2, eps, step] = k.map(f) as [number, number, number, number, number, number, number];
    for (let i = 0; i < p.length; i++) {
      const mi = f(f(m[i]! * b1) + f(g[i]! * ob1));
      const vi = f(f(v[i]! * b2) + f(f(g[i]! * g[i]!) * ob2));
      m[i] = mi;
      v[i] = vi;
      p[i] = f(p[i]! - f(f(mi / f(f(f(Math.sqrt(vi)) / bc2) + eps)) * step));
    }
  }
  const specials = [0, -0, 1e-45, -3e-39, 1e-30, 3e38, -3e38, Infinity, -Infinity, NaN, 1, -1];

  // lengths around the vector widths (4 and 8 lanes, with remainders) and special values in every lane position
  it.each([1, 3, 7, 8, 9, 15, 16, 17, 33, 1001])('equals float32 arithmetic written out, for %i elements', (n) => {
    if (!built.ok) return;
    const arrays = [0, 1, 2, 3].map((a) => Float32Array.from({ length: n }, (_, i) => ((i * 7 + a * 5) % 13 === 0 ? specials[(i + a) % specials.length]! : Math.sin(i * (a + 1.3)) * 10 ** ((i % 5) - 2))));
    const [p, m, v, g] = arrays.map((x) => x.slice()) as [Float32Array, Float32Array, Float32Array, Float32Array];
    for (let i = 0; i < n; i++) v[i] = Math.abs(v[i]!);
    const want = [p, m, v].map((x) => x.slice()) as [Float32Array, Float32Array, Float32Array];
    const k = [0.9, 0.1, 0.999, 0.001, 0.0316, 1e-8, 1e-3];
    for (let step = 0; step < 3; step++) {
      built.accel.adamUpdate(p, m, v, g, ...(k as [number, number, number, number, number, number, number]));
      reference(...want, g, k);
    }
    const bits = (x: Float32Array): number[] => Array.from(new Uint32Array(x.buffer, x.byteOffset, x.length));
    expect([p, m, v].map(bits)).toEqual(want.map(bits));
  });

  it('refuses arrays that share memory instead of reading what it has just written', () => {
    if (!built.ok) return;
    const heap = new Float32Array(24);
    const [a, b, c] = [heap.subarray(0, 8), heap.subarray(8, 16), heap.subarray(16, 24)];
    expect(() => built.accel.adamUpdate(a, b, c, heap.subarray(4, 12), 0.9, 0.1, 0.999, 0.001, 1, 1e-8, 1e-3)).toThrow(/four separate arrays/);
    expect(() => built.accel.adamUpdate(a, a, c, b, 0.9, 0.1, 0.999, 0.001, 1, 1e-8, 1e-3)).toThrow(RangeError);
  });
});

describe('installing @plas/accel where it cannot be built', () => {
  it.each([
    { why: 'no C compiler', env: { CC: '/nonexistent/cc' }, says: /not built \(no C compiler/ },
    { why: 'a build switched off', env: { PLAS_ACCEL_SKIP_BUILD: '1' }, says: /not built \(PLAS_ACCEL_SKIP_BUILD/ },
  ])('with $why: one line, a successful install, and an addon reported absent (never thrown)', async ({ env, says }) => {
    const dir = mkdtempSync(join(tmpdir(), 'plas-accel-'));
    try {
      const pkg = fileURLToPath(new URL('../../../accel', import.meta.url));
      for (const f of ['package.json', 'index.js', 'scripts', 'src']) cpSync(join(pkg, f), join(dir, f), { recursive: true });
      const run = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: dir, env: { ...process.env, ...env }, encoding: 'utf8' });
      expect(run.status).toBe(0);
      expect(run.stdout.trim().split('\n')).toHaveLength(1);
      expect(run.stdout).toMatch(says);
      const copy = (await import(pathToFileURL(join(dir, 'index.js')).href)) as typeof import('@plas/accel');
      const load = copy.loadAccel();
      expect(load.ok).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('BatchMatMul with the accelerator', () => {
  const cases: { a: number[]; b: number[]; ta: boolean; tb: boolean }[] = [
    { a: [7, 5], b: [5, 3], ta: false, tb: false },
    { a: [5, 7], b: [5, 3], ta: true, tb: false },
    { a: [7, 5], b: [3, 5], ta: false, tb: true },
    { a: [5, 7], b: [3, 5], ta: true, tb: true },
    { a: [128, 784], b: [784, 100], ta: false, tb: false },
    { a: [128, 784], b: [128, 100], ta: true, tb: false },
    { a: [4, 6, 9], b: [4, 9, 2], ta: false, tb: false },
    { a: [4, 9, 6], b: [9, 2], ta: true, tb: false },
    { a: [1, 6, 9], b: [3, 2, 9], ta: false, tb: true },
    { a: [2, 3, 6, 9], b: [2, 3, 9, 4], ta: false, tb: false },
    { a: [0, 5], b: [5, 3], ta: false, tb: false },
    { a: [4, 0], b: [0, 3], ta: false, tb: false },
  ];
  it.each(cases)('equals wasm on a $a × $b (transposeA $ta, transposeB $tb)', ({ a, b, ta, tb }) => {
    if (!built.ok) return;
    const seed = a.length * 31 + b[0]!;
    const x = tf.randomNormal(a, 0, 1, 'float32', seed);
    const y = tf.randomNormal(b, 0, 1, 'float32', seed + 1);
    const k = ta ? a[a.length - 2]! : a[a.length - 1]!;
    // an empty inner dimension: a sum of nothing is 0 (wasm's XNNPACK refuses it and leaves its output uninitialised)
    const viaWasm = k === 0 ? tf.zeros([a[0]!, b[1]!]) : withAccel(false, () => tf.matMul(x, y, ta, tb));
    const viaBlas = withAccel(true, () => tf.matMul(x, y, ta, tb));
    expect(viaBlas.shape).toEqual(viaWasm.shape);
    const w = viaWasm.dataSync();
    const o = viaBlas.dataSync();
    if (k === 0) expect(Array.from(o).every((v) => v === 0)).toBe(true);
    else for (let i = 0; i < w.length; i++) expect(Math.abs(o[i]! - w[i]!)).toBeLessThanOrEqual(1e-5 * Math.sqrt(k) * (1 + Math.abs(w[i]!)));
    tf.dispose([x, y, viaWasm, viaBlas]);
  });

  it('keeps wasm\'s shape error for mismatched inner sizes', () => {
    if (!built.ok) return;
    withAccel(true, () => expect(() => tf.matMul(tf.zeros([2, 3]), tf.zeros([4, 2]))).toThrow(/inner shapes/));
  });
});

describe('convolutions with the accelerator', () => {
  const cases: { x: number[]; f: number[]; stride: number; pad: 'valid' | 'same' }[] = [
    { x: [4, 28, 28, 1], f: [5, 5, 1, 16], stride: 1, pad: 'valid' },
    { x: [3, 12, 12, 16], f: [5, 5, 16, 16], stride: 1, pad: 'valid' },
    { x: [2, 9, 11, 3], f: [3, 3, 3, 8], stride: 2, pad: 'same' },
    { x: [2, 10, 10, 4], f: [3, 2, 4, 5], stride: 3, pad: 'valid' },
    { x: [2, 7, 7, 2], f: [3, 3, 2, 4], stride: 1, pad: 'same' },
  ];
  it.each(cases)('value and both gradients equal wasm\'s on x $x, filter $f, stride $stride, $pad', ({ x, f, stride, pad }) => {
    if (!built.ok) return;
    const input = tf.randomNormal(x, 0, 1, 'float32', x[1]);
    const filter = tf.randomNormal(f, 0, 0.3, 'float32', f[3]);
    const weights = tf.randomNormal(tf.conv2d(input as tf.Tensor4D, filter as tf.Tensor4D, stride, pad).shape, 0, 1, 'float32', 3);
    const run = (): Float32Array[] => {
      const loss = (a: tf.Tensor, b: tf.Tensor): tf.Scalar => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, stride, pad), weights));
      const { value, grads } = tf.valueAndGrads(loss)([input, filter]);
      const y = tf.conv2d(input as tf.Tensor4D, filter as tf.Tensor4D, stride, pad);
      const out = [y, ...grads, value].map((t) => t.dataSync() as Float32Array);
      tf.dispose([y, value, ...grads]);
      return out;
    };
    const viaWasm = withAccel(false, run);
    const viaBlas = withAccel(true, run);
    viaWasm.forEach((w, i) => {
      const o = viaBlas[i]!;
      expect(o.length).toBe(w.length);
      const scale = Math.max(1, ...Array.from(w, Math.abs));
      for (let j = 0; j < w.length; j++) expect(Math.abs(o[j]! - w[j]!)).toBeLessThanOrEqual(1e-4 * scale);
    });
    tf.dispose([input, filter, weights]);
  });
});

describe('training with and without the accelerator', () => {
  it('is bitwise reproducible run to run with the accelerator, and names it in the backend identity', () => {
    if (!built.ok) return;
    withAccel(true, () => {
      expect(backendIdentity()).toBe('wasm+openblas');
      expect(packageVersions()['openblas (@plas/accel)']).toMatch(/OpenBLAS/);
      expect(trainHash('mlp', 12)).toBe(trainHash('mlp', 12));
      expect(trainHash('cnn', 3)).toBe(trainHash('cnn', 3));
    });
  });

  it('without it is plain wasm, reproducible, and recorded as such', () => {
    withAccel(false, () => {
      expect(backendIdentity()).toBe('wasm');
      expect(packageVersions()['openblas (@plas/accel)']).toBeUndefined();
      expect(trainHash('mlp', 12)).toBe(trainHash('mlp', 12));
    });
  });

  it('PLAS_ACCEL=0 in a fresh process: one debug line, plain wasm, bitwise the in-process fallback', () => {
    const plain = withAccel(false, () => trainHash('mlp', 12));
    const { out, stderr } = runChild({ PLAS_ACCEL: '0', PLAS_DEBUG: '1' });
    expect(stderr.split('\n').filter((l) => l.includes('native accelerator'))).toHaveLength(1);
    expect(out.identity).toBe('wasm');
    expect(out.hash).toBe(plain);
    if (built.ok) {
      const accelerated = runChild({ PLAS_DEBUG: '' });
      expect(accelerated.stderr).not.toMatch(/native accelerator/);
      expect(accelerated.out.identity).toBe('wasm+openblas');
      expect(accelerated.out.hash).toBe(withAccel(true, () => trainHash('mlp', 12)));
    }
  }, 240_000);
});
