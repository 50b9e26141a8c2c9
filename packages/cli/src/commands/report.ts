/** `plas report`: write reports (Markdown, HTML, SVG charts, CSV/JSON data) from a run store. */
import { join } from 'node:path';
import { HELP_OPTION, parseCommandArgs, usageError } from '../args.ts';
import { painter } from '../output/color.ts';
import { FAIL_ON_EXIT_CODE, meetsFailOn, parseFailOn, verdictLines } from '../output/verdicts.ts';
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
  --fail-on WHEN       exit with code 3 when an expectation is FAILED (failed), or FAILED or
                       INCONCLUSIVE (inconclusive)
  --json               print one JSON document (every report's summary) on stdout
  -h, --help           show this help
`;

function describe(summary: ReportSummary, dir: string): string {
  const lines = [`report: ${join(dir, 'report.md')} and ${join(dir, 'report.html')}`];
  lines.push(...verdictLines(summary.expectations, summary.swept, painter(process.stdout)));
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
      'fail-on': { type: 'string' },
      json: { type: 'boolean', default: false },
      ...HELP_OPTION,
    },
    HELP,
  );
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  if (positionals.length > 0) return usageError('report', `unexpected argument '${positionals[0]}'`, HELP);
  const failOn = parseFailOn(values['fail-on']);
  if (failOn === null) return usageError('report', `--fail-on takes 'failed' or 'inconclusive', got '${values['fail-on']}'`, HELP);
  // With --json, stdout carries only the JSON document.
  const say = (text: string) => (values.json ? undefined : process.stdout.write(text));
  const summaries: ReportSummary[] = [];
  const finish = (): number => {
    const failed = summaries.some((summary) => meetsFailOn(summary.expectations, failOn));
    const code = failed ? FAIL_ON_EXIT_CODE : 0;
    if (values.json) process.stdout.write(`${JSON.stringify({ reports: summaries, exitCode: code }, null, 2)}\n`);
    return code;
  };
  if (values.site !== undefined && values.experiment !== undefined) {
    process.stderr.write('plas report: --site writes every experiment; leave out --experiment\n');
    return 1;
  }
  try {
    if (values.site !== undefined) {
      const site = await writeSite({ store: values.store, out: values.site });
      for (const p of site.problems) process.stderr.write(`plas report: skipped ${p}\n`);
      for (const e of site.experiments) {
        summaries.push(e.summary);
        say(describe(e.summary, join(values.site, e.dir)));
      }
      say(`site: ${join(values.site, 'index.html')} (${site.experiments.length} experiment${site.experiments.length === 1 ? '' : 's'})\n`);
      return finish();
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
      summaries.push(summary);
      say(describe(summary, dir));
    }
    return finish();
  } catch (error) {
    const message = error instanceof StoreError ? error.message : `cannot write the report: ${(error as Error).message}`;
    process.stderr.write(`plas report: ${message}\n`);
    return 1;
  }
}
