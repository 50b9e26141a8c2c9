/**
 * The values a measured series can take, so that a drawn interval never leaves them (a t-band of an accuracy over
 * 2 seeds reaching 1.2 says nothing the data says). Read from the metric's catalog entry (@plas/dsl/contract's
 * `metricEntry(...).domain`), the same facts the engine's record check uses; a metric the catalog does not know is
 * unbounded. When the metric facts move behind another catalog API, this file is the one place to change.
 */
import { metricEntry } from '@plas/dsl/contract';

export interface Domain {
  min: number;
  max: number;
}

const REAL: Domain = { min: -Infinity, max: Infinity };

/** The catalog name of a metric or a series key: `dead_units(probe=2000)` → `dead_units`. */
function catalogName(metric: string): string {
  const paren = metric.indexOf('(');
  return paren < 0 ? metric : metric.slice(0, paren);
}

/**
 * The domain of a metric's drawn value: `part` 'total' for a per-layer metric drawn by its `total` entry (often a
 * count where the layers are fractions), 'value' for a scalar or one layer.
 */
export function metricDomain(metric: string, part: 'value' | 'total' = 'value'): Domain {
  const domain = metricEntry(catalogName(metric))?.domain;
  if (domain === undefined) return REAL;
  const d = part === 'total' && domain.total !== undefined ? domain.total : domain;
  return { min: d.min, max: d.max };
}

/** The domain of a difference of two values of one domain: [min − max, max − min] (±∞ when either end is open). */
export function differenceDomain(d: Domain): Domain {
  const width = d.max - d.min;
  return Number.isFinite(width) ? { min: -width, max: width } : REAL;
}

/** Clip an interval end into a domain; null stays null. */
export function clip(value: number | null, d: Domain): number | null {
  return value === null ? null : Math.min(d.max, Math.max(d.min, value));
}
