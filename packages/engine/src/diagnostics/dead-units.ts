/**
 * `dead_units(probe=2000)` — Dohare et al. 2024 (loss-of-plasticity): hidden unit i is dead iff
 *   Σ_{x ∈ probe} |h_i(x)| = 0,
 * i.e. it outputs exactly zero on every probe input (for conv layers: at every position). The probe is
 * `ctx.sampleTrain(probe)`, a seeded sample of the current training data.
 * Value: per hidden layer the fraction of dead units, `total` = number of dead units (see `unit-record.ts`).
 */
import type { metricCatalog, ParamsOf } from '@plas/dsl/contract';
import type { MetricImpl } from '../core/contracts.ts';
import { consume } from './chunks.ts';
import { unitStats } from './probe.ts';
import { unitRecord } from './unit-record.ts';
import { implementMetric } from './implement.ts';

export function deadFlags(absSum: Float64Array): boolean[] {
  return Array.from(absSum, (s) => s === 0);
}

export const deadUnits: MetricImpl<ParamsOf<typeof metricCatalog.dead_units>> = (ctx, { probe }) => {
  const stats = consume(ctx.sampleTrain(probe), (b) => unitStats(ctx.model, b));
  return unitRecord(ctx.model, stats.absSum.map(deadFlags));
};

/** Registered by the metric registry, which finds this export. */
export const registration = implementMetric('dead_units', deadUnits);
