/** One summary row per expected cell (present or missing), with its comparison-window value. */
import type { CellRecord } from '@plas/engine';
import type { LoadedExperiment } from '../store/load-store.ts';
import { windowMean } from '../stats/window.ts';
import type { CellSummary, ResolvedCompare } from './types.ts';

function summarizeCell(record: CellRecord, compare: ResolvedCompare | null): CellSummary {
  let windowValue: number | null = null;
  let windowNote: string | null = null;
  let firstWindowValue: number | null = null;
  if (compare !== null && record.status === 'complete') {
    const series = record.series[compare.metric];
    if (series === undefined) windowNote = `no '${compare.metric}' series`;
    else {
      const w = windowMean(series, compare.window);
      windowValue = w.value;
      windowNote = w.note;
      firstWindowValue = windowMean(series, compare.window, 'first').value;
    }
  }
  return {
    hash: record.cell.hash,
    arm: record.cell.arm,
    point: record.cell.pointLabel,
    seed: record.cell.seed,
    status: record.status,
    backend: record.backend,
    wallMs: record.timing.wallMs,
    steps: record.timing.steps,
    finishedAt: record.timing.finishedAt,
    divergence: record.divergence,
    error: record.error,
    windowValue,
    windowNote,
    firstWindowValue,
  };
}

export function summarizeCells(experiment: LoadedExperiment, compare: ResolvedCompare | null): CellSummary[] {
  const byHash = new Map(experiment.cells.map((c) => [c.cell.hash, c]));
  return experiment.record.cells.map((hash) => {
    const record = byHash.get(hash);
    if (record !== undefined) return summarizeCell(record, compare);
    const reason = experiment.missing.find((m) => m.hash === hash)?.reason ?? 'not run';
    return {
      hash,
      arm: null,
      point: null,
      seed: null,
      status: 'missing',
      backend: null,
      wallMs: null,
      steps: null,
      finishedAt: null,
      divergence: null,
      error: reason === 'not run' ? null : reason,
      windowValue: null,
      windowNote: null,
      firstWindowValue: null,
    };
  });
}
