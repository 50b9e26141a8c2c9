/**
 * `evaluateAccuracy` (outputs read once, hits counted on the host where every loss is a number) against
 * `evaluateChunks(...).accuracy` (the loss and arg-max kernels), on wasm and cpu: equal for ordinary outputs, ties
 * (a dead network's equal logits), outputs spread so far apart that x − max overflows, NaN and infinite inputs,
 * cross-entropy and one-hot squared error, over chunks that mix all of them.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type { LossKind } from '@plas/dsl';
import type { Batch } from '../../src/core/contracts.ts';
import { selectBackend } from '../../src/backend/select.ts';
import { forEachChunk } from '../../src/diagnostics/chunks.ts';
import { evaluateAccuracy, evaluateChunks } from '../../src/diagnostics/evaluate.ts';
import { makeRng } from '../../src/core/seed.ts';
import { denseModel, liveTensors } from './fixtures.ts';

const K = 4;
const identity = Array.from({ length: K }, (_, i) => Array.from({ length: K }, (_, j) => (i === j ? 1 : 0)));

/** Rows of logits (the identity model passes finite inputs through exactly); `special` plants one kind per row. */
function rows(n: number, seed: number, special: 'none' | 'ties' | 'spread' | 'nan' | 'inf' | 'mixed'): number[][] {
  const rng = makeRng(seed);
  return Array.from({ length: n }, (_, r) => {
    const row = Array.from({ length: K }, () => Math.round((rng.next() * 2 - 1) * 4) / 2); // halves: frequent ties
    const kind = special === 'mixed' ? (['none', 'ties', 'spread', 'nan', 'inf'] as const)[r % 5]! : special;
    if (kind === 'ties') row.fill(r % 3 === 0 ? 0 : 1.5);
    if (kind === 'spread') {
      row[r % K] = 3e38;
      row[(r + 1) % K] = -3e38;
    }
    if (kind === 'nan') row[r % K] = Number.NaN;
    if (kind === 'inf') row[r % K] = r % 2 === 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    return row;
  });
}

function batch(x: number[][], loss: LossKind, seed: number): Batch {
  const rng = makeRng(seed);
  const labels = x.map(() => rng.int(K));
  const y = loss === 'cross_entropy' ? tf.tensor1d(labels, 'int32') : tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), K), 'float32');
  return { x: tf.tensor2d(x), y };
}

describe.each(['wasm', 'cpu'] as const)('accuracy without the loss kernels on %s', (backend) => {
  afterAll(() => selectBackend('wasm'));

  it.each([
    ['cross_entropy', 'none'], ['cross_entropy', 'ties'], ['cross_entropy', 'spread'], ['cross_entropy', 'nan'],
    ['cross_entropy', 'inf'], ['cross_entropy', 'mixed'], ['squared_error', 'none'], ['squared_error', 'ties'],
    ['squared_error', 'spread'], ['squared_error', 'mixed'],
  ] as const)('%s, %s outputs: the same accuracy as the kernel path', async (loss, special) => {
    await selectBackend(backend);
    const model = denseModel([{ w: identity, b: Array(K).fill(0) }], 'linear');
    // 5 chunks of 7: specials can sit in one chunk only, or in all
    const data = batch(rows(35, 11, special), loss, 5);
    const before = liveTensors();
    const each = (fn: (chunk: Batch) => void) => forEachChunk(data, fn, 7);
    const kernels = evaluateChunks(model, loss, each).accuracy;
    const host = evaluateAccuracy(model, loss, each);
    expect(Object.is(host, kernels)).toBe(true);
    expect(liveTensors()).toBe(before);
    if (special === 'none' || special === 'ties') expect(Number.isNaN(host)).toBe(false);
    tf.dispose([data.x, data.y]);
    model.dispose();
  });

  it('ties go to the first maximum, as tfjs\'s ArgMax does', async () => {
    await selectBackend(backend);
    const model = denseModel([{ w: identity, b: Array(K).fill(0) }], 'linear');
    const data = { x: tf.tensor2d([[1, 1, 0, 0], [0, 2, 2, 1], [0, 0, 0, 0]]), y: tf.tensor1d([0, 1, 0], 'int32') };
    expect(evaluateAccuracy(model, 'cross_entropy', (fn) => fn(data))).toBe(1);
    data.y.dispose();
    const later = tf.tensor1d([1, 2, 3], 'int32');
    expect(evaluateAccuracy(model, 'cross_entropy', (fn) => fn({ x: data.x, y: later }))).toBe(0);
    tf.dispose([data.x, later]);
    model.dispose();
  });

  it('a one-output regression has no accuracy', async () => {
    await selectBackend(backend);
    const model = denseModel([{ w: [[2]], b: [0] }], 'linear');
    const data = { x: tf.tensor2d([[1], [2]]), y: tf.tensor2d([[1], [1]]) };
    expect(evaluateAccuracy(model, 'squared_error', (fn) => fn(data))).toBeNull();
    tf.dispose([data.x, data.y]);
    model.dispose();
  });
});
