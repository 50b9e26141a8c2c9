/**
 * `dormant_units(threshold=0.01, probe=2000)` — Dohare et al. 2024, the rule used for the CIFAR (ResNet)
 * experiments: hidden unit i is dormant iff the fraction of probe inputs on which it is active is below the
 * threshold,
 *   (1/N) #{x ∈ probe : h_i(x) ≠ 0} < threshold,
 * (conv layers: over inputs × positions). A dead unit (never active) is also dormant.
 * Value: per hidden layer the fraction of dormant units, `total` = number of dormant units (see `unit-record.ts`).
 */
import type { metricCatalog, ParamsOf } from '@plas/dsl/contract';
import type { MetricImpl } from '../core/contracts.ts';
import { consume } from './chunks.ts';
import { unitStats } from './probe.ts';
import { unitRecord } from './unit-record.ts';
import { implementMetric } from './implement.ts';

export function dormantFlags(active: Float64Array, observations: number, threshold: number): boolean[] {
  return Array.from(active, (a) => a / observations < threshold);
}

export const dormantUnits: MetricImpl<ParamsOf<typeof metricCatalog.dormant_units>> = (ctx, { threshold, probe }) => {
  const stats = consume(ctx.sampleTrain(probe), (b) => unitStats(ctx.model, b));
  return unitRecord(
    ctx.model,
    stats.active.map((active, i) => dormantFlags(active, stats.observations[i]!, threshold)),
  );
};

/** Registered by the metric registry, which finds this export. */
export const registration = implementMetric('dormant_units', dormantUnits);
