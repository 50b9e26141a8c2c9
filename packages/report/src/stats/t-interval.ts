/**
 * Two-sided Student-t confidence interval for a mean over seeds.
 *
 *   mean ± t_{1-α/2, n-1} · s / sqrt(n)      with s the sample sd (n - 1), level = 1 - α (0.95 by default)
 *
 * The t quantile comes from jStat (`jStat.studentt.inv`). Assumes roughly normal seed-to-seed variation; with few
 * seeds it is the interval the plasticity literature reports (see plasticity.md, "Reporting conventions").
 * Source: Student (1908); NIST/SEMATECH e-Handbook §7.2.2.1.
 */
import { createRequire } from 'node:module';
import { mean, sampleSd } from './descriptive.ts';

/** jStat ships no types; the one function used here, typed (loaded via require: jstat is CommonJS). */
const jStat = createRequire(import.meta.url)('jstat') as { studentt: { inv(p: number, dof: number): number } };

export interface TInterval {
  n: number;
  mean: number;
  sd: number;
  /** Standard error s / sqrt(n). */
  se: number;
  /** The t quantile used, t_{1-α/2, n-1}. */
  t: number;
  low: number;
  high: number;
  level: number;
}

/** The t-interval of the mean, or null for fewer than two values (no spread can be estimated). */
export function tInterval(values: readonly number[], level = 0.95): TInterval | null {
  if (!(level > 0 && level < 1)) throw new Error(`confidence level must lie in (0, 1), got ${level}`);
  const sd = sampleSd(values);
  if (sd === null) return null;
  const n = values.length;
  const m = mean(values);
  const se = sd / Math.sqrt(n);
  const t = jStat.studentt.inv(1 - (1 - level) / 2, n - 1);
  return { n, mean: m, sd, se, t, low: m - t * se, high: m + t * se, level };
}
