/**
 * Sample mean and sample standard deviation.
 *
 *   mean(x) = (1/n) Σ x_i
 *   sd(x)   = sqrt( Σ (x_i - mean)^2 / (n - 1) )      (Bessel's correction: the unbiased variance estimator)
 *
 * Source: any statistics text, e.g. NIST/SEMATECH e-Handbook of Statistical Methods §1.3.5.6. The sum is taken in
 * input order so that equal inputs give bitwise-equal outputs.
 */

export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new Error('mean of an empty sample');
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Sample standard deviation (n - 1); null for fewer than two values, where it is undefined. */
export function sampleSd(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const m = mean(values);
  let ss = 0;
  for (const v of values) ss += (v - m) * (v - m);
  return Math.sqrt(ss / (values.length - 1));
}
