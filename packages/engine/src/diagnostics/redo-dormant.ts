/**
 * `redo_dormant(tau=0.1, probe=2000)` — Sokar et al. 2023 (ReDo), τ-dormant units. For hidden layer ℓ with
 * activation features k = 1..K:
 *   s_k = mean_x |h_k(x)| / ( (1/K) Σ_j mean_x |h_j(x)| + 1e-9 ),     unit τ-dormant iff s ≤ τ
 * (conv layers: means over inputs × positions; CReLU: a unit's score is the mean of its two feature scores), the
 * same scores the ReDo intervention acts on: the normalisation and the rule are imported from
 * `interventions/redo-score.ts` so that the metric and the intervention cannot disagree. Here the means run over
 * the whole probe `ctx.sampleTrain(probe)`, accumulated chunk by chunk.
 * Value: per hidden layer the fraction of τ-dormant units, `total` = their number (see `unit-record.ts`).
 */
import type { metricCatalog, ParamsOf } from '@plas/dsl/contract';
import type { LayerInfo, MetricImpl } from '../core/contracts.ts';
import { dormantUnits, normaliseScores } from '../interventions/redo-score.ts';
import { consume } from './chunks.ts';
import { hiddenLayers } from './layers.ts';
import { unitStats } from './probe.ts';
import { unitRecord } from './unit-record.ts';
import { implementMetric } from './implement.ts';

/** ReDo scores per unit of `layer` from the mean |h| of each of its activation features. */
export function redoScores(meanAbs: ArrayLike<number>, layer?: Pick<LayerInfo, 'units' | 'activationWidthFactor'>): Float32Array {
  const features = normaliseScores(Float32Array.from(meanAbs));
  if (layer === undefined || layer.activationWidthFactor === 1) return features;
  const units = new Float32Array(layer.units);
  for (let u = 0; u < layer.units; u++) units[u] = (features[u]! + features[layer.units + u]!) / 2;
  return units;
}

export const redoDormant: MetricImpl<ParamsOf<typeof metricCatalog.redo_dormant>> = (ctx, { tau, probe }) => {
  const stats = consume(ctx.sampleTrain(probe), (b) => unitStats(ctx.model, b));
  const layers = hiddenLayers(ctx.model);
  return unitRecord(
    ctx.model,
    stats.absSum.map((sums, i) => {
      const obs = stats.observations[i]!;
      const scores = redoScores(Array.from(sums, (s) => s / obs), layers[i]);
      const dormant = new Set(dormantUnits(scores, tau));
      return Array.from(scores, (_, u) => dormant.has(u));
    }),
  );
};

/** Registered by the metric registry, which finds this export. */
export const registration = implementMetric('redo_dormant', redoDormant);
