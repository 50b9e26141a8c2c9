/**
 * The range each metric's values can take, by catalog name (@plas/dsl's metricCatalog), so a stored value that no
 * computation could give (an accuracy of 1e308, a negative norm) is flagged instead of averaged into a report.
 *
 * Deviation: the catalog itself does not (yet) carry domains; they live here, next to the check, keyed by the
 * catalog's names. Metrics without an entry (sharpness: the top Hessian eigenvalue can be negative;
 * gradient_noise) are only required to be finite, which the shape check already does.
 */
import type { CellRecord } from '../record.ts';

interface Domain {
  min: number;
  max: number;
  /** For per-layer metrics: the domain of the `total` entry (a count), when it differs from the layers'. */
  total?: { min: number; max: number };
}

const FRACTION: Domain = { min: 0, max: 1 };
const NON_NEGATIVE: Domain = { min: 0, max: Infinity };
const FRACTION_PER_LAYER_COUNT_TOTAL: Domain = { min: 0, max: 1, total: NON_NEGATIVE };

export const METRIC_DOMAINS: Readonly<Record<string, Domain>> = {
  'train.accuracy': FRACTION,
  'test.accuracy': FRACTION,
  'online.accuracy': FRACTION,
  'train.loss': NON_NEGATIVE,
  'test.loss': NON_NEGATIVE,
  'online.loss': NON_NEGATIVE,
  dead_units: FRACTION_PER_LAYER_COUNT_TOTAL,
  dormant_units: FRACTION_PER_LAYER_COUNT_TOTAL,
  redo_dormant: FRACTION_PER_LAYER_COUNT_TOTAL,
  effective_rank: NON_NEGATIVE,
  srank: NON_NEGATIVE,
  feature_rank: NON_NEGATIVE,
  weight_magnitude: NON_NEGATIVE,
  weight_norm: NON_NEGATIVE,
  distance_from_init: NON_NEGATIVE,
  grad_norm: NON_NEGATIVE,
};

/** A little slack at the bounds, for values computed in float32 (a fraction of 1 + 1 ulp is not tampering). */
const SLACK = 1e-6;
const outside = (x: number, d: { min: number; max: number }): boolean => x < d.min - SLACK || x > d.max + SLACK;
const show = (d: { min: number; max: number }): string => (d.max === Infinity ? `≥ ${d.min}` : `within [${d.min}, ${d.max}]`);

/** The first stored value outside its metric's domain, described; null when every value is in range. */
export function metricDomainProblem(record: CellRecord): string | null {
  const metricOf = new Map(record.cell.measure.map((m) => [m.key, m.metric]));
  for (const [key, points] of Object.entries(record.series)) {
    const metric = metricOf.get(key) ?? key.replace(/\(.*$/, '');
    const domain = METRIC_DOMAINS[metric];
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
