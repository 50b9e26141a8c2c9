/**
 * Runs an experiment's cells over a pool of worker processes, skipping the cells the store already holds. The cells
 * are distinct (expandCells): an arm a sweep leaves unchanged is one cell per seed, trained once for every point.
 *
 * Each cell is independent and fully seeded, so the results do not depend on the number of workers or on the
 * order in which cells finish. Workers write their own records; the parent only schedules and reports progress.
 *
 * Cells that differ only in their seed and take small steps go to a worker together when it can stack them
 * (runner/stack-groups.ts, train/step-gate.ts): it trains them in lockstep, one stacked step for all, and writes
 * each cell's record as that cell ends; a worker that dies takes its whole group with it (each cell is rerun).
 *
 * Several runners may share one store (two terminals, a Slurm job array): the parent claims each cell
 * (store/claims.ts) right before handing it to a worker, renews its claims while they train, and releases each
 * when the cell ends. A cell claimed by another runner is skipped and checked again later, so every runner ends
 * when every cell of its shard is done, by whoever did it; a claim whose runner died is taken over when its
 * lease expires.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { cellSlots, expandCells, type CellSpec, type ExperimentIR, type SourceSpan } from '@plas/dsl/contract';
import { EXPERIMENT_RECORD_SCHEMA, type CellStatus, type Divergence } from '../record.ts';
import { RunStore, readCellFile } from '../store/run-store.ts';
import { Claims } from '../store/claims.ts';
import { shardCells, type Shard } from './shard.ts';
import { planStackGroups } from './stack-groups.ts';
import type { WorkerPool } from './worker-pool.ts';
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
  /** Run only this shard's cells (see shard.ts); the experiment record still lists every cell. */
  shard?: Shard;
  /**
   * Workers kept between runs (worker-pool.ts): this run takes its workers from the pool where it can and gives
   * them back when it has no more cells for them, instead of starting and stopping its own.
   */
  pool?: WorkerPool;
  onEvent?: (event: RunEvent) => void;
}

export type RunEvent =
  /** A stored record of one of this run's cells failed its checks (store/record-check.ts): it is recomputed. */
  | { type: 'rejected'; cell: CellSpec; reason: string }
  /** `total` distinct cells stand for `combinations` arm × point × seed combinations (a shared arm: one cell per seed). */
  | { type: 'plan'; total: number; combinations: number; cached: number; pending: number; workers: number }
  | { type: 'worker-ready'; worker: number; backend: string }
  | { type: 'cell-start'; cell: CellSpec; worker: number }
  /**
   * Every pending cell has gone to a worker and a worker is leaving for want of work: a core is free from now on
   * (`pnpm bench` starts the next file then). At most once per run; not sent when nothing was pending.
   */
  | { type: 'drained' }
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
  /** Distinct cells of this run (each trained once); `combinations` counts the arm × point × seed they stand for. */
  total: number;
  combinations: number;
  cached: number;
  ran: number;
  completed: number;
  diverged: number;
  failed: number;
  backend: string | null;
  wallMs: number;
  /** Cells of this run that another runner sharing the store finished meanwhile (counted in `cached` too). */
  elsewhere: number;
  /**
   * The largest peak resident memory of any of this run's worker processes, in MiB, as the workers report it with
   * each finished cell (a process's high-water mark: a worker taken from a pool counts its earlier runs too); null
   * when no cell finished here.
   */
  peakWorkerRssMiB: number | null;
  /**
   * CPU time (user + system) of this run's worker processes up to their last finished cell, summed, in ms: with
   * `wallMs`, what a timing needs to be read under load (CPU time rises much less than wall time when cores are busy).
   */
  workerCpuMs: number;
  /**
   * Cells this run trained in lockstep with others of their arm, one stacked step for all (runner/stack-groups.ts:
   * small MLP steps, with the native accelerator); their results are bit for bit those of cells trained alone.
   */
  stackedCells: number;
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

  const mine = options.shard ? shardCells(ir, cells, options.shard) : cells;
  const mineHashes = new Set(mine.map((cell) => cell.hash));
  const combinations = cellSlots(ir).filter((slot) => mineHashes.has(slot.cell.hash)).length;
  const pending: CellSpec[] = [];
  for (const cell of mine) {
    const file = readCellFile(store.root, cell.hash);
    // A record that fails its checks is named, never used: the cell runs again.
    if (file.state === 'invalid') emit({ type: 'rejected', cell, reason: file.reason });
    const done = file.state === 'ok' && file.record.status !== 'failed';
    if (options.force || !done) pending.push(cell);
  }
  const workerCount = Math.max(1, Math.min(options.workers ?? availableParallelism(), pending.length));
  emit({ type: 'plan', total: mine.length, combinations, cached: mine.length - pending.length, pending: pending.length, workers: workerCount });

  const result: RunResult = {
    experimentHash: ir.hash,
    total: mine.length,
    combinations,
    cached: mine.length - pending.length,
    ran: 0,
    completed: 0,
    diverged: 0,
    failed: 0,
    backend: null,
    wallMs: 0,
    elsewhere: 0,
    peakWorkerRssMiB: null,
    workerCpuMs: 0,
    stackedCells: 0,
  };
  if (pending.length > 0) {
    if (!existsSync(WORKER_ENTRY)) {
      throw new RunError(
        `the cell worker ${WORKER_ENTRY} is missing: this installation of @plas/engine is incomplete; reinstall it (e.g. npm install @plas/cli)`,
      );
    }
    const claims = new Claims(store.root);
    // Claims are released if this process exits mid-run (Ctrl-C, an error); a SIGKILL leaves them to expire.
    const releaseOnExit = () => claims.releaseAll();
    process.on('exit', releaseOnExit);
    const renewal = setInterval(() => claims.renewAll(), Math.max(50, claims.lease / 3));
    renewal.unref();
    try {
      const backend = options.backend ?? 'auto';
      // A pool kept for another store or backend is left alone: its workers were started for those.
      const pool = options.pool?.serves(store.root, backend) ? options.pool : null;
      await runPool(pending, workerCount, store, claims, options.force === true, backend, emit, result, pool);
    } finally {
      clearInterval(renewal);
      claims.releaseAll();
      process.off('exit', releaseOnExit);
    }
  }
  result.wallMs = Date.now() - started;
  return result;
}

function runPool(
  pending: CellSpec[],
  workerCount: number,
  store: RunStore,
  claims: Claims,
  force: boolean,
  backend: BackendPreference,
  emit: (event: RunEvent) => void,
  result: RunResult,
  pool: WorkerPool | null,
): Promise<void> {
  const queue = [...pending];
  const byHash = new Map(pending.map((cell) => [cell.hash, cell]));
  const children: ChildProcess[] = [];
  /** The cells each worker is running (by worker index), so a worker that dies mid-cell is reported. */
  const running = new Map<number, Set<string>>();
  /** Workers that can train a group of cells as one stack (they said so when ready). */
  const stacking = new Set<number>();
  const groups = planStackGroups(pending, workerCount);
  /** Workers that are ready while the preflight is still under way. */
  const waiting: number[] = [];
  let preflight: 'not-started' | 'running' | 'passed' = 'not-started';
  let active = 0;
  let lastExit = '';
  let anyReady = false;
  let drained = false;
  let configError: RunConfigError | null = null;
  /** Cells claimed by other runners are looked at again after this long (a fraction of a lease). */
  const recheckMs = Math.min(2000, Math.max(50, claims.lease / 4));
  /** Idle workers waiting for another runner's claimed cells (so they are not dispatched twice). */
  const idle = new Set<number>();
  /** Each worker's CPU time at its last report (cumulative, ms). */
  const workerCpu = new Map<number, number>();
  /** What each worker said when it became ready (a pooled worker said it to an earlier run). */
  const readyAs = new Map<number, { backend: string; stacks: boolean }>();
  /** Workers this run has given back to the pool: no longer its own. */
  const givenBack = new Set<number>();
  /** Each worker's listeners, removed when it goes back to the pool. */
  const listeners = new Map<number, { message: (m: FromWorker) => void; exit: (code: number | null, signal: NodeJS.Signals | null) => void }>();
  const storeRoot = store.root;

  return new Promise<void>((resolvePool, rejectPool) => {
    const send = (worker: number, message: ToWorker) => children[worker]?.send(message);

    const stopAll = () => {
      queue.length = 0;
      for (const w of idle) send(w, { type: 'exit' });
      idle.clear();
      for (const [w, child] of children.entries()) if (!givenBack.has(w)) child.kill('SIGTERM');
    };

    /** Claims queue[i] for this runner: 'done' when it was finished elsewhere (it leaves the queue), 'busy' when claimed. */
    const claim = (i: number): 'ok' | 'done' | 'busy' => {
      const candidate = queue[i]!;
      if (!force && store.isDone(candidate.hash)) {
        queue.splice(i, 1);
        result.elsewhere++;
        result.cached++;
        return 'done';
      }
      if (!claims.tryClaim(candidate.hash)) return 'busy';
      // Re-check after claiming: the record may have been written between the check above and the claim.
      if (!force && store.isDone(candidate.hash)) {
        claims.release(candidate.hash);
        queue.splice(i, 1);
        result.elsewhere++;
        result.cached++;
        return 'done';
      }
      queue.splice(i, 1);
      return 'ok';
    };

    /**
     * The next cells this runner may train, claimed now: one cell, or for a worker that stacks, the cell and the
     * queued cells that differ from it only in their seed (up to the group size); cells done elsewhere meanwhile
     * leave the queue.
     */
    const nextCells = (worker: number): CellSpec[] | 'wait' | null => {
      let first: CellSpec | null = null;
      for (let i = 0; i < queue.length && first === null; i++) {
        const candidate = queue[i]!;
        const got = claim(i);
        if (got === 'ok') first = candidate;
        else if (got === 'done') i--;
      }
      if (first === null) return queue.length > 0 ? 'wait' : null;
      const key = stacking.has(worker) ? groups.keyOf(first) : null;
      const group = [first];
      const size = key === null ? 1 : groups.sizeOf(key);
      for (let i = 0; i < queue.length && group.length < size; i++) {
        const candidate = queue[i]!;
        if (groups.keyOf(candidate) !== key) continue;
        const got = claim(i);
        if (got === 'ok') group.push(candidate);
        if (got !== 'busy') i--;
      }
      return group;
    };

    const dispatch = (worker: number) => {
      idle.delete(worker);
      const cells = nextCells(worker);
      if (cells === 'wait') {
        // Every remaining cell is claimed by another runner: look again later (it may finish, or its lease expire).
        running.delete(worker);
        idle.add(worker);
        setTimeout(() => {
          if (idle.has(worker)) dispatch(worker);
        }, recheckMs);
        return;
      }
      if (!cells) {
        running.delete(worker);
        // Back to the pool before `drained`: a run started on that event takes this worker over.
        if (pool !== null && readyAs.has(worker)) giveBack(worker);
        else send(worker, { type: 'exit' });
        if (!drained) {
          drained = true;
          emit({ type: 'drained' });
        }
        return;
      }
      running.set(worker, new Set(cells.map((cell) => cell.hash)));
      if (cells.length > 1) result.stackedCells += cells.length;
      send(worker, { type: 'run', cells });
      for (const cell of cells) emit({ type: 'cell-start', cell, worker });
    };

    /** A worker's cell has ended: the worker gets more work once its whole group has ended. */
    const ended = (worker: number, hash: string) => {
      const mine = running.get(worker);
      mine?.delete(hash);
      if (!mine || mine.size === 0) dispatch(worker);
    };

    const onMessage = (worker: number, message: FromWorker) => {
      switch (message.type) {
        case 'ready':
          anyReady = true;
          readyAs.set(worker, { backend: message.backend, stacks: message.stacks });
          result.backend = message.backend;
          if (message.stacks) stacking.add(worker);
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
          claims.release(message.hash);
          result.ran++;
          if (message.status === 'complete') result.completed++;
          else if (message.status === 'diverged') result.diverged++;
          else result.failed++;
          result.peakWorkerRssMiB = Math.max(result.peakWorkerRssMiB ?? 0, message.peakRssMiB);
          // cumulative per worker: add what this worker used since its previous report
          result.workerCpuMs += message.cpuMs - (workerCpu.get(worker) ?? 0);
          workerCpu.set(worker, message.cpuMs);
          const cell = byHash.get(message.hash);
          if (cell) emit({ type: 'cell-end', cell, status: message.status, wallMs: message.wallMs, steps: message.steps, divergence: message.divergence, error: null });
          ended(worker, message.hash);
          return;
        }
        case 'error': {
          claims.release(message.hash);
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
          ended(worker, message.hash);
          return;
        }
      }
    };

    /** A worker has left this run (exited, or gone back to the pool): the run ends when the last one has. */
    const left = () => {
      active--;
      if (active > 0) return;
      if (configError) rejectPool(configError);
      else if (!anyReady) {
        rejectPool(
          new RunError(`the cell workers exited before they could start (last exit: ${lastExit}); nothing was trained. If Plas is installed, reinstall it; PLAS_DEBUG=1 shows more`),
        );
      } else if (result.ran + result.elsewhere < pending.length) {
        const missing = pending.length - result.ran - result.elsewhere;
        rejectPool(new RunError(`${missing} cell${missing === 1 ? '' : 's'} did not run: the workers exited (last: ${lastExit}); finished cells are kept, run again to resume`));
      } else resolvePool();
    };

    /** Hands a worker that has no more cells here to the pool, with what the next run needs to know of it. */
    const giveBack = (worker: number) => {
      const child = children[worker]!;
      const own = listeners.get(worker)!;
      child.off('message', own.message);
      child.off('exit', own.exit);
      idle.delete(worker);
      givenBack.add(worker);
      pool!.give({ child, ...readyAs.get(worker)!, cpuMs: workerCpu.get(worker) ?? 0 });
      left();
    };

    const adopt = (worker: number, child: ChildProcess) => {
      children.push(child);
      active++;
      const message = (m: FromWorker) => onMessage(worker, m);
      const exit = (code: number | null, signal: NodeJS.Signals | null) => {
        const hashes = running.get(worker) ?? new Set<string>();
        running.delete(worker);
        idle.delete(worker);
        for (const hash of hashes) {
          claims.release(hash);
          if (configError) continue;
          // The worker died mid-cell (out of memory, killed): the cell stays missing and is rerun next time.
          const cell = byHash.get(hash);
          result.ran++;
          result.failed++;
          if (cell) emit({ type: 'cell-end', cell, status: 'failed', wallMs: 0, steps: 0, divergence: null, error: `worker exited (${signal ?? code})` });
        }
        lastExit = signal ?? String(code);
        left();
      };
      listeners.set(worker, { message, exit });
      child.on('message', message);
      child.on('exit', exit);
    };

    for (let worker = 0; worker < workerCount; worker++) {
      const pooled = pool?.take(storeRoot, backend) ?? null;
      if (pooled !== null) {
        adopt(worker, pooled.child);
        workerCpu.set(worker, pooled.cpuMs);
        // Ready already: it said so to an earlier run. Told after this loop, as a new worker's 'ready' would be.
        setImmediate(() => onMessage(worker, { type: 'ready', backend: pooled.backend, stacks: pooled.stacks }));
        continue;
      }
      const child = fork(WORKER_ENTRY, [], {
        execArgv: workerExecArgv(),
        env: { ...process.env, PLAS_STORE: resolve(storeRoot), PLAS_BACKEND: backend },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      adopt(worker, child);
    }
  });
}
