/** `plas report`: write reports (Markdown, HTML, SVG charts, CSV/JSON data) from a run store. */
import { join } from 'node:path';
import { HELP_OPTION, parseCommandArgs, usageError } from '../args.ts';
import { loadStore, reportDirNames, selectExperiment, StoreError, writeExperimentReport, writeSite, type ReportSummary } from '@plas/report';

const HELP = `usage: plas report [options]

Writes the report of every experiment in the run store (or of one, with --experiment): report.md,
a self-contained report.html, one SVG per chart and the data of every table and chart as CSV and JSON.
The same store always gives byte-identical files.

options:
  --store DIR          run store (default: .plas)
  --out DIR            where reports go (default: reports); each report is in DIR/<experiment>/
  --experiment ID      one experiment: its name, hash or a unique hash prefix
  --site DIR           write a static site instead: DIR/index.html and DIR/index.md linking
                       every experiment's report folder DIR/<experiment>/
  -h, --help           show this help
`;

function describe(summary: ReportSummary, dir: string): string {
  const lines = [`report: ${join(dir, 'report.md')} and ${join(dir, 'report.html')}`];
  for (const e of summary.expectations) lines.push(`  ${e.verdict.padEnd(12)} ${e.text}${summary.swept ? ` (${e.point})` : ''}`);
  if (summary.flags.length > 0) lines.push(`  ${summary.flags.length} flag${summary.flags.length === 1 ? '' : 's'}: ${summary.flags.map((f) => f.kind).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

export async function run(argv: string[]): Promise<number> {
  const args = parseCommandArgs(
    'report',
    argv,
    {
      store: { type: 'string', default: '.plas' },
      out: { type: 'string', default: 'reports' },
      experiment: { type: 'string' },
      site: { type: 'string' },
      ...HELP_OPTION,
    },
    HELP,
  );
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  if (positionals.length > 0) return usageError('report', `unexpected argument '${positionals[0]}'`, HELP);
  if (values.site !== undefined && values.experiment !== undefined) {
    process.stderr.write('plas report: --site writes every experiment; leave out --experiment\n');
    return 1;
  }
  try {
    if (values.site !== undefined) {
      const site = await writeSite({ store: values.store, out: values.site });
      for (const p of site.problems) process.stderr.write(`plas report: skipped ${p}\n`);
      for (const e of site.experiments) process.stdout.write(describe(e.summary, join(values.site, e.dir)));
      process.stdout.write(`site: ${join(values.site, 'index.html')} (${site.experiments.length} experiment${site.experiments.length === 1 ? '' : 's'})\n`);
      return 0;
    }
    const store = loadStore(values.store);
    for (const p of store.problems) process.stderr.write(`plas report: skipped ${p}\n`);
    const chosen = values.experiment !== undefined ? [selectExperiment(store, values.experiment)] : store.experiments;
    if (chosen.length === 0) {
      process.stderr.write(`plas report: the run store '${values.store}' holds no experiment\n`);
      return 1;
    }
    const dirs = reportDirNames(chosen);
    for (const experiment of chosen) {
      const dir = join(values.out, dirs.get(experiment.record.ir.hash) as string);
      const summary = await writeExperimentReport(experiment, dir);
      process.stdout.write(describe(summary, dir));
    }
    return 0;
  } catch (error) {
    const message = error instanceof StoreError ? error.message : `cannot write the report: ${(error as Error).message}`;
    process.stderr.write(`plas report: ${message}\n`);
    return 1;
  }
}
