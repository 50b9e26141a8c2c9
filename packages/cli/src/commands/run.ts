/** `plas run <file.plas>`: run every missing cell of an experiment, then write its report. */
import { HELP_OPTION, parseCommandArgs, usageError } from '../args.ts';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { runExperiment, RunConfigError, RunError, type BackendPreference } from '@plas/engine';
import { renderDiagnostics, type SourceSpan } from '@plas/dsl';
import { writeReport } from '@plas/report';
import { loadExperiment } from '../load-experiment.ts';
import { barProgress, formatSeconds, lineProgress } from '../progress/run-progress.ts';

const HELP = `usage: plas run <file.plas> [options]

Runs every cell (arm x sweep point x seed) the store does not hold yet, then writes the report.

options:
  --quick            apply the file's quick profile (a smoke run)
  --store DIR        run store (default: .plas)
  --out DIR          where reports go (default: reports); the report is in DIR/<experiment>/
  --workers N        worker processes (default: ${availableParallelism()}, the number of cores)
  --backend NAME     auto | node | wasm | cpu (default: auto: tfjs-node if it loads, else wasm, else cpu)
  --force            rerun cells the store already holds
  --no-report        do not write the report at the end
  -h, --help         show this help
`;

const BACKENDS = new Set<BackendPreference>(['auto', 'node', 'wasm', 'cpu']);

export async function run(argv: string[]): Promise<number> {
  const args = parseCommandArgs(
    'run',
    argv,
    {
      quick: { type: 'boolean', default: false },
      store: { type: 'string', default: '.plas' },
      out: { type: 'string', default: 'reports' },
      workers: { type: 'string' },
      backend: { type: 'string', default: 'auto' },
      force: { type: 'boolean', default: false },
      'no-report': { type: 'boolean', default: false },
      ...HELP_OPTION,
    },
    HELP,
  );
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  if (positionals.length !== 1) return usageError('run', `expected one .plas file, got ${positionals.length}`, HELP);
  const backend = values.backend as BackendPreference;
  if (!BACKENDS.has(backend)) {
    process.stderr.write(`plas run: unknown backend '${values.backend}' (expected auto, node, wasm or cpu)\n`);
    return 1;
  }
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 1)) {
    process.stderr.write(`plas run: --workers must be a whole number ≥ 1, got '${values.workers}'\n`);
    return 1;
  }

  const file = positionals[0] as string;
  const ir = loadExperiment(file, values.quick);
  if (!ir) return 1;

  process.stdout.write(`experiment ${ir.name} (${ir.profile} profile, ${ir.hash.slice(0, 12)})\n`);
  const progress = process.stdout.isTTY ? barProgress(process.stdout) : lineProgress((line) => process.stdout.write(`${line}\n`));
  let result;
  try {
    result = await runExperiment(ir, {
      file,
      store: values.store,
      backend,
      force: values.force,
      onEvent: (event) => progress.onEvent(event),
      ...(workers === undefined ? {} : { workers }),
    });
  } catch (error) {
    progress.stop();
    if (error instanceof RunConfigError && error.span) {
      process.stderr.write(`${renderSetupError(error.span, error.detail)}\n`);
      return 1;
    }
    if (error instanceof RunError) {
      process.stderr.write(`plas run: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  progress.stop();
  const summary = [
    `${result.total} cells: ${result.cached} cached, ${result.completed} completed`,
    result.diverged > 0 ? `${result.diverged} DIVERGED` : null,
    result.failed > 0 ? `${result.failed} FAILED` : null,
  ].filter(Boolean);
  process.stdout.write(`${summary.join(', ')} in ${formatSeconds(result.wallMs / 1000)}\n`);

  if (!values['no-report']) {
    const out = join(values.out, ir.name);
    await writeReport({ store: values.store, experimentHash: ir.hash, out });
    process.stdout.write(`report: ${join(out, 'report.md')} and ${join(out, 'report.html')}\n`);
  }
  return result.failed > 0 ? 1 : 0;
}

/** A setup error found by the engine, shown like every other `.plas` diagnostic: location, source line, underline. */
function renderSetupError(span: SourceSpan, message: string): string {
  return renderDiagnostics([
    {
      file: span.file,
      line: span.line,
      column: span.column,
      endLine: span.line,
      endColumn: span.column + Math.max(1, span.length) - 1,
      severity: 'error',
      code: 'run-setup',
      message,
    },
  ]);
}
