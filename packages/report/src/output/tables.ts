/**
 * The report's tables, as data (rows with full-precision values, written as CSV and JSON) plus display columns
 * (formatted text, rendered to Markdown and HTML).
 */
import type { ExperimentAnalysis } from '../analysis/types.ts';
import type { Row } from '../charts/chart.ts';
import { fmt, fmtDuration, fmtInterval, fmtPercent, fmtSigned } from './format.ts';

export interface Column {
  label: string;
  align: 'left' | 'right';
  text: (row: Row) => string;
}

export interface Table {
  name: string;
  title: string;
  note: string;
  columns: Column[];
  rows: Row[];
}

const num = (row: Row, key: string): number | null => {
  const v = row[key];
  return typeof v === 'number' ? v : null;
};
const str = (row: Row, key: string): string => {
  const v = row[key];
  return v === null || v === undefined ? '—' : String(v);
};
const left = (label: string, key: string): Column => ({ label, align: 'left', text: (r) => str(r, key) });
const right = (label: string, text: (r: Row) => string): Column => ({ label, align: 'right', text });

function withPoint(a: ExperimentAnalysis, columns: Column[]): Column[] {
  return a.swept ? [left('sweep point', 'point'), ...columns] : columns;
}

export function armsTable(a: ExperimentAnalysis): Table {
  const rows: Row[] = a.armStats.map((s) => ({
    point: s.point,
    arm: s.arm,
    role: s.role,
    n: s.n,
    mean: s.mean,
    sd: s.sd,
    t_low: s.tLow,
    t_high: s.tHigh,
    boot_low: s.bootLow,
    boot_high: s.bootHigh,
    seeds: s.seeds.join(' '),
  }));
  return {
    name: 'arms',
    title: 'Per arm',
    note: 'n = seeds with a value; sd over seeds (n − 1); 95% t-interval of the mean; 95% percentile bootstrap of the mean (10,000 seeded resamples).',
    columns: withPoint(a, [
      left('arm', 'arm'),
      left('role', 'role'),
      right('n', (r) => str(r, 'n')),
      right('mean', (r) => fmt(num(r, 'mean'))),
      right('sd', (r) => fmt(num(r, 'sd'))),
      right('95% t-interval', (r) => fmtInterval(num(r, 't_low'), num(r, 't_high'))),
      right('95% bootstrap', (r) => fmtInterval(num(r, 'boot_low'), num(r, 'boot_high'))),
    ]),
    rows,
  };
}

export function fitTable(a: ExperimentAnalysis): Table {
  const rows: Row[] = a.fit.map((f) => ({ point: f.point, arm: f.arm, n: f.n, mean: f.mean, min: f.min, max: f.max }));
  const where = a.fit[0]?.phase ? `at the end of phase \`${a.fit[0].phase}\`` : 'at the end of the run';
  return {
    name: 'fit',
    title: 'Final training accuracy',
    note: `The last train.accuracy measurement ${where}, over the seeds of each arm: whether a gap in the compared metric is a generalisation gap (every arm fits its training data) or a fit gap.`,
    columns: withPoint(a, [
      left('arm', 'arm'),
      right('n', (r) => str(r, 'n')),
      right('mean', (r) => fmt(num(r, 'mean'))),
      right('min', (r) => fmt(num(r, 'min'))),
      right('max', (r) => fmt(num(r, 'max'))),
    ]),
    rows,
  };
}

export function eventsTable(a: ExperimentAnalysis): Table {
  const rows: Row[] = a.events.map((e) => ({
    point: e.point,
    arm: e.arm,
    intervention: e.intervention,
    cells: e.cells,
    firings_per_cell: e.firingsPerCell,
    tasks_per_cell: e.tasksPerCell,
    units_per_cell: e.unitsPerCell,
    units_by_layer: e.unitShares.map((s) => `${s.layer} ${Math.round(s.share * 100)}%`).join(', '),
    norm_ratio: e.normRatio,
    changed: e.changed,
  }));
  return {
    name: 'events',
    title: 'What the interventions did',
    note: 'From the cells\' intervention events, mean per cell over the arm\'s complete cells: firings, the phases/tasks they fell in, units reset or recycled and each layer\'s share of them, the layers\' weight norm after/before a firing, and the fraction of a layer\'s parameters a firing changed (— where the intervention records none).',
    columns: withPoint(a, [
      left('arm', 'arm'),
      left('intervention', 'intervention'),
      right('cells', (r) => str(r, 'cells')),
      right('firings', (r) => fmt(num(r, 'firings_per_cell'))),
      right('tasks', (r) => fmt(num(r, 'tasks_per_cell'))),
      right('units', (r) => fmt(num(r, 'units_per_cell'))),
      left('units by layer', 'units_by_layer'),
      right('norm after/before', (r) => fmt(num(r, 'norm_ratio'))),
      right('changed', (r) => fmt(num(r, 'changed'))),
    ]),
    rows,
  };
}

export function comparisonsTable(a: ExperimentAnalysis): Table {
  const rows: Row[] = a.comparisons.map((c) => ({
    point: c.point,
    arm: c.arm,
    baseline: c.baseline,
    n: c.n,
    mean_diff: c.meanDiff,
    sd: c.sd,
    t_low: c.tLow,
    t_high: c.tHigh,
    boot_low: c.bootLow,
    boot_high: c.bootHigh,
    p_seed_win: c.seedWinRate,
    p_pairwise: c.pairwise,
  }));
  const better = a.compare?.better ?? 'higher';
  return {
    name: 'comparisons',
    title: `Against the baseline '${a.baseline ?? '—'}' (paired by seed)`,
    note: `Δ = arm − baseline per seed (same sweep point and seed); intervals of the mean Δ. P(win): fraction of paired seeds where the arm is better (${better} is better; ties ½). P(X>Y): probability that an arm seed beats a baseline seed over all pairs (Mann–Whitney U / n²).`,
    columns: withPoint(a, [
      left('arm', 'arm'),
      right('pairs', (r) => str(r, 'n')),
      right('mean Δ', (r) => fmtSigned(num(r, 'mean_diff'))),
      right('95% t-interval', (r) => fmtInterval(num(r, 't_low'), num(r, 't_high'))),
      right('95% bootstrap', (r) => fmtInterval(num(r, 'boot_low'), num(r, 'boot_high'))),
      right('P(win)', (r) => fmtPercent(num(r, 'p_seed_win'))),
      right('P(X>Y)', (r) => fmtPercent(num(r, 'p_pairwise'))),
    ]),
    rows,
  };
}

export function expectationsTable(a: ExperimentAnalysis): Table {
  const rows: Row[] = a.expectations.map((e) => ({
    expectation: e.text,
    point: e.point,
    n: e.n,
    mean_diff: e.mean,
    t_low: e.low,
    t_high: e.high,
    verdict: e.verdict,
    reason: e.reason,
  }));
  return {
    name: 'expectations',
    title: 'Stated findings',
    note: 'mean of (left − right) over paired seeds; PASSED when the 95% t-interval lies entirely on the stated side, FAILED when entirely on the other side, else INCONCLUSIVE.',
    columns: withPoint(a, [
      left('expectation', 'expectation'),
      right('pairs', (r) => str(r, 'n')),
      right('mean', (r) => fmtSigned(num(r, 'mean_diff'))),
      right('95% t-interval', (r) => fmtInterval(num(r, 't_low'), num(r, 't_high'))),
      left('verdict', 'verdict'),
    ]),
    rows,
  };
}

export function cellsTable(a: ExperimentAnalysis): Table {
  const rows: Row[] = a.cells.map((c) => ({
    hash: c.hash,
    arm: c.arm,
    // an arm the sweep leaves unchanged is one cell per seed, shared by every point
    point: a.swept && c.point === 'default' ? 'every point' : c.point,
    seed: c.seed,
    status: c.status,
    steps: c.steps,
    wall_ms: c.wallMs,
    window_value: c.windowValue,
    note:
      c.status === 'diverged' && c.divergence
        ? `diverged at step ${c.divergence.step}: ${c.divergence.what} = ${c.divergence.value}`
        : c.status === 'failed' || c.status === 'missing'
          ? c.error
          : c.windowNote,
  }));
  return {
    name: 'cells',
    title: 'Cells',
    note: 'one cell = one arm at one sweep point and one seed; value = the comparison window of the cell.',
    columns: [
      { label: 'cell', align: 'left', text: (r) => str(r, 'hash').slice(0, 12) },
      left('arm', 'arm'),
      ...(a.swept ? [left('sweep point', 'point')] : []),
      right('seed', (r) => str(r, 'seed')),
      left('status', 'status'),
      right('steps', (r) => str(r, 'steps')),
      right('wall time', (r) => (num(r, 'wall_ms') === null ? '—' : fmtDuration(num(r, 'wall_ms') as number))),
      right('value', (r) => fmt(num(r, 'window_value'))),
      left('note', 'note'),
    ],
    rows,
  };
}

export function buildTables(a: ExperimentAnalysis): Table[] {
  const tables = [armsTable(a)];
  if (a.comparisons.length > 0) tables.push(comparisonsTable(a));
  if (a.fit.length > 0) tables.push(fitTable(a));
  if (a.events.length > 0) tables.push(eventsTable(a));
  if (a.expectations.length > 0) tables.push(expectationsTable(a));
  tables.push(cellsTable(a));
  return tables;
}
