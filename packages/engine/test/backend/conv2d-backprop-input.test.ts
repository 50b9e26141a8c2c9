import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../../src/backend/select.ts';
import { makeRng } from '../../src/core/seed.ts';

async function on(backend: string, f: () => tf.Tensor): Promise<Float32Array> {
  await tf.setBackend(backend);
  const t = f();
  const out = Float32Array.from(t.dataSync() as Float32Array);
  t.dispose();
  return out;
}

describe('Conv2DBackpropInput on wasm (XNNPACK path for stride 1, original kernel otherwise)', () => {
  beforeAll(async () => {
    await selectBackend('cpu');
    await selectBackend('wasm');
  });

  const rng = makeRng(777);
  const cases = Array.from({ length: 12 }, (_, i) => ({
    n: 1 + rng.int(3),
    h: 5 + rng.int(9),
    w: 5 + rng.int(9),
    ci: 1 + rng.int(4),
    co: 1 + rng.int(5),
    k: 1 + rng.int(5),
    s: i < 8 ? 1 : 2 + rng.int(2),
    pad: (i % 2 === 0 ? 'valid' : 'same') as 'valid' | 'same',
    seed: 200 + i,
  }));
  cases.push({ n: 4, h: 12, w: 12, ci: 16, co: 16, k: 5, s: 1, pad: 'valid', seed: 300 }); // Kumar CNN's conv1

  it.each(cases)('matches cpu: x=[$n,$h,$w,$ci] k=$k co=$co stride=$s pad=$pad', async (c) => {
    const ws = tf.randomNormal([c.k, c.k, c.ci, c.co], 0, 1, 'float32', c.seed).arraySync() as number[][][][];
    const outShape = tf.tidy(() => tf.conv2d(tf.zeros([c.n, c.h, c.w, c.ci]) as tf.Tensor4D, tf.tensor4d(ws), c.s, c.pad).shape);
    const dys = tf.randomNormal(outShape, 0, 1, 'float32', c.seed + 1).arraySync() as number[][][][];
    const grad = (): tf.Tensor =>
      tf.tidy(
        () =>
          tf.engine().runKernel('Conv2DBackpropInput', { dy: tf.tensor4d(dys), filter: tf.tensor4d(ws) }, {
            strides: [c.s, c.s],
            pad: c.pad,
            dataFormat: 'NHWC',
            inputShape: [c.n, c.h, c.w, c.ci],
          }) as tf.Tensor,
      );
    const cpu = await on('cpu', grad);
    const wasm = await on('wasm', grad);
    expect(wasm.length).toBe(cpu.length);
    let worst = 0;
    for (let i = 0; i < cpu.length; i++) worst = Math.max(worst, Math.abs(cpu[i]! - wasm[i]!));
    expect(worst).toBeLessThan(1e-4 * Math.max(1, ...cpu.map(Math.abs)));
  });

  it('frees its intermediates', async () => {
    await tf.setBackend('wasm');
    const w = tf.variable(tf.randomNormal([3, 3, 2, 4], 0, 0.1, 'float32', 7));
    const x = tf.variable(tf.randomNormal([2, 8, 8, 2], 0, 1, 'float32', 8));
    const step = (): void =>
      tf.tidy(() => {
        const { grads } = tf.variableGrads(() => tf.sum(tf.square(tf.conv2d(x as unknown as tf.Tensor4D, w as unknown as tf.Tensor4D, 1, 'same'))) as tf.Scalar, [x, w]);
        x.assign(tf.sub(x, tf.mul(grads[x.name]!, 0.01)));
      });
    step();
    const before = tf.memory();
    for (let i = 0; i < 5; i++) step();
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numBytes).toBe(before.numBytes);
    tf.dispose([w, x]);
  });
});
