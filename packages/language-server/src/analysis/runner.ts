/**
 * Runs analyses on the analysis thread, one at a time. Work is bounded three ways: a newer version of a document
 * replaces its queued job (the stale one resolves null without running); a job that runs longer than `timeoutMs`
 * ends the thread, which is started anew; and the thread's heap is capped, so a pathological file costs a failed
 * job, never the server.
 */
import { Worker } from 'node:worker_threads';
import type { Analysis, AnalyzeRequest, FormatRequest } from './analyze.ts';
import type { WorkerReply, WorkerRequest } from './protocol.ts';

export class AnalysisFailed extends Error {}

interface Job {
  id: number;
  /** Jobs with the same key replace each other while queued (the document's path for analyses). */
  key: string | null;
  message: WorkerRequest;
  resolve: (reply: WorkerReply | null) => void;
  reject: (error: Error) => void;
}

export interface RunnerOptions {
  timeoutMs: number;
  /** Heap limit of the analysis thread. */
  maxHeapMb?: number;
  log?: (message: string) => void;
}

const here = import.meta.url;
const extension = here.slice(here.lastIndexOf('.'));

/** The worker beside this module: compiled JavaScript, or (in the workspace, under tsx) the TypeScript source. */
function startWorker(maxHeapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: maxHeapMb };
  const entry = new URL(`./analysis-worker${extension}`, here);
  if (extension !== '.ts') return new Worker(entry, { resourceLimits });
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { eval: true, execArgv: ['--conditions=source'], resourceLimits });
}

export class AnalysisRunner {
  private worker: Worker | null = null;
  private queue: Job[] = [];
  private current: { job: Job; timer: NodeJS.Timeout } | null = null;
  private nextId = 1;
  private disposed = false;

  constructor(private readonly options: RunnerOptions) {}

  /** The analysis, or null when a newer request for the same path replaced this one before it ran. */
  async analyze(request: AnalyzeRequest): Promise<Analysis | null> {
    const reply = await this.enqueue(request.path, (id) => ({ id, type: 'analyze', request }));
    if (reply === null) return null;
    if (!reply.ok) throw new AnalysisFailed(reply.error);
    return 'analysis' in reply ? reply.analysis : null;
  }

  async format(request: FormatRequest): Promise<string | null> {
    const reply = await this.enqueue(null, (id) => ({ id, type: 'format', request }));
    if (reply === null || !reply.ok) return null;
    return 'formatted' in reply ? reply.formatted : null;
  }

  dispose(): void {
    this.disposed = true;
    for (const job of this.queue) job.resolve(null);
    this.queue = [];
    if (this.current) {
      clearTimeout(this.current.timer);
      this.current.job.resolve(null);
      this.current = null;
    }
    void this.worker?.terminate();
    this.worker = null;
  }

  private enqueue(key: string | null, make: (id: number) => WorkerRequest): Promise<WorkerReply | null> {
    if (this.disposed) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      if (key !== null) {
        const stale = this.queue.findIndex((j) => j.key === key);
        if (stale >= 0) this.queue.splice(stale, 1)[0]!.resolve(null);
      }
      this.queue.push({ id, key, message: make(id), resolve, reject });
      this.pump();
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker(this.options.maxHeapMb ?? 2048);
    worker.on('message', (reply: WorkerReply | { ready: true }) => {
      if ('ready' in reply) return;
      if (!this.current || this.current.job.id !== reply.id) return;
      const { job, timer } = this.current;
      clearTimeout(timer);
      this.current = null;
      job.resolve(reply);
      this.pump();
    });
    const lost = (why: string): void => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.fail(why);
    };
    worker.on('error', (error) => lost(`the analysis thread failed: ${error.message}`));
    worker.on('exit', (code) => lost(`the analysis thread stopped (exit code ${code})`));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  /** The running job fails (time limit, crash, out of memory); the next one gets a fresh thread. */
  private fail(why: string): void {
    const running = this.current;
    this.current = null;
    if (running) {
      clearTimeout(running.timer);
      this.options.log?.(why);
      running.job.reject(new AnalysisFailed(why));
    }
    this.pump();
  }

  private pump(): void {
    if (this.disposed || this.current || this.queue.length === 0) return;
    const job = this.queue.shift()!;
    const worker = this.ensureWorker();
    const timer = setTimeout(() => {
      const w = this.worker;
      this.worker = null;
      void w?.terminate();
      this.fail(`the analysis took more than ${Math.round(this.options.timeoutMs / 1000)} s`);
    }, this.options.timeoutMs);
    this.current = { job, timer };
    worker.postMessage(job.message);
  }
}
