import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { forEachChunk, hostChunks, hostRows, toHost } from '../../src/diagnostics/chunks.ts';
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
  it('splits host arrays into forEachChunk\'s rows, as views, with several targets a row', () => {
    const size = 4;
    const x = Float32Array.from({ length: 7 * size }, (_, i) => i);
    const y = Float32Array.from({ length: 7 * 3 }, (_, i) => -i);
    const x4 = tf.tensor(x, [7, 2, 2, 1]);
    const y3 = tf.tensor2d(y, [7, 3]);
    const viaTensors: number[][][] = [];
    forEachChunk({ x: x4, y: y3 }, (c) => viaTensors.push([Array.from(c.x.dataSync()), Array.from(c.y.dataSync())]), 3);
    const chunks = hostChunks({ x, y }, size, 3);
    expect(chunks.map((c) => [Array.from(c.x), Array.from(c.y)])).toEqual(viaTensors);
    expect(chunks.every((c) => c.x.buffer === x.buffer && c.y.buffer === y.buffer)).toBe(true);
    const labels = { x, y: Int32Array.from({ length: 7 }, (_, i) => i) };
    expect(hostChunks(labels, size, 7)).toEqual([labels]);
    expect(hostChunks(labels, size, 4).map((c) => Array.from(c.y))).toEqual([[0, 1, 2, 3], [4, 5, 6]]);
    expect(hostChunks({ x: new Float32Array(0), y: new Int32Array(0) }, size, 3)).toEqual([]);
    tf.dispose([x4, y3]);
  });
});
