/** Command-line options of `pnpm bench`; bad input gives a BenchArgsError with a one-line message, never a throw from deep inside. */
import { parseArgs } from 'node:util';

export type Backend = 'auto' | 'node' | 'wasm' | 'cpu';

export interface BenchArgs {
  quick: boolean;
  /** Substrings of suite file names; empty = every file. */
  only: string[];
  workers: number | null;
  backend: Backend;
  force: boolean;
  compareTorch: boolean;
  /** Only list the selected files with their planned cells and steps; train nothing. */
  plan: boolean;
  /** Train nothing: write the reports and the summary from what the store already holds. */
  noRun: boolean;
  help: boolean;
}

export class BenchArgsError extends Error {
  override name = 'BenchArgsError';
}

export const BENCH_HELP = `usage: pnpm bench [-- options]

Runs the Plas benchmark suite (packages/benchmarks/suite/*.plas), skipping cells the store already holds,
writes one report per benchmark under <repo>/reports/<name>/ and an index page, and prints a summary table.
Files run in order; each next file starts as soon as the one before has handed out its last cell (at most two
at a time), so no core waits for a file's last cell. A file's wall time runs from its own start to its report.

options:
  --quick            run every file's quick profile (a smoke run, under 10 minutes in all)
  --only NAME        run only suite files whose name contains NAME (repeatable)
  --workers N        worker processes per experiment (default: the number of cores)
  --backend NAME     auto | node | wasm | cpu (default: auto)
  --force            rerun cells the store already holds
  --compare-torch    also run the PyTorch implementation and print both side by side: benchmark 01
                     (MLP, Adam) by default, benchmark 10 when selected (--compare-torch --only 10)
  --plan             print the planned cells and training steps of the selected files, then stop
  --no-run           train nothing: report what the store already holds (missing cells are listed as missing)
  -h, --help         show this help
`;

const BACKENDS: readonly Backend[] = ['auto', 'node', 'wasm', 'cpu'];

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  // pnpm forwards a literal `--` in some versions (`pnpm bench -- --quick`): drop it.
  const args = argv.filter((a) => a !== '--');
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: false,
      strict: true,
      options: {
        quick: { type: 'boolean', default: false },
        only: { type: 'string', multiple: true, default: [] },
        workers: { type: 'string' },
        backend: { type: 'string', default: 'auto' },
        force: { type: 'boolean', default: false },
        'compare-torch': { type: 'boolean', default: false },
        plan: { type: 'boolean', default: false },
        'no-run': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new BenchArgsError((error as Error).message);
  }
  const { values } = parsed;
  const backend = values.backend as Backend;
  if (!BACKENDS.includes(backend)) {
    throw new BenchArgsError(`unknown backend '${values.backend}' (expected ${BACKENDS.join(', ')})`);
  }
  let workers: number | null = null;
  if (values.workers !== undefined) {
    workers = Number(values.workers);
    if (!Number.isInteger(workers) || workers < 1) {
      throw new BenchArgsError(`--workers must be a whole number ≥ 1, got '${values.workers}'`);
    }
  }
  const only = values.only.map((s) => s.trim());
  if (only.some((s) => s === '')) throw new BenchArgsError('--only needs a non-empty name');
  return {
    quick: values.quick,
    only,
    workers,
    backend,
    force: values.force,
    compareTorch: values['compare-torch'],
    plan: values.plan,
    noRun: values['no-run'],
    help: values.help,
  };
}
