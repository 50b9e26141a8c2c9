/**
 * Runs an experiment's cells over a pool of worker processes, skipping the cells the store already holds.
 *
 * Each cell is independent and fully seeded, so the results do not depend on the number of workers or on the
 * order in which cells finish. Workers write their own records; the parent only schedules and reports progress.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { expandCells, type CellSpec, type ExperimentIR, type SourceSpan } from '@plas/dsl';
import { EXPERIMENT_RECORD_SCHEMA, type CellStatus, type Divergence } from '../record.ts';
import { RunStore } from '../store/run-store.ts';
import type { BackendPreference, FromWorker, ToWorker } from './protocol.ts';

export interface RunOptions {
  /** The `.plas` file, as recorded in the store. */
  file: string;
  store?: string;
  /** Worker processes; default: the machine's cores. */
  workers?: number;
  backend?: BackendPreference;
  /** Rerun cells the store already holds. */
  force?: boolean;
  onEvent?: (event: RunEvent) => void;
}

export type RunEvent =
  | { type: 'plan'; total: number; cached: number; pending: number; workers: number }
  | { type: 'worker-ready'; worker: number; backend: string }
  | { type: 'cell-start'; cell: CellSpec; worker: number }
  | { type: 'progress'; cell: CellSpec; step: number; totalSteps: number; phase: string; task: number }
  | {
      type: 'cell-end';
      cell: CellSpec;
      status: CellStatus;
      wallMs: number;
      steps: number;
      divergence: Divergence | null;
      error: string | null;
    };

export interface RunResult {
  experimentHash: string;
  total: number;
  cached: number;
  ran: number;
  completed: number;
  diverged: number;
  failed: number;
  backend: string | null;
  wallMs: number;
}

/** A run that could not finish (e.g. its worker processes died); the cells finished so far are kept. */
export class RunError extends Error {
  override name = 'RunError';
}

/** A `.plas` value that cannot run (e.g. a layer that does not exist): the whole run stops before training. */
export class RunConfigError extends RunError {
  override name = 'RunConfigError';
  /** Where in the `.plas` file the offending value stands, when known; `detail` is the message without it. */
  readonly span: SourceSpan | null;
  readonly detail: string;

  constructor(message: string, span: SourceSpan | null = null, detail: string = message) {
    super(message);
    this.span = span;
    this.detail = detail;
  }
}

/**
 * The worker entry beside this module: compiled JavaScript once installed (no loader at all), or, when this module
 * is itself a TypeScript source in the workspace (tests, dev scripts), the source worker run through tsx plus the
 * development hook that lets plain Node load tfjs-core's gradient modules (see backend/gradients.ts).
 */
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_ENTRY = fileURLToPath(new URL(FROM_SOURCE ? './worker.ts' : './worker.js', import.meta.url));
const workerExecArgv = (): string[] =>
  FROM_SOURCE
    ? ['--conditions=source', '--import', import.meta.resolve('tsx'), '--import', new URL('../../dev/tfjs-core-esm-hook.mjs', import.meta.url).href]
    : [];

export async function runExperiment(ir: ExperimentIR, options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  const store = new RunStore(options.store);
  const cells = expandCells(ir);
  const emit = options.onEvent ?? (() => {});
  store.writeExperiment({
    schema: EXPERIMENT_RECORD_SCHEMA,
    ir,
    file: options.file,
    cells: cells.map((cell) => cell.hash),
    updatedAt: new Date().toISOString(),
    backend: options.backend ?? 'auto',
  });

  const pending = options.force ? [...cells] : cells.filter((cell) => !store.isDone(cell.hash));
  const workerCount = Math.max(1, Math.min(options.workers ?? availableParallelism(), pending.length));
  emit({ type: 'plan', total: cells.length, cached: cells.length - pending.length, pending: pending.length, workers: workerCount });

  const result: RunResult = {
    experimentHash: ir.hash,
    total: cells.length,
    cached: cells.length - pending.length,
    ran: 0,
    completed: 0,
    diverged: 0,
    failed: 0,
    backend: null,
    wallMs: 0,
  };
  if (pending.length > 0) {
    if (!existsSync(WORKER_ENTRY)) {
      throw new RunError(
        `the cell worker ${WORKER_ENTRY} is missing: this installation of @plas/engine is incomplete; reinstall it (e.g. npm install @plas/cli)`,
      );
    }
    await runPool(pending, workerCount, store.root, options.backend ?? 'auto', emit, result);
  }
  result.wallMs = Date.now() - started;
  return result;
}

function runPool(
  pending: CellSpec[],
  workerCount: number,
  storeRoot: string,
  backend: BackendPreference,
  emit: (event: RunEvent) => void,
  result: RunResult,
): Promise<void> {
  const queue = [...pending];
  const byHash = new Map(pending.map((cell) => [cell.hash, cell]));
  const children: ChildProcess[] = [];
  /** The cell each worker is running (by worker index), so a worker that dies mid-cell is reported. */
  const running = new Map<number, string>();
  /** Workers that are ready while the preflight is still under way. */
  const waiting: number[] = [];
  let preflight: 'not-started' | 'running' | 'passed' = 'not-started';
  let active = 0;
  let lastExit = '';
  let anyReady = false;
  let configError: RunConfigError | null = null;

  return new Promise<void>((resolvePool, rejectPool) => {
    const send = (worker: number, message: ToWorker) => children[worker]?.send(message);

    const stopAll = () => {
      queue.length = 0;
      for (const child of children) child.kill('SIGTERM');
    };

    const dispatch = (worker: number) => {
      const cell = queue.shift();
      if (!cell) {
        running.delete(worker);
        send(worker, { type: 'exit' });
        return;
      }
      running.set(worker, cell.hash);
      send(worker, { type: 'run', cell });
      emit({ type: 'cell-start', cell, worker });
    };

    const onMessage = (worker: number, message: FromWorker) => {
      switch (message.type) {
        case 'ready':
          anyReady = true;
          result.backend = message.backend;
          emit({ type: 'worker-ready', worker, backend: message.backend });
          if (preflight === 'passed') dispatch(worker);
          else {
            waiting.push(worker);
            if (preflight === 'not-started') {
              preflight = 'running';
              send(worker, { type: 'preflight', cells: pending });
            }
          }
          return;
        case 'preflight-ok':
          preflight = 'passed';
          for (const w of waiting.splice(0)) dispatch(w);
          return;
        case 'progress': {
          const cell = byHash.get(message.hash);
          if (cell) emit({ type: 'progress', cell, step: message.step, totalSteps: message.totalSteps, phase: message.phase, task: message.task });
          return;
        }
        case 'done': {
          result.ran++;
          if (message.status === 'complete') result.completed++;
          else if (message.status === 'diverged') result.diverged++;
          else result.failed++;
          const cell = byHash.get(message.hash);
          if (cell) emit({ type: 'cell-end', cell, status: message.status, wallMs: message.wallMs, steps: message.steps, divergence: message.divergence, error: null });
          dispatch(worker);
          return;
        }
        case 'error': {
          const cell = byHash.get(message.hash);
          if (cell) {
            result.ran++;
            result.failed++;
            emit({ type: 'cell-end', cell, status: 'failed', wallMs: 0, steps: 0, divergence: null, error: message.message });
          }
          if (message.config) {
            configError ??= new RunConfigError(message.message, message.span, message.detail);
            running.clear();
            stopAll();
            return;
          }
          dispatch(worker);
          return;
        }
      }
    };

    for (let worker = 0; worker < workerCount; worker++) {
      const child = fork(WORKER_ENTRY, [], {
        execArgv: workerExecArgv(),
        env: { ...process.env, PLAS_STORE: resolve(storeRoot), PLAS_BACKEND: backend },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      children.push(child);
      active++;
      child.on('message', (message: FromWorker) => onMessage(worker, message));
      child.on('exit', (code, signal) => {
        active--;
        const hash = running.get(worker);
        running.delete(worker);
        if (hash !== undefined && !configError) {
          // The worker died mid-cell (out of memory, killed): the cell stays missing and is rerun next time.
          const cell = byHash.get(hash);
          result.ran++;
          result.failed++;
          if (cell) emit({ type: 'cell-end', cell, status: 'failed', wallMs: 0, steps: 0, divergence: null, error: `worker exited (${signal ?? code})` });
        }
        lastExit = signal ?? String(code);
        if (active > 0) return;
        if (configError) rejectPool(configError);
        else if (!anyReady) {
          rejectPool(
            new RunError(`the cell workers exited before they could start (last exit: ${lastExit}); nothing was trained. If Plas is installed, reinstall it; PLAS_DEBUG=1 shows more`),
          );
        } else if (result.ran < pending.length) {
          const missing = pending.length - result.ran;
          rejectPool(new RunError(`${missing} cell${missing === 1 ? '' : 's'} did not run: the workers exited (last: ${lastExit}); finished cells are kept, run again to resume`));
        } else resolvePool();
      });
    }
  });
}
