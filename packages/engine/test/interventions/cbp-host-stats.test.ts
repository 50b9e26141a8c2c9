/**
 * Continual backprop's statistics from host arrays (the host training step's activations, weights on the heap)
 * against the tensor path: both utilities, several steps of running means, every value bit for bit, and no tensor
 * made on the host path.
 */
import * as tf from '@tensorflow/tfjs-core';
import { tensorsMade } from '../train/fixtures.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/backend/select.ts';
import { adaptableContribution, contributions, initialCbpState } from '../../src/interventions/continual-backprop.ts';
import { mlp } from './helpers.ts';

beforeAll(async () => {
  await selectBackend('wasm');
});

/** Seeded ReLU-like activations [rows, width] with exact zeros, as a tensor and as the host step's array. */
function activations(rows: number, width: number, seed: number) {
  const tensor = tf.tidy(() => tf.relu(tf.randomNormal([rows, width], 0.2, 1.3, 'float32', seed)));
  return { tensor, host: { values: Float32Array.from(tensor.dataSync() as Float32Array), rows } };
}

describe('continual backprop statistics from host arrays', () => {
  it('equal the tensor path: contribution over two hidden layers', () => {
    const model = mlp([7, 5], 11, 3, { seed: 3 });
    const layers = model.layers.slice(0, 2);
    for (const rows of [1, 4, 9]) {
      const a = [activations(rows, 7, 10 + rows), activations(rows, 5, 20 + rows)];
      const viaTensors = contributions(model, a.map((x) => x.tensor), layers);
      const before = tensorsMade();
      const viaHost = contributions(model, a.map((x) => x.tensor), layers, a.map((x) => x.host));
      expect(tensorsMade() - before - 1).toBe(0);
      expect(viaHost).toEqual(viaTensors);
      tf.dispose(a.map((x) => x.tensor));
    }
    model.dispose();
  });

  it('equal the tensor path: adaptable_contribution, with its running means over steps', () => {
    const model = mlp([7, 5], 11, 3, { seed: 4 });
    const [tensorState, hostState] = [initialCbpState(model), initialCbpState(model)];
    for (let step = 0; step < 12; step++) {
      const rows = 1 + (step % 5);
      for (const [i, width] of [7, 5].entries()) {
        const a = activations(rows, width, 100 * step + i);
        const viaTensors = adaptableContribution(model, a.tensor, tensorState[i]!, 0.99);
        const before = tensorsMade();
        const viaHost = adaptableContribution(model, a.tensor, hostState[i]!, 0.99, a.host);
        expect(tensorsMade() - before - 1).toBe(0);
        expect(viaHost).toEqual(viaTensors);
        expect(hostState[i]!.meanAct).toEqual(tensorState[i]!.meanAct);
        for (const s of [tensorState[i]!, hostState[i]!]) s.age.forEach((_, u) => (s.age[u]! += 1));
        a.tensor.dispose();
      }
    }
    model.dispose();
  });
});
