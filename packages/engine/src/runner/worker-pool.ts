/**
 * Cell workers kept from one run to the next. `pnpm bench` runs 18 files one after the other, each over its own
 * workers, and a worker's start (Node, tfjs and the engine's modules) costs ~0.9 s of CPU: 36 starts, half a minute.
 * With a pool, a run hands a worker that has run out of cells back here instead of telling it to exit, and the next
 * run over the same store and backend takes it, ready, instead of starting a process. Results do not change: a
 * worker runs each cell from its spec alone (its only state kept between cells is the data-set memo).
 *
 * At most `keep` workers wait here; one more is told to exit, and one that dies while waiting is dropped. `close()`
 * tells every waiting worker to exit: a pool's owner calls it when it has no more runs (a waiting worker keeps its
 * parent's event loop alive through the IPC channel).
 */
import { resolve } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { BackendPreference, ToWorker } from './protocol.ts';

/** A ready worker between runs, with what it said when it became ready. */
export interface IdleWorker {
  child: ChildProcess;
  backend: string;
  stacks: boolean;
  /** Its CPU time (ms, cumulative) at its last finished cell: the next run counts its CPU from there. */
  cpuMs: number;
}

export class WorkerPool {
  readonly store: string;
  readonly backend: BackendPreference;
  readonly keep: number;
  readonly #idle: { worker: IdleWorker; onExit: () => void }[] = [];
  #closed = false;

  constructor(options: { store: string; backend?: BackendPreference; keep: number }) {
    this.store = resolve(options.store);
    this.backend = options.backend ?? 'auto';
    this.keep = options.keep;
  }

  /** Workers waiting now. */
  get size(): number {
    return this.#idle.length;
  }

  /** The process ids of the workers waiting now. */
  get pids(): number[] {
    return this.#idle.flatMap(({ worker }) => (worker.child.pid === undefined ? [] : [worker.child.pid]));
  }

  /** Whether a run over this store and backend may take workers from this pool and give them back. */
  serves(store: string, backend: BackendPreference): boolean {
    return resolve(store) === this.store && backend === this.backend;
  }

  /** A waiting worker for a run over this store and backend, or null: the run starts its own. */
  take(store: string, backend: BackendPreference): IdleWorker | null {
    if (!this.serves(store, backend)) return null;
    const entry = this.#idle.shift();
    if (entry === undefined) return null;
    entry.worker.child.off('exit', entry.onExit);
    return entry.worker;
  }

  /** A worker a run no longer needs, its listeners removed: kept while there is room, else told to exit. */
  give(worker: IdleWorker): void {
    const { child } = worker;
    if (this.#closed || this.#idle.length >= this.keep || child.exitCode !== null || !child.connected) {
      exit(child);
      return;
    }
    const onExit = (): void => {
      const at = this.#idle.findIndex((e) => e.worker.child === child);
      if (at >= 0) this.#idle.splice(at, 1);
    };
    child.once('exit', onExit);
    this.#idle.push({ worker, onExit });
  }

  /** Tells every waiting worker to exit; workers given back later exit at once. */
  close(): void {
    this.#closed = true;
    for (const { worker, onExit } of this.#idle.splice(0)) {
      worker.child.off('exit', onExit);
      exit(worker.child);
    }
  }
}

function exit(child: ChildProcess): void {
  if (!child.connected) return;
  try {
    child.send({ type: 'exit' } satisfies ToWorker);
  } catch {
    // the channel closed meanwhile: the worker is leaving anyway
  }
}
