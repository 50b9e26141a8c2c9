/**
 * One experiment's report folder: report.md, a self-contained report.html, one SVG per chart, the data of every
 * table and chart as CSV and JSON, config.json (the resolved IR) and summary.json. Nothing in it depends on the
 * clock, the machine or the output path, so the same store gives byte-identical files.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeExperiment } from './analysis/analyze.ts';
import type { ArmStats, Comparison, ExpectationOutcome, ExperimentAnalysis, Flag, ResolvedCompare } from './analysis/types.ts';
import type { FitStats } from './analysis/fit.ts';
import type { EventStats } from './analysis/events.ts';
import type { Sensitivity } from './analysis/sensitivity.ts';
import { buildCharts } from './charts/build-charts.ts';
import { renderSvg } from './charts/render-svg.ts';
import { buildDocument, type RenderedChart } from './output/build-document.ts';
import { toCsv } from './output/csv.ts';
import { renderHtml } from './output/html.ts';
import { renderMarkdown } from './output/markdown.ts';
import { buildTables } from './output/tables.ts';
import { selectExperiment } from './select.ts';
import { loadStore, type LoadedExperiment } from './store/load-store.ts';

export interface ReportSummary {
  experiment: { name: string; hash: string; file: string };
  /** The folder written (absent from summary.json, which must not depend on where it is written). */
  out: string;
  date: string;
  seeds: number[];
  /** Sweep point labels, and whether the experiment sweeps at all (without a sweep the one label means nothing). */
  points: string[];
  swept: boolean;
  baseline: string | null;
  compare: ResolvedCompare | null;
  cells: { expected: number; complete: number; diverged: number; failed: number; missing: number };
  arms: ArmStats[];
  comparisons: Comparison[];
  expectations: ExpectationOutcome[];
  /** Final training accuracy per arm (see analysis/fit.ts); empty when train.accuracy is not measured. */
  fit: FitStats[];
  /** What each arm's interventions did (analysis/events.ts); empty without events. */
  events: EventStats[];
  /** The compared metric against the swept values (analysis/sensitivity.ts); null without a sweep. */
  sensitivity: Sensitivity | null;
  flags: Flag[];
  /** Every file of the folder, sorted. */
  files: string[];
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

function summarize(a: ExperimentAnalysis, out: string, files: string[]): ReportSummary {
  const s = a.header.cellsByStatus;
  return {
    experiment: { name: a.header.name, hash: a.header.hash, file: a.header.file },
    out,
    date: a.header.date,
    seeds: a.header.seeds,
    points: a.points,
    swept: a.swept,
    baseline: a.baseline,
    compare: a.compare,
    cells: { expected: a.header.cellsExpected, ...s },
    arms: a.armStats,
    comparisons: a.comparisons,
    expectations: a.expectations,
    fit: a.fit,
    events: a.events,
    sensitivity: a.sensitivity,
    flags: a.flags,
    files,
  };
}

/** Delete files a previous report wrote into `out` that this one does not write (its summary.json lists them). */
function removeStale(out: string, files: ReadonlySet<string>): void {
  let previous: unknown;
  try {
    previous = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  } catch {
    return;
  }
  const old = (previous as { files?: unknown }).files;
  if (!Array.isArray(old)) return;
  for (const f of old) {
    if (typeof f === 'string' && /^[A-Za-z0-9._-]+$/.test(f) && !files.has(f)) rmSync(join(out, f), { force: true });
  }
}

/** Write the report of an already loaded experiment into `out`. */
export async function writeExperimentReport(experiment: LoadedExperiment, out: string): Promise<ReportSummary> {
  const analysis = analyzeExperiment(experiment);
  const tables = buildTables(analysis);
  const charts: RenderedChart[] = [];
  for (const chart of buildCharts(analysis)) charts.push({ chart, svg: await renderSvg(chart.spec) });

  const contents = new Map<string, string>();
  for (const { chart, svg } of charts) {
    contents.set(`${chart.name}.svg`, svg);
    contents.set(`${chart.name}.csv`, toCsv(chart.rows));
    contents.set(`${chart.name}.json`, json(chart.rows));
  }
  for (const t of tables) {
    contents.set(`${t.name}.csv`, toCsv(t.rows));
    contents.set(`${t.name}.json`, json(t.rows));
  }
  contents.set('config.json', json(analysis.ir));
  const blocks = buildDocument(analysis, tables, charts);
  contents.set('report.md', renderMarkdown(blocks));
  contents.set('report.html', renderHtml(`Report: ${analysis.header.name}`, blocks));
  const files = [...contents.keys(), 'summary.json'].sort();
  const summary = summarize(analysis, out, files);
  const { out: _omitted, ...stored } = summary;
  contents.set('summary.json', json(stored));

  mkdirSync(out, { recursive: true });
  removeStale(out, new Set(files));
  for (const [name, text] of contents) writeFileSync(join(out, name), text);
  return summary;
}

/**
 * Write one experiment's report folder from a run store. `experimentHash` may be omitted when the store holds a
 * single experiment; it also accepts a unique hash prefix or the experiment's name.
 */
export async function writeReport(opts: { store: string; experimentHash?: string; out: string }): Promise<ReportSummary> {
  const store = loadStore(opts.store);
  return writeExperimentReport(selectExperiment(store, opts.experimentHash), opts.out);
}
