import { describe, expect, it, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../../src/backend/select.ts';
import { makeRng } from '../../src/core/seed.ts';

/** Runs `f` on a backend and returns plain numbers, so the two backends can be compared. */
async function on(backend: string, f: () => tf.Tensor): Promise<Float32Array> {
  await tf.setBackend(backend);
  const t = f();
  const out = t.dataSync() as Float32Array;
  t.dispose();
  return Float32Array.from(out);
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe('Conv2DBackpropFilter on wasm', () => {
  beforeAll(async () => {
    await selectBackend('cpu');
    await selectBackend('wasm');
  });

  const rng = makeRng(12345);
  const cases = Array.from({ length: 12 }, (_, i) => {
    const n = 1 + rng.int(4);
    const h = 5 + rng.int(9);
    const w = 5 + rng.int(9);
    const ci = 1 + rng.int(4);
    const co = 1 + rng.int(5);
    const k = 1 + rng.int(Math.min(h, w, 5));
    const s = 1 + rng.int(3);
    const pad: 'valid' | 'same' = i % 2 === 0 ? 'valid' : 'same';
    return { n, h, w, ci, co, k, s, pad, seed: i + 1 };
  });
  // the forward floors its output size, so the backprop conv yields more rows than the filter has: cropped
  cases.push({ n: 2, h: 8, w: 9, ci: 3, co: 2, k: 3, s: 2, pad: 'valid', seed: 99 });
  cases.push({ n: 3, h: 28, w: 28, ci: 1, co: 16, k: 5, s: 1, pad: 'valid', seed: 98 });

  it.each(cases)('matches cpu: x=[$n,$h,$w,$ci] k=$k co=$co stride=$s pad=$pad', async (c) => {
    const xs = tf.randomNormal([c.n, c.h, c.w, c.ci], 0, 1, 'float32', c.seed).arraySync() as number[][][][];
    const outShape = tf.conv2d(tf.zeros([c.n, c.h, c.w, c.ci]) as tf.Tensor4D, tf.zeros([c.k, c.k, c.ci, c.co]) as tf.Tensor4D, c.s, c.pad).shape;
    const dys = tf.randomNormal(outShape, 0, 1, 'float32', c.seed + 100).arraySync() as number[][][][];
    const grad = (): tf.Tensor =>
      tf.tidy(() =>
        tf.engine().runKernel('Conv2DBackpropFilter', { x: tf.tensor4d(xs), dy: tf.tensor4d(dys) }, {
          strides: [c.s, c.s],
          pad: c.pad,
          dataFormat: 'NHWC',
          filterShape: [c.k, c.k, c.ci, c.co],
        }) as tf.Tensor,
      );
    const cpu = await on('cpu', grad);
    const wasm = await on('wasm', grad);
    expect(maxAbsDiff(cpu, wasm)).toBeLessThan(1e-4 * Math.max(1, ...cpu.map(Math.abs)));
  });

  it('trains a conv layer through tf.variableGrads and frees its intermediates', async () => {
    await tf.setBackend('wasm');
    const w = tf.variable(tf.randomNormal([3, 3, 2, 4], 0, 0.1, 'float32', 7));
    const x = tf.randomNormal([2, 8, 8, 2], 0, 1, 'float32', 8) as tf.Tensor4D;
    const step = (): void =>
      tf.tidy(() => {
        const { grads } = tf.variableGrads(() => tf.sum(tf.square(tf.conv2d(x, w as unknown as tf.Tensor4D, 2, "same"))) as tf.Scalar, [w]);
        w.assign(tf.sub(w, tf.mul(grads[w.name]!, 0.01)));
      });
    step();
    const before = tf.memory().numTensors;
    const bytesBefore = tf.memory().numBytes;
    for (let i = 0; i < 5; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    expect(tf.memory().numBytes).toBe(bytesBefore);
    w.dispose();
    x.dispose();
  });
});

describe('UnsortedSegmentSum on wasm', () => {
  it('matches cpu, also as the gradient of tf.gather', async () => {
    await selectBackend('cpu');
    await selectBackend('wasm');
    const xs = tf.randomNormal([7, 3], 0, 1, 'float32', 3).arraySync() as number[][];
    const ids = [2, 0, 2, 4, 1, 0, 9];
    const seg = (): tf.Tensor => tf.tidy(() => tf.unsortedSegmentSum(tf.tensor2d(xs), tf.tensor1d(ids, 'int32'), 5));
    expect(maxAbsDiff(await on('cpu', seg), await on('wasm', seg))).toBeLessThan(1e-6);
    const gatherGrad = (): tf.Tensor =>
      tf.tidy(() => tf.grad((t: tf.Tensor) => tf.sum(tf.square(tf.gather(t, tf.tensor1d([0, 2, 2, 1], "int32")))))(tf.tensor2d(xs)));
    expect(maxAbsDiff(await on('cpu', gatherGrad), await on('wasm', gatherGrad))).toBeLessThan(1e-5);
  });
});
