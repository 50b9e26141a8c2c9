/**
 * models/uniform.ts draws tfjs's randomUniform values itself (faster): they must be the same float32 values, bit for
 * bit, for every seed the engine derives (deriveSeed: uint32), every bound the initialisers use and every size,
 * or every fresh network, reset and shrink & perturb in every stored result would change.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../../src/backend/select.ts';
import { deriveSeed } from '../../src/core/seed.ts';
import { randomUniform, uniformValues } from '../../src/models/uniform.ts';

beforeAll(async () => {
  await selectBackend('cpu');
});

const bytes = (a: Float32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('seeded uniform draws', () => {
  const seeds = [0, 1, 7, 42, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, deriveSeed(0, 'w1'), deriveSeed(3, 'shrink_perturb', 'layer2/kernel')];
  const bounds: [number, number][] = [
    [-Math.sqrt(6 / 784), Math.sqrt(6 / 784)], // he_uniform, 784 inputs
    [-1 / Math.sqrt(100), 1 / Math.sqrt(100)], // torch_default
    [0, 1],
    [-3.5, 1e-3],
  ];

  it.each(seeds)('seed %d: the values of tf.randomUniform, bit for bit, at every bound', (seed) => {
    for (const [min, max] of bounds) {
      const expected = tf.randomUniform([784, 100], min, max, 'float32', seed);
      expect(bytes(uniformValues(784 * 100, min, max, seed)).equals(bytes(expected.dataSync() as Float32Array))).toBe(true);
      expected.dispose();
    }
  });

  it('sizes 0, 1 and odd shapes; the tensor has the shape and the values', () => {
    for (const shape of [[0], [1], [3, 5, 7], [5, 5, 1, 16]]) {
      const ours = randomUniform(shape, -0.2, 0.2, 11);
      const theirs = tf.randomUniform(shape, -0.2, 0.2, 'float32', 11);
      expect(ours.shape).toEqual(shape);
      expect(ours.dtype).toBe('float32');
      expect(bytes(ours.dataSync() as Float32Array).equals(bytes(theirs.dataSync() as Float32Array))).toBe(true);
      tf.dispose([ours, theirs]);
    }
  });

  it('different seeds draw different values', () => {
    expect(bytes(uniformValues(1000, -1, 1, 1)).equals(bytes(uniformValues(1000, -1, 1, 2)))).toBe(false);
  });
});
