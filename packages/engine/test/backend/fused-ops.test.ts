/**
 * The fused training-step ops (backend/dense.ts, conv.ts, cross-entropy.ts, squared-error.ts, bias-sum.ts) give bitwise the values
 * and gradients of the separate tfjs ops they replace, on wasm with and without the accelerator, and leak nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { accelUnavailableReason, selectBackend, setAccelEnabled } from '../../src/backend/index.ts';
import { biasSum } from '../../src/backend/bias-sum.ts';
import { convLayer, maxPool2d } from '../../src/backend/conv.ts';
import { meanCrossEntropy } from '../../src/backend/cross-entropy.ts';
import { denseLayer } from '../../src/backend/dense.ts';
import { meanSquaredError } from '../../src/backend/squared-error.ts';
import { dataMatMul, fastMatMul } from '../../src/backend/fast-matmul.ts';
import { withHeldTensors } from '../../src/backend/held.ts';
import { makeRng } from '../../src/core/seed.ts';
import { exampleLosses } from '../../src/diagnostics/loss.ts';

const bytes = (t: tf.Tensor): Buffer => Buffer.from((t.dataSync() as Float32Array).slice().buffer);

function uniform(shape: number[], seed: number, scale = 1): tf.Tensor {
  const rng = makeRng(seed);
  return tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => (rng.next() * 2 - 1) * scale), shape);
}

function variable(shape: number[], seed: number, scale: number): tf.Variable {
  const init = uniform(shape, seed, scale);
  const v = tf.variable(init);
  init.dispose();
  return v;
}

type Params = { w1: tf.Variable; b1: tf.Variable; w2: tf.Variable; b2: tf.Variable; w3: tf.Variable; b3: tf.Variable };

function cnnParams(): Params {
  const v = variable;
  return { w1: v([3, 3, 1, 4], 1, 0.5), b1: v([4], 2, 0.1), w2: v([3, 3, 4, 3], 3, 0.3), b2: v([3], 4, 0.1), w3: v([12, 10], 5, 0.3), b3: v([10], 6, 0.1) };
}

/** conv(relu) → pool 2 → conv(relu) → pool 2 → dense head, cross-entropy, with the fused ops or tfjs's own. */
function lossOf(p: Params, x: tf.Tensor, y: tf.Tensor, fused: boolean): tf.Scalar {
  if (fused) {
    const h1 = maxPool2d(convLayer(x, p.w1 as tf.Tensor4D, p.b1, { relu: true, data: [16, 16, 1] }), 2);
    const h2 = maxPool2d(convLayer(h1, p.w2 as tf.Tensor4D, p.b2, { relu: true, data: null }), 2);
    return meanCrossEntropy(denseLayer(h2, p.w3 as tf.Tensor2D, p.b3, { relu: false, data: null }), y);
  }
  const x4 = tf.reshape(x, [-1, 16, 16, 1]) as tf.Tensor4D;
  const h1 = tf.maxPool(tf.relu(tf.add(tf.conv2d(x4, p.w1 as tf.Tensor4D, 1, 'valid'), p.b1)) as tf.Tensor4D, 2, 2, 'valid');
  const h2 = tf.maxPool(tf.relu(tf.add(tf.conv2d(h1, p.w2 as tf.Tensor4D, 1, 'valid'), p.b2)) as tf.Tensor4D, 2, 2, 'valid');
  const logits = tf.add(fastMatMul(tf.reshape(h2, [h2.shape[0], -1]) as tf.Tensor2D, p.w3 as tf.Tensor2D), p.b3) as tf.Tensor2D;
  return tf.mean(exampleLosses(logits, y, 'cross_entropy'));
}

/** data → dense(relu) → dense(relu) → head, the first layer as a data layer. */
function mlpLoss(p: Params, x: tf.Tensor, y: tf.Tensor, fused: boolean): tf.Scalar {
  if (fused) {
    const h1 = denseLayer(x, p.w1 as tf.Tensor2D, p.b1, { relu: true, data: 256 });
    const h2 = denseLayer(h1, p.w2 as tf.Tensor2D, p.b2, { relu: true, data: null });
    return meanCrossEntropy(denseLayer(h2, p.w3 as tf.Tensor2D, p.b3, { relu: false, data: null }), y);
  }
  const h1 = tf.relu(tf.add(dataMatMul(tf.reshape(x, [-1, 256]) as tf.Tensor2D, p.w1 as tf.Tensor2D), p.b1)) as tf.Tensor2D;
  const h2 = tf.relu(tf.add(fastMatMul(h1, p.w2 as tf.Tensor2D), p.b2)) as tf.Tensor2D;
  return tf.mean(exampleLosses(tf.add(fastMatMul(h2, p.w3 as tf.Tensor2D), p.b3) as tf.Tensor2D, y, 'cross_entropy'));
}

function mlpParams(): Params {
  const v = variable;
  return { w1: v([256, 32], 11, 0.15), b1: v([32], 12, 0.1), w2: v([32, 16], 13, 0.3), b2: v([16], 14, 0.1), w3: v([16, 10], 15, 0.3), b3: v([10], 16, 0.1) };
}

/** The loss and every gradient as bytes; `held`: inside withHeldTensors, as trainStep runs them. */
function run(make: () => Params, loss: typeof lossOf, fused: boolean, held: boolean, nan = false): Buffer[] {
  const p = make();
  const vars = Object.values(p);
  const x = uniform([9, 16, 16, 1], 21);
  if (nan) x.bufferSync().set(Number.NaN, 0, 3, 4, 0);
  const y = tf.tensor1d(Array.from({ length: 9 }, (_, i) => (i * 7) % 10), 'int32');
  try {
    const f = (): Buffer[] =>
      tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => loss(p, x, y, fused), vars);
        return [bytes(value), ...vars.map((v) => bytes(grads[v.name]!))];
      });
    return held ? withHeldTensors(f) : f();
  } finally {
    tf.dispose([...vars, x, y]);
  }
}

describe.each([true, false])('fused training-step ops on wasm, accelerator %s', (accel) => {
  const before = accelUnavailableReason() === null;
  beforeAll(async () => {
    await selectBackend('wasm');
    setAccelEnabled(accel);
  });
  afterAll(() => {
    setAccelEnabled(before);
  });

  it.each([
    ['MLP', mlpParams, mlpLoss],
    ['CNN', cnnParams, lossOf],
  ] as const)('%s: loss and gradients bitwise tfjs ops\', held or saved, with no tensor left behind', (_name, make, loss) => {
    const ref = run(make, loss, false, false);
    const start = tf.memory().numTensors;
    expect(run(make, loss, true, true)).toEqual(ref);
    const mid = tf.memory().numTensors;
    expect(run(make, loss, true, false)).toEqual(ref);
    expect([mid, tf.memory().numTensors]).toEqual([start, start]);
    expect(run(make, loss, true, true, true)).toEqual(run(make, loss, false, false, true));
  });

  /** A 20-5-K regression net (benchmark 10's shape at K = 1), squared error fused or as exampleLosses + mean. */
  function squaredErrorRun(n: number, k: number, fused: boolean, held: boolean, nan = false): Buffer[] {
    const p = { w1: variable([20, 5], 31, 0.4), b1: variable([5], 32, 0.1), w2: variable([5, k], 33, 0.5), b2: variable([k], 34, 0.1) };
    const vars = Object.values(p);
    const x = uniform([n, 20], 35 + n);
    const y = uniform([n, k], 36 + k, 3);
    if (nan) y.bufferSync().set(Number.NaN, 0, 0);
    const loss = (): tf.Scalar => {
      const h = denseLayer(x, p.w1 as tf.Tensor2D, p.b1, { relu: true, data: 20 });
      const out = denseLayer(h, p.w2 as tf.Tensor2D, p.b2, { relu: false, data: null }) as tf.Tensor2D;
      return fused ? meanSquaredError(out, y) : tf.mean(exampleLosses(out, y, 'squared_error'));
    };
    try {
      const f = (): Buffer[] =>
        tf.tidy(() => {
          const { value, grads } = tf.variableGrads(loss, vars);
          return [bytes(value), ...vars.map((v) => bytes(grads[v.name]!))];
        });
      return held ? withHeldTensors(f) : f();
    } finally {
      tf.dispose([...vars, x, y]);
    }
  }

  it.each([
    [1, 1],
    [7, 1],
    [3, 3],
    [12, 7],
    [16, 10],
  ])('squared error at batch %i with %i outputs: loss and gradients bitwise tfjs ops, held or saved, nothing left behind', (n, k) => {
    const ref = squaredErrorRun(n, k, false, false);
    const start = tf.memory().numTensors;
    expect(squaredErrorRun(n, k, true, true)).toEqual(ref);
    expect(squaredErrorRun(n, k, true, false)).toEqual(ref);
    expect(tf.memory().numTensors).toBe(start);
    expect(squaredErrorRun(n, k, true, true, true)).toEqual(squaredErrorRun(n, k, false, false, true));
  });

  // with the accelerator: its C columnSums at every size; without: the JS loop up to 16,384 elements, then tf.sum
  it('biasSum is tf.sum over the leading axes, bit for bit, special values included', () => {
    for (const shape of [[128, 100], [16, 10], [3, 5, 5, 2], [2, 24, 24, 16], [128, 24, 24, 16], [1, 7]]) {
      const t = uniform(shape, shape[0]!, 1e3);
      const buf = t.bufferSync();
      buf.values[1] = -0;
      buf.values[2] = Number.NaN;
      buf.values[buf.values.length - 1] = Number.POSITIVE_INFINITY;
      const u = buf.toTensor();
      expect(bytes(biasSum(u))).toEqual(bytes(tf.sum(u, shape.slice(0, -1).map((_, i) => i))));
      const small = uniform(shape, 3, 1e-3);
      expect(bytes(biasSum(small))).toEqual(bytes(tf.sum(small, shape.slice(0, -1).map((_, i) => i))));
      tf.dispose([t, u, small]);
    }
  });
});
