/**
 * A stored value that no computation could give (an accuracy of 1e308, a negative norm) is flagged instead of
 * averaged into a report. The range of each metric is the catalog's (`domain` of @plas/dsl's metric entries: the
 * one definition the report also uses to clip its bands); metrics it leaves unbounded (sharpness: the top Hessian
 * eigenvalue can be negative) are only required to be finite, which the shape check already does.
 */
import { metricEntry, type MetricDomain } from '@plas/dsl/contract';
import type { CellRecord } from '../record.ts';

/** A little slack at the bounds, for values computed in float32 (a fraction of 1 + 1 ulp is not tampering). */
const SLACK = 1e-6;
const outside = (x: number, d: { min: number; max: number }): boolean => x < d.min - SLACK || x > d.max + SLACK;
const show = (d: { min: number; max: number }): string => (d.max === Infinity ? `≥ ${d.min}` : `within [${d.min}, ${d.max}]`);

/** The first stored value outside its metric's domain, described; null when every value is in range. */
export function metricDomainProblem(record: CellRecord): string | null {
  const metricOf = new Map(record.cell.measure.map((m) => [m.key, m.metric]));
  for (const [key, points] of Object.entries(record.series)) {
    const metric = metricOf.get(key) ?? key.replace(/\(.*$/, '');
    const domain: MetricDomain | undefined = metricEntry(metric)?.domain;
    if (!domain) continue;
    for (const point of points) {
      const { value } = point;
      if (value === null) continue;
      if (typeof value === 'number') {
        if (outside(value, domain)) return `${key} = ${value} at step ${point.step} is outside its domain (${show(domain)})`;
        continue;
      }
      for (const [layer, x] of Object.entries(value)) {
        const d = layer === 'total' && domain.total ? domain.total : domain;
        if (outside(x, d)) return `${key}.${layer} = ${x} at step ${point.step} is outside its domain (${show(d)})`;
      }
    }
  }
  return null;
}
