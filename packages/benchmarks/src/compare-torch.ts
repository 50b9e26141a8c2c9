/**
 * The side-by-side table of `pnpm bench --compare-torch`: fresh-init and warm-start test accuracy (mean and 95%
 * t-interval over seeds) and the paired gap fresh - warm, for Plas and for the PyTorch script. Intervals come from
 * @plas/report (tInterval); Plas's come straight from its report summary.
 */
import { tInterval, type ReportSummary } from '@plas/report';
import { signed } from './summary.ts';
import type { TorchResult } from './torch.ts';

export interface Estimate {
  mean: number | null;
  low: number | null;
  high: number | null;
  n: number;
}

export interface ComparisonLine {
  label: string;
  fresh: Estimate;
  warm: Estimate;
  gap: Estimate;
}

function estimate(values: readonly number[]): Estimate {
  const ci = tInterval(values);
  if (ci === null) return { mean: values.length === 1 ? (values[0] ?? null) : null, low: null, high: null, n: values.length };
  return { mean: ci.mean, low: ci.low, high: ci.high, n: values.length };
}

/** PyTorch's line: per-arm intervals and the interval of the paired differences fresh_s - warm_s. */
export function torchLine(result: TorchResult): ComparisonLine {
  const gaps = result.fresh.map((f, i) => f - (result.warm[i] ?? Number.NaN));
  return { label: `PyTorch ${result.torch}`, fresh: estimate(result.fresh), warm: estimate(result.warm), gap: estimate(gaps) };
}

/**
 * Plas's line from its report summary (arms `fresh` and `warm`, expectation `fresh - warm`); for a swept file,
 * at the sweep point labelled `point`.
 */
export function plasLine(report: Pick<ReportSummary, 'arms' | 'expectations'>, label = 'Plas', point: string | null = null): ComparisonLine {
  const at = (p: string): boolean => point === null || p === point;
  const arm = (name: string): Estimate => {
    const a = report.arms.find((s) => s.arm === name && at(s.point));
    return a ? { mean: a.mean, low: a.tLow, high: a.tHigh, n: a.n } : { mean: null, low: null, high: null, n: 0 };
  };
  const e = report.expectations.find((x) => x.left === 'fresh' && x.right === 'warm' && at(x.point));
  const gap: Estimate = e ? { mean: e.mean, low: e.low, high: e.high, n: e.n } : { mean: null, low: null, high: null, n: 0 };
  return { label, fresh: arm('fresh'), warm: arm('warm'), gap };
}

export function formatEstimate(e: Estimate, sign = false, digits = 4): string {
  if (e.mean === null) return '—';
  const m = sign ? signed(e.mean, digits) : e.mean.toFixed(digits);
  if (e.low === null || e.high === null) return `${m} (n=${e.n})`;
  return `${m} ± ${((e.high - e.low) / 2).toFixed(digits)} (n=${e.n})`;
}

/** A plain-text table: padded columns, a dashed rule under the header, and a closing note line. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[], note: string): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line), note].join('\n');
}

export function formatComparison(lines: readonly ComparisonLine[]): string {
  const header = ['', 'fresh test acc', 'warm test acc', 'gap fresh - warm'];
  const rows = lines.map((l) => [l.label, formatEstimate(l.fresh), formatEstimate(l.warm), formatEstimate(l.gap, true)]);
  return textTable(header, rows, '(mean ± half-width of the 95% t-interval over seeds)');
}
