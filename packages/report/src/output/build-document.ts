/** The report's structure: header, flags, findings, final comparison, curves, diagnostics, cells, method, config. */
import type { ExperimentAnalysis } from '../analysis/types.ts';
import type { Chart } from '../charts/chart.ts';
import { MAX_MARKS } from '../charts/event-marks.ts';
import { DEFAULT_BOOTSTRAP_RESAMPLES, DEFAULT_BOOTSTRAP_SEED } from '../stats/bootstrap.ts';
import type { Block } from './document.ts';
import { fmtDuration } from './format.ts';
import type { Table } from './tables.ts';

export interface RenderedChart {
  chart: Chart;
  svg: string;
}

function headerRows(a: ExperimentAnalysis): [string, string][] {
  const h = a.header;
  const s = h.cellsByStatus;
  const versions = Object.entries(h.versions).map(([name, vs]) => `\`${name}\` ${vs.join(' / ')}`);
  const cells = [`${s.complete} complete`, s.diverged ? `${s.diverged} diverged` : '', s.failed ? `${s.failed} failed` : '', s.missing ? `${s.missing} missing` : '']
    .filter((x) => x !== '')
    .join(', ');
  return [
    ['Experiment', `\`${h.name}\``],
    ['File', `\`${h.file}\``],
    ['Sources', h.sources.map((x) => `\`${x}\``).join(', ') || '—'],
    ['Experiment hash', `\`${h.hash}\``],
    ['Profile', h.profile],
    ['Arms', a.arms.map((x) => `\`${x.name}\`${x.role === 'baseline' ? ' (baseline)' : ''}`).join(', ')],
    ['Seeds', `${h.seeds.length} (${h.seeds.join(', ')})`],
    ['Sweep points', a.swept ? a.points.map((p) => `\`${p}\``).join(', ') : 'none'],
    ['Cells', `${h.cellsExpected} expected: ${cells}`],
    ['Comparison', a.compare ? `\`${a.compare.metric}\`, ${a.compare.description} (${a.compare.better} is better)` : '—'],
    ['Backend', h.backends.map((b) => `\`${b}\``).join(', ')],
    ['Wall time', `${fmtDuration(h.wallMs)} (sum over cells)`],
    ['Date', `${h.date} (latest cell finished)`],
    ['Versions', versions.join(', ') || '—'],
  ];
}

function method(a: ExperimentAnalysis): string[] {
  return [
    `Comparison window per cell: the points of the phase (all points when none is named) are grouped into units (${a.compare?.window.unit ?? 'evals'}), the last N units kept, each unit averaged, and the unit values averaged. A null value in the window leaves the cell without a value.`,
    'Mean and sample standard deviation (n − 1) over seeds; 95% t-interval mean ± t(0.975, n − 1)·sd/√n (t quantile from jStat).',
    `Bootstrap: percentile interval of the mean from ${DEFAULT_BOOTSTRAP_RESAMPLES} resamples drawn by a seeded mulberry32 generator (seed ${DEFAULT_BOOTSTRAP_SEED}); quantiles by linear interpolation (Hyndman–Fan type 7).`,
    'Paired difference: arm − baseline for each seed at the same sweep point; intervals over those differences. Curves use complete cells only.',
    "Curves: at each x the mean over seeds with a 95% t-interval band where at least 3 seeds have a value, a min–max band where 2 do, none for 1; every band is clipped to the values the metric can take (the metric catalog's domain, e.g. [0, 1] for an accuracy, ≥ 0 for a count or a norm; for a difference, ± the domain's width).",
    'Lines break at phase and task boundaries and where an `every N steps|epochs` intervention of the arm fired; a measurement recorded right after an intervention, at the same step, is a second point at the same x. Rows every arm has alike from the first measurement on (a shared pretraining) are drawn once, in grey. The baseline is black (and dashed where lines are not told apart by layer).',
    `Interventions on curves: every single firing recorded in the cells' events is a dotted rule at its x (its step; on a measurement axis the x of the last measurement at or before it) and a triangle in the track above the plot, one lane per arm and intervention, merged over the seeds that fired there; more than ${MAX_MARKS} places of one intervention are thinned to every k-th, and \`every step\` penalties (or firings the engine summed per task) are named in the caption instead of marked.`,
    ...(a.sensitivity === null
      ? []
      : [
          `Sensitivity: the compared metric per sweep point and arm (mean over seeds, with the interval of the final comparison: 95% t-interval from 3 seeds, min–max for 2, clipped to the metric's values) against \`${a.sensitivity.axis}\`, the axis with the most values; the other grid axes make one panel each. Numeric values on a linear axis (log when all positive and spanning 2 decades or more), others as categories. The gap chart beside it shows, on the same axis, each arm's paired difference to the baseline (arm − baseline per seed at the same point; mean, 95% t-interval from 3 seeds, min–max for 2), with 0 ruled.`,
        ]),
    'Expectations: PASSED when the 95% t-interval of the mean paired difference lies entirely on the stated side of the value, FAILED when entirely on the other side, otherwise INCONCLUSIVE.',
  ];
}

export function buildDocument(a: ExperimentAnalysis, tables: readonly Table[], charts: readonly RenderedChart[]): Block[] {
  const table = (name: string): Table | undefined => tables.find((t) => t.name === name);
  const figures = (section: Chart['section']): Block[] =>
    charts
      .filter((c) => c.chart.section === section)
      .flatMap((c): Block[] => [
        // a heading per chart, so that the table of contents reaches each one
        { kind: 'heading', level: 3, text: c.chart.title },
        { kind: 'figure', chart: c.chart, svg: c.svg },
      ]);
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: `Report: ${a.header.name}` },
    {
      kind: 'paragraph',
      text: `Every arm of \`${a.header.name}\` compared with the fresh-initialised baseline${a.baseline ? ` \`${a.baseline}\`` : ''}, paired by seed. Written by @plas/report from the run store; the same store always gives the same report.`,
    },
    { kind: 'toc' },
  ];
  if (a.flags.length > 0) {
    blocks.push({ kind: 'heading', level: 2, text: 'Flags' }, { kind: 'list', tone: 'warning', items: a.flags.map((f) => `**${f.kind}**: ${f.message}`) });
  }
  blocks.push({ kind: 'heading', level: 2, text: 'Summary' }, { kind: 'keyvalue', rows: headerRows(a) });
  const expectations = table('expectations');
  if (expectations) blocks.push({ kind: 'heading', level: 2, text: 'Findings' }, { kind: 'table', table: expectations });
  if (a.compare) {
    blocks.push({ kind: 'heading', level: 2, text: `Final comparison: ${a.compare.metric}` }, ...figures('final'));
    const arms = table('arms');
    if (arms) blocks.push({ kind: 'heading', level: 3, text: arms.title }, { kind: 'table', table: arms });
    const comparisons = table('comparisons');
    if (comparisons) blocks.push({ kind: 'heading', level: 3, text: comparisons.title }, { kind: 'table', table: comparisons });
    const fit = table('fit');
    if (fit) blocks.push({ kind: 'heading', level: 3, text: fit.title }, { kind: 'table', table: fit });
  }
  const sensitivity = figures('sensitivity');
  if (sensitivity.length > 0) blocks.push({ kind: 'heading', level: 2, text: 'Sensitivity to the swept values' }, ...sensitivity);
  const sections: [Chart['section'], string][] = [
    ['curves', 'Learning curves'],
    ['differences', 'Difference to the baseline over time'],
    ['diagnostics', 'Diagnostics'],
  ];
  for (const [section, title] of sections) {
    const f = figures(section);
    if (f.length > 0) blocks.push({ kind: 'heading', level: 2, text: title }, ...f);
  }
  const events = table('events');
  if (events) blocks.push({ kind: 'heading', level: 2, text: events.title }, { kind: 'table', table: events });
  const cells = table('cells');
  if (cells) blocks.push({ kind: 'heading', level: 2, text: 'Cells' }, { kind: 'table', table: cells });
  blocks.push(
    { kind: 'heading', level: 2, text: 'Method' },
    { kind: 'list', tone: 'plain', items: method(a) },
    { kind: 'heading', level: 2, text: 'Configuration' },
    { kind: 'paragraph', text: 'The resolved experiment (every default filled in), as the engine ran it: [config.json](config.json).' },
    { kind: 'details', summary: 'Resolved configuration (JSON)', code: JSON.stringify(a.ir, null, 2) },
  );
  return blocks;
}
