/**
 * Hidden activations of the model on a probe set, reduced per unit while the probe streams through in chunks.
 *
 * A unit is a column of a dense layer's activation h ([n, width]; CReLU doubles the width) or a channel of a conv
 * layer's activation ([n, H, W, C]); for conv layers every spatial position of every input counts as one
 * observation (ReDo averages conv activations over the spatial axes the same way).
 */
import * as tf from '@tensorflow/tfjs-core';
import { Matrix } from 'ml-matrix';
import type { Batch, Model } from '../core/contracts.ts';
import { forEachChunk } from './chunks.ts';

export interface UnitStats {
  /** Per hidden layer, per unit: Σ_obs |h_i|. */
  absSum: Float64Array[];
  /** Per hidden layer, per unit: #{obs : h_i ≠ 0}. */
  active: Float64Array[];
  /** Per hidden layer: number of observations (inputs × spatial positions). */
  observations: number[];
}

export function unitStats(model: Model, probe: Batch): UnitStats {
  const stats: UnitStats = { absSum: [], active: [], observations: [] };
  forEachChunk(probe, (chunk) => {
    const reduced = tf.tidy(() =>
      model.forward(chunk.x).hidden.map((h) => {
        const width = h.shape[h.rank - 1]!;
        const flat = tf.reshape(h, [-1, width]);
        return {
          rows: flat.shape[0]!,
          absSum: tf.sum(tf.abs(flat), 0),
          active: tf.sum(tf.cast(tf.notEqual(flat, 0), 'float32'), 0),
        };
      }),
    );
    reduced.forEach((r, layer) => {
      const abs = r.absSum.dataSync();
      const act = r.active.dataSync();
      if (stats.absSum[layer] === undefined) {
        stats.absSum[layer] = new Float64Array(abs.length);
        stats.active[layer] = new Float64Array(act.length);
        stats.observations[layer] = 0;
      }
      const absAcc = stats.absSum[layer]!;
      const actAcc = stats.active[layer]!;
      for (let i = 0; i < abs.length; i++) {
        absAcc[i]! += abs[i]!;
        actAcc[i]! += act[i]!;
      }
      stats.observations[layer]! += r.rows;
      r.absSum.dispose();
      r.active.dispose();
    });
  });
  return stats;
}

/** The feature matrix Φ (probe inputs × features) of hidden layer `layer` (a position in `ForwardResult.hidden`); conv activations are flattened per input. */
export function featureMatrix(model: Model, probe: Batch, layer: number): Matrix {
  const n = probe.x.shape[0]!;
  let phi: Matrix | null = null;
  forEachChunk(probe, (chunk, start) => {
    const h = tf.tidy(() => {
      const all = model.forward(chunk.x).hidden;
      const out = all[layer];
      if (out === undefined) throw new RangeError(`hidden layer ${layer} missing from the forward pass`);
      return tf.reshape(out, [out.shape[0]!, -1]) as tf.Tensor2D;
    });
    const [rows, cols] = h.shape;
    const values = h.dataSync();
    h.dispose();
    phi ??= new Matrix(n, cols);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) phi.set(start + r, c, values[r * cols + c]!);
    }
  });
  return phi ?? new Matrix(0, 0);
}
