/**
 * The verdicts of a benchmark's stated findings, taken from the summary @plas/report returns when it writes the
 * report (paired differences by seed, 95% t-interval, PASSED / FAILED / INCONCLUSIVE): no statistics are computed here.
 */
import type { ReportSummary } from '@plas/report';
import type { RunFigures, SummaryRow } from './summary.ts';

/** One summary row per `expect` statement (per sweep point when the file sweeps). */
export function findingRows(benchmark: string, report: Pick<ReportSummary, 'expectations'>, figures: RunFigures): SummaryRow[] {
  const points = new Set(report.expectations.map((e) => e.point));
  return report.expectations.map((e) => ({
    benchmark,
    finding: points.size > 1 && e.point !== '' ? `${e.text} @ ${e.point}` : e.text,
    effect: e.mean,
    low: e.low,
    high: e.high,
    n: e.n,
    verdict: e.verdict,
    ...figures,
  }));
}

/** The row of a benchmark that could not run (bad file, failed cells, crash). */
export function errorRow(benchmark: string, message: string, figures: Partial<RunFigures> & { wallMs: number }): SummaryRow {
  return { benchmark, finding: message, effect: null, low: null, high: null, n: 0, verdict: 'ERROR', cellMs: 0, cpuMs: null, load: null, peakRssMiB: null, ...figures };
}
