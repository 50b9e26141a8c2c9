/**
 * Evaluation chunks kept for the task (DataAccess.forEachChunk, RunContext.forEachDatasetChunk): the same rows and
 * values as cutting a fresh `dataset(...)`, uploaded once per task, surviving a tf.tidy around the measurement,
 * freed at the next task and at the run's end, and not kept past the byte cap. Evaluations over them are bitwise
 * those over fresh tensors.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type { ModelSpec } from '@plas/dsl';
import { selectBackend } from '../../src/backend/select.ts';
import { loadDataset } from '../../src/data/index.ts';
import type { Dataset } from '../../src/data/index.ts';
import { evaluate, evaluateChunks } from '../../src/diagnostics/evaluate.ts';
import { EVAL_CHUNK } from '../../src/diagnostics/chunks.ts';
import { createModel } from '../../src/models/index.ts';
import { makeTaskView } from '../../src/streams/index.ts';
import { DataAccess } from '../../src/train/data-access.ts';
import type { Batch } from '../../src/core/contracts.ts';
import { phase } from './fixtures.ts';

let data: Dataset;
beforeAll(async () => {
  await selectBackend('wasm');
  // more test rows than two chunks: 512 + 512 + 76
  data = await loadDataset({ kind: 'gaussian_mixture', classes: 3, dim: 6, separation: 2, train: 700, test: 1100 }, 3);
});

const stream = [phase('a', 1, 'epochs'), phase('b', 1, 'epochs')];

function access(keepBytes?: number, loss: 'cross_entropy' | 'squared_error' = 'cross_entropy'): DataAccess {
  const a = new DataAccess(data, stream, loss, 5, keepBytes);
  a.setTask(makeTaskView(data, stream[0]!, 0, 5));
  return a;
}

/** Rows of x and y handed out by forEachChunk, with the chunk starts. */
function chunkRows(a: DataAccess, name: string): { x: number[][]; y: unknown[]; starts: number[] } {
  const out = { x: [] as number[][], y: [] as unknown[], starts: [] as number[] };
  a.forEachChunk(name, Number.MAX_SAFE_INTEGER, (chunk: Batch, start) => {
    out.starts.push(start);
    out.x.push(...(chunk.x.arraySync() as number[][]));
    out.y.push(...(chunk.y.arraySync() as unknown[]));
  });
  return out;
}

function freshRows(a: DataAccess, name: string): { x: number[][]; y: unknown[] } {
  const b = a.dataset(name, Number.MAX_SAFE_INTEGER);
  const rows = { x: b.x.arraySync() as number[][], y: b.y.arraySync() as unknown[] };
  tf.dispose([b.x, b.y]);
  return rows;
}

describe('evaluation chunks kept for the task', () => {
  it.each(['cross_entropy', 'squared_error'] as const)('hand out the rows of a fresh data set, in order (%s)', (loss) => {
    const a = access(undefined, loss);
    for (const name of ['test', 'train', 'b']) {
      const chunks = chunkRows(a, name);
      expect({ x: chunks.x, y: chunks.y }).toEqual(freshRows(a, name));
    }
    expect(chunkRows(a, 'test').starts).toEqual([0, EVAL_CHUNK, 2 * EVAL_CHUNK]);
    expect(chunkRows(a, 'train').starts).toEqual([0, EVAL_CHUNK]);
    a.dropKept();
  });

  it('upload once per task, survive a tf.tidy around the measurement, and are freed at the next task and at the end', () => {
    const a = access();
    const before = tf.memory().numTensors;
    tf.tidy(() => a.forEachChunk('test', Number.MAX_SAFE_INTEGER, () => {}));
    const kept = tf.memory().numTensors - before;
    expect(kept).toBe(6); // 3 chunks × (x, y)
    const again = chunkRows(a, 'test'); // still readable after the tidy
    expect(again.x).toHaveLength(1100);
    expect(tf.memory().numTensors - before).toBe(kept); // nothing new uploaded
    a.setTask(makeTaskView(data, stream[1]!, 0, 5));
    expect(tf.memory().numTensors).toBe(before);
    a.forEachChunk('test', Number.MAX_SAFE_INTEGER, () => {});
    a.dropKept();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('are cut and freed per call, as before, past the byte cap', () => {
    const a = access(1024);
    const before = tf.memory().numTensors;
    const rows = chunkRows(a, 'test');
    expect(tf.memory().numTensors).toBe(before);
    expect({ x: rows.x, y: rows.y }).toEqual(freshRows(a, 'test'));
  });

  it('give bitwise the loss and accuracy of an evaluation over fresh tensors', () => {
    const spec: ModelSpec = { kind: 'mlp', hidden: [16], activation: 'relu', layerNorm: false, init: 'he_uniform' };
    const model = createModel(spec, data.inputShape, data.outputs, 11);
    const a = access();
    for (const name of ['test', 'train']) {
      const fresh = a.dataset(name, Number.MAX_SAFE_INTEGER);
      const expected = evaluate(model, 'cross_entropy', fresh);
      tf.dispose([fresh.x, fresh.y]);
      for (let i = 0; i < 2; i++) {
        const got = evaluateChunks(model, 'cross_entropy', (fn) => a.forEachChunk(name, Number.MAX_SAFE_INTEGER, fn));
        expect(Object.is(got.loss, expected.loss)).toBe(true);
        expect(got).toEqual(expected);
      }
    }
    a.dropKept();
    model.dispose();
  });
});
