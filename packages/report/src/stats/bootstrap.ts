/**
 * Seeded percentile bootstrap interval of the mean (Efron & Tibshirani 1993, "An Introduction to the Bootstrap",
 * ch. 13).
 *
 *   for b = 1..B:  draw n indices uniformly with replacement (seeded mulberry32), m_b = mean of the resample
 *   interval = [ Q(α/2), Q(1 - α/2) ] of {m_1..m_B}      (Q: quantile definition 7, see quantile.ts)
 *
 * Defaults: B = 10,000 resamples, seed 20231, level 0.95. The same values, seed and B always give the same
 * interval. With few seeds the percentile bootstrap is too narrow (it cannot see beyond the observed values), which
 * is why the report shows it beside the t-interval, not instead of it.
 */
import { mean } from './descriptive.ts';
import { mulberry32, randomIndex } from './prng.ts';
import { quantileSorted } from './quantile.ts';

export const DEFAULT_BOOTSTRAP_SEED = 20231;
export const DEFAULT_BOOTSTRAP_RESAMPLES = 10_000;

export interface BootstrapOptions {
  seed?: number;
  resamples?: number;
  level?: number;
}

export interface BootstrapInterval {
  n: number;
  mean: number;
  low: number;
  high: number;
  level: number;
  resamples: number;
  seed: number;
}

/** The percentile bootstrap interval of the mean, or null for fewer than two values. */
export function bootstrapInterval(values: readonly number[], options: BootstrapOptions = {}): BootstrapInterval | null {
  const seed = options.seed ?? DEFAULT_BOOTSTRAP_SEED;
  const resamples = options.resamples ?? DEFAULT_BOOTSTRAP_RESAMPLES;
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new Error(`confidence level must lie in (0, 1), got ${level}`);
  if (!Number.isInteger(resamples) || resamples < 1) throw new Error(`resamples must be a positive integer, got ${resamples}`);
  const n = values.length;
  if (n < 2) return null;
  const random = mulberry32(seed);
  const means = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[randomIndex(random, n)] as number;
    means[b] = sum / n;
  }
  means.sort();
  const sorted = Array.from(means);
  const alpha = 1 - level;
  return {
    n,
    mean: mean(values),
    low: quantileSorted(sorted, alpha / 2),
    high: quantileSorted(sorted, 1 - alpha / 2),
    level,
    resamples,
    seed,
  };
}
