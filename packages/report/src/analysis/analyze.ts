/** From a loaded experiment to its analysis: cells, window values, arm statistics, comparisons, curves, flags. */
import { fitStats } from './fit.ts';
import { eventStats } from './events.ts';
import { curveEvents } from './event-markers.ts';
import { sensitivity } from './sensitivity.ts';
import { recordsAtEveryPoint, summariesAtEveryPoint } from './shared-cells.ts';
import type { ExperimentIR } from '@plas/dsl';
import type { CellRecord } from '@plas/engine';
import type { LoadedExperiment } from '../store/load-store.ts';
import { compareStrings } from '../store/load-store.ts';
import { armStats, compareWithBaseline, judge } from './arm-stats.ts';
import { summarizeCells } from './cells.ts';
import { buildXScale, curveRows, differenceRows, isLayered } from './curves.ts';
import { absentCombinations, cellFlags, seedFlags } from './flags.ts';
import { guessBetter, metricKind } from './metric-kind.ts';
import type { CellSummary, DifferenceCurves, ExperimentAnalysis, ExperimentHeader, Flag, MetricCurves, ResolvedCompare } from './types.ts';

function describeWindow(w: ResolvedCompare['window']): string {
  return `mean over the last ${w.count} ${w.unit} of ${w.phase === null ? 'the run' : w.phase}`;
}

/** The stated `compare`, or a fallback (the last measurement of the first performance metric) when there is none. */
export function resolveCompare(ir: ExperimentIR): ResolvedCompare | null {
  if (ir.compare !== null) {
    const { metric, window, better } = ir.compare;
    return { metric, window, better, stated: true, description: describeWindow(window) };
  }
  const measure = ir.measure.find((m) => metricKind(m.metric) === 'performance') ?? ir.measure[0];
  if (measure === undefined) return null;
  const window = { count: 1, unit: 'evals' as const, phase: null };
  return { metric: measure.key, window, better: guessBetter(measure.metric), stated: false, description: 'the last measurement of the run' };
}

/** Series keys in the order of the measure block, then any extra keys the cells hold. */
function seriesKeys(ir: ExperimentIR, cells: readonly CellRecord[]): string[] {
  const keys = ir.measure.map((m) => m.key);
  const extra = new Set<string>();
  for (const c of cells) for (const k of Object.keys(c.series)) if (!keys.includes(k)) extra.add(k);
  return [...keys, ...[...extra].sort(compareStrings)];
}

function header(experiment: LoadedExperiment, cells: readonly CellSummary[]): ExperimentHeader {
  const { record } = experiment;
  const versions: Record<string, string[]> = {};
  for (const c of experiment.cells) {
    for (const [name, version] of Object.entries(c.versions)) {
      const list = (versions[name] ??= []);
      if (!list.includes(version)) list.push(version);
    }
  }
  const sortedVersions: Record<string, string[]> = {};
  for (const name of Object.keys(versions).sort(compareStrings)) sortedVersions[name] = (versions[name] as string[]).sort(compareStrings);
  const byStatus = { complete: 0, diverged: 0, failed: 0, missing: 0 };
  for (const c of cells) byStatus[c.status] += 1;
  const finished = cells.map((c) => c.finishedAt).filter((d): d is string => d !== null);
  const date = finished.length > 0 ? finished.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a)) : record.updatedAt;
  const backends = new Set(experiment.cells.map((c) => c.backend));
  if (backends.size === 0) backends.add(record.backend);
  return {
    name: record.ir.name,
    file: record.file,
    hash: record.ir.hash,
    profile: record.ir.profile,
    sources: record.ir.sources,
    backends: [...backends].sort(compareStrings),
    versions: sortedVersions,
    wallMs: cells.reduce((sum, c) => sum + (c.wallMs ?? 0), 0),
    seeds: record.ir.seeds,
    cellsExpected: record.cells.length,
    cellsByStatus: byStatus,
    date,
  };
}

export function analyzeExperiment(loaded: LoadedExperiment): ExperimentAnalysis {
  const { record } = loaded;
  const ir = record.ir;
  const compare = resolveCompare(ir);
  // `cells` lists each trained cell once (the cells table, the header's counts); the pairing, the statistics and
  // the curves per point see a shared cell (one per seed for an arm the sweep leaves unchanged) at every point.
  const cells = summarizeCells(loaded, compare);
  const cellsAtPoints = summariesAtEveryPoint(ir, cells);
  const experiment: LoadedExperiment = { ...loaded, cells: recordsAtEveryPoint(ir, loaded.cells) };
  const arms = ir.arms.map((a) => ({ name: a.name, role: a.role }));
  const baseline = arms.find((a) => a.role === 'baseline')?.name ?? null;
  const points: string[] = [];
  for (const c of experiment.cells) if (!points.includes(c.cell.pointLabel)) points.push(c.cell.pointLabel);
  if (points.length === 0) points.push('');
  const swept = ir.sweep !== null || points.length > 1;

  const flags: Flag[] = [];
  if (compare === null) flags.push({ kind: 'no-compare', message: 'nothing is measured: no comparison is possible' });
  else if (!compare.stated) {
    flags.push({ kind: 'no-compare', message: `no \`compare\` stated: arms are compared on ${compare.metric}, ${compare.description}` });
  }
  if (baseline === null) flags.push({ kind: 'no-baseline', message: 'no baseline arm: paired differences cannot be computed' });

  const stats = compare === null ? [] : points.flatMap((p) => arms.map((a) => armStats(cellsAtPoints, a.name, a.role, p)));
  const comparisons =
    compare === null || baseline === null
      ? []
      : points.flatMap((p) => arms.filter((a) => a.name !== baseline).map((a) => compareWithBaseline(cellsAtPoints, a.name, baseline, p, compare)));
  const expectations = compare === null ? [] : points.flatMap((p) => ir.expect.map((e) => judge(cellsAtPoints, e, p)));

  const complete = experiment.cells.filter((c) => c.status === 'complete');
  const groupOf = (arm: string, point: string): CellRecord[] =>
    complete.filter((c) => c.cell.arm === arm && c.cell.pointLabel === point).sort((a, b) => a.cell.seed - b.cell.seed);
  const groups = points.flatMap((p) => arms.map((a) => groupOf(a.name, p)));
  const named = points.flatMap((p) => arms.map((a) => ({ point: p, arm: a.name, cells: groupOf(a.name, p) })));
  const curves: MetricCurves[] = [];
  const differences: DifferenceCurves[] = [];
  for (const key of seriesKeys(ir, experiment.cells)) {
    const metric = ir.measure.find((m) => m.key === key)?.metric ?? key;
    const kind = metricKind(metric);
    const scale = buildXScale(groups, key);
    const xAxis = scale.axis;
    const layered = complete.some((c) => isLayered(c.series[key] ?? []));
    const rows = points.flatMap((p) => arms.flatMap((a) => curveRows(groupOf(a.name, p), key, scale, layered, a.name, p)));
    const starts = scale.phaseStarts;
    const usesTotal = !layered && complete.some((c) => (c.series[key] ?? []).some((p) => p.value !== null && typeof p.value === 'object'));
    const events = curveEvents(named, key, scale);
    curves.push({ key, metric, kind, xAxis, layered, usesTotal, rows, phaseStarts: starts, events });
    if (kind === 'performance' && baseline !== null && !layered) {
      const diffRows = points.flatMap((p) =>
        arms.filter((a) => a.name !== baseline).flatMap((a) => differenceRows(groupOf(a.name, p), groupOf(baseline, p), key, scale, a.name, p)),
      );
      differences.push({ key, baseline, xAxis, rows: diffRows, phaseStarts: starts, events });
    }
  }

  flags.push(...seedFlags(ir, stats, swept), ...cellFlags(cells, absentCombinations(ir, points, cellsAtPoints, swept), swept));
  return {
    ir,
    record,
    header: header(loaded, cells),
    points,
    swept,
    arms,
    baseline,
    compare,
    cells,
    armStats: stats,
    comparisons,
    expectations,
    curves,
    differences,
    fit: fitStats(experiment.cells, arms, points, compare),
    events: eventStats(experiment.cells, arms, points),
    sensitivity: sensitivity(ir, compare, stats, comparisons),
    flags,
  };
}
