/**
 * Sample quantile by linear interpolation between order statistics (Hyndman & Fan 1996, definition 7; the default
 * of R's `quantile` and NumPy's `percentile`):
 *
 *   h = (n - 1) p;   Q(p) = x_(⌊h⌋) + (h - ⌊h⌋) (x_(⌊h⌋+1) - x_(⌊h⌋))      with x_(0) ≤ … ≤ x_(n-1) sorted
 */

export function quantileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('quantile of an empty sample');
  if (!(p >= 0 && p <= 1)) throw new Error(`quantile probability must lie in [0, 1], got ${p}`);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (h - lo) * (b - a);
}
