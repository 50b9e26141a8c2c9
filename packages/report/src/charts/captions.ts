/** The sentences a curve chart's caption is made of: what the band is, what is clipped, what the styles mean. */
import type { Domain } from '../analysis/metric-domain.ts';
import type { Row } from './chart.ts';
import { SHARED } from './curve-rows.ts';

/** What the catalog's one-line doc cannot say about how to read a metric's curve. */
const METRIC_NOTES: Record<string, string> = {
  distance_from_init:
    "distance_from_init is ||θ − θ0||₂ from the cell's own initial parameters θ0 (step 0); a reset or shrink-and-perturb does not move θ0, so after a fresh reset the distance is that of two independent draws, not 0.",
};

export function metricNote(metric: string): string | null {
  return METRIC_NOTES[metric] ?? null;
}

/** The band's kind over the rows drawn: the t-interval from 3 seeds, min–max below. */
export function bandText(rows: readonly Row[]): { caption: string; subtitle: string } {
  const kinds = new Set(rows.map((r) => r['band']));
  const n = rows.reduce((m, r) => Math.max(m, typeof r['n'] === 'number' ? r['n'] : 0), 0);
  if (!kinds.has('t')) {
    return {
      caption: `mean over ${n} seed${n === 1 ? '' : 's'}${kinds.has('min-max') ? ' with a min–max band (fewer than 3 seeds: a t-interval would be meaningless)' : ', no band (one seed)'}`,
      subtitle: `mean over seeds${kinds.has('min-max') ? ', min–max band (< 3 seeds)' : ''}`,
    };
  }
  if (kinds.has('min-max')) {
    return {
      caption: `mean over up to ${n} seeds with a 95% t-interval band where at least 3 seeds have a value, min–max where 2 do`,
      subtitle: 'mean over seeds, 95% t-interval band (min–max where < 3 seeds)',
    };
  }
  return { caption: `mean over up to ${n} seeds with a 95% t-interval band`, subtitle: 'mean over seeds, 95% t-interval band' };
}

const fmtBound = (x: number): string => String(x);

/** "Bands are clipped to [0, 1], the values X can take." — empty for an unbounded metric. */
export function clipText(what: string, d: Domain): string {
  const lo = Number.isFinite(d.min);
  const hi = Number.isFinite(d.max);
  if (!lo && !hi) return '';
  const range = lo && hi ? `[${fmtBound(d.min)}, ${fmtBound(d.max)}]` : lo ? `≥ ${fmtBound(d.min)}` : `≤ ${fmtBound(d.max)}`;
  return ` Bands are clipped to ${range}, the values ${what} can take.`;
}

/** How to read the lines: stretches, the baseline, the shared stretch. */
export function styleText(rows: readonly Row[], baseline: string | null, shared: boolean, layered: boolean): string {
  const parts: string[] = [];
  const broken = new Set(rows.map((r) => r['segment'])).size > 1 || new Set(rows.map((r) => r['phase'])).size > 1;
  if (broken) {
    parts.push('Lines break at phase and task boundaries and at interventions; a measurement right after an intervention is a point at the same step.');
  }
  if (baseline !== null && rows.some((r) => r['arm'] === baseline)) parts.push(`The baseline '${baseline}' is black${layered ? '' : ' and dashed'}.`);
  if (shared) parts.push(`Where every arm is identical (a shared stretch such as pretraining) one grey line, '${SHARED}', is drawn.`);
  return parts.length > 0 ? ` ${parts.join(' ')}` : '';
}
