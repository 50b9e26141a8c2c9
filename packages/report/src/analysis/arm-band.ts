/**
 * The interval drawn around an arm's mean of the compared metric, the same rule as every curve's band: the 95%
 * t-interval from 3 seeds on, min–max for 2 (curves.ts bandOf), none for 1; clipped to the metric's domain.
 */
import { bandOf, type Band } from './curves.ts';
import { clip, type Domain } from './metric-domain.ts';
import type { ArmStats } from './types.ts';

export function armBand(s: ArmStats, domain: Domain): { low: number | null; high: number | null; band: Band } {
  const b = s.n >= 3 ? { low: s.tLow, high: s.tHigh, band: 't' as const } : bandOf(s.values);
  return { low: clip(b.low, domain), high: clip(b.high, domain), band: b.band };
}
