/**
 * What the report needs to know of a measured metric, read from its catalog entry (@plas/dsl/contract's
 * metricCatalog), never guessed from its name: performance metrics (learning curves and differences to the
 * baseline) or diagnostics (panels), and which way is better.
 */
import { metricEntry } from '@plas/dsl/contract';

/** The catalog name of a metric or a series key: `dead_units(probe=2000)` → `dead_units`. */
function catalogName(metric: string): string {
  const paren = metric.indexOf('(');
  return paren < 0 ? metric : metric.slice(0, paren);
}

/**
 * A series whose name the catalog does not know (a store written by a version with another metric) is shown as a
 * diagnostic panel: it is never compared with the baseline on a guessed direction.
 */
export function metricKind(metric: string): 'performance' | 'diagnostic' {
  return metricEntry(catalogName(metric))?.kind ?? 'diagnostic';
}

/** For a metric without a stated `compare`: the catalog's direction; higher for one without a good direction. */
export function guessBetter(metric: string): 'higher' | 'lower' {
  return metricEntry(catalogName(metric))?.better ?? 'higher';
}
