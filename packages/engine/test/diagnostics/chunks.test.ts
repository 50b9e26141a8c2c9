import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { forEachChunk, hostRows, toHost } from '../../src/diagnostics/chunks.ts';
import { liveTensors, useCpu } from './fixtures.ts';

beforeAll(useCpu);

describe('chunking on the host', () => {
  it('visits every row once, in order, with shapes and dtypes kept, and frees what it made', () => {
    const x = tf.tensor(Float32Array.from({ length: 7 * 2 * 2 * 1 }, (_, i) => i), [7, 2, 2, 1]);
    const y = tf.tensor1d([0, 1, 2, 3, 4, 5, 6], 'int32');
    const live = liveTensors();
    const seen: { start: number; shape: number[]; dtype: string; x: number[]; y: number[] }[] = [];
    forEachChunk({ x, y }, (c, start) => {
      seen.push({ start, shape: c.x.shape, dtype: c.y.dtype, x: Array.from(c.x.dataSync()), y: Array.from(c.y.dataSync()) });
    }, 3);
    expect(liveTensors()).toBe(live);
    expect(seen.map((s) => s.start)).toEqual([0, 3, 6]);
    expect(seen.map((s) => s.shape)).toEqual([[3, 2, 2, 1], [3, 2, 2, 1], [1, 2, 2, 1]]);
    expect(seen.every((s) => s.dtype === 'int32')).toBe(true);
    expect(seen.flatMap((s) => s.x)).toEqual(Array.from(x.dataSync()));
    expect(seen.flatMap((s) => s.y)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
  it('gathers rows by index', () => {
    const x = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
    const y = tf.tensor2d([[0.5], [1.5], [2.5]]);
    const rows = hostRows(toHost({ x, y }), [2, 0]);
    expect(rows.x.arraySync()).toEqual([[5, 6], [1, 2]]);
    expect(rows.y.arraySync()).toEqual([[2.5], [0.5]]);
  });
});
