/**
 * effective_rank, srank and feature_rank share one SVD per feature matrix: their values are exactly those of a
 * fresh SVD of the same Φ, and new weights (a new Φ) give a new spectrum, never the cached one.
 */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/backend/index.ts';
import { makeRng } from '../../src/core/seed.ts';
import { effectiveRankOf } from '../../src/diagnostics/effective-rank.ts';
import { featureRankOf } from '../../src/diagnostics/feature-rank.ts';
import { featureMatrix } from '../../src/diagnostics/probe.ts';
import { getDiagnostic } from '../../src/diagnostics/registry.ts';
import { singularValues } from '../../src/diagnostics/spectrum.ts';
import { srankOf } from '../../src/diagnostics/srank.ts';
import { createModel } from '../../src/models/index.ts';
import type { Model, RunContext } from '../../src/core/contracts.ts';
import { makeContext } from './fixtures.ts';

const PROBE = 50;

function split(n: number, dim: number, seed: number) {
  const rng = makeRng(seed);
  return { x: Array.from({ length: n }, () => Array.from({ length: dim }, () => rng.next())), y: Array.from({ length: n }, () => rng.int(3)) };
}

/** The three metrics computed directly from a fresh SVD of Φ (last hidden layer, default parameters). */
function direct(model: Model, ctx: RunContext): number[] {
  const batch = ctx.sampleTrain(PROBE);
  const phi = featureMatrix(model, batch, model.layers.filter((l) => !l.isHead).length - 1);
  tf.dispose([batch.x, batch.y]);
  const sigma = singularValues(phi);
  return [effectiveRankOf(sigma), srankOf(sigma, 0.01), featureRankOf(sigma, phi.rows, 0.01)];
}

const viaRegistry = (ctx: RunContext): number[] =>
  ['effective_rank', 'srank', 'feature_rank'].map((name) => getDiagnostic(name)!(ctx, { probe: PROBE }) as number);

describe('one SVD shared by the rank metrics', () => {
  it.each(['cpu', 'wasm'] as const)('gives exactly the values of a fresh SVD, before and after the weights change (%s)', async (backend) => {
    await selectBackend(backend);
    const model = createModel({ kind: 'mlp', hidden: [16, 12], activation: 'relu', layerNorm: false, init: 'he_uniform' }, [20], 3, 5);
    const ctx = makeContext(model, 'cross_entropy', { train: split(80, 20, 1) });
    const before = direct(model, ctx);
    expect(viaRegistry(ctx)).toEqual(before);
    expect(viaRegistry(ctx)).toEqual(before); // served from the shared spectrum: still identical
    // new weights: Φ changes, and so must the spectrum
    const last = model.params.get(model.layers[1]!.weight)!;
    last.assign(tf.mul(last, tf.randomUniform(last.shape, 0, 2, 'float32', 9)));
    const after = direct(model, ctx);
    expect(after[0]).not.toEqual(before[0]);
    expect(viaRegistry(ctx)).toEqual(after);
    model.dispose();
  });
});
