/**
 * Keeps bench/torch_speed.py (PyTorch, one thread) running as a child process and asks it for one workload at a
 * time, so PyTorch's figures are measured interleaved with Plas's under the same load. Debian's /usr/bin/python3
 * is tried first (python3-torch lives there), then `python3` on PATH. A comparison only; the product never
 * depends on Python.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Workload } from './workloads.ts';

export interface TorchTiming {
  id: string;
  msPerStep: number;
  cpuMsPerStep: number;
  steps: number;
  maxRssKiB: number;
}

const SCRIPT = fileURLToPath(new URL('./torch_speed.py', import.meta.url));

export function findTorchPython(): string | null {
  for (const python of ['/usr/bin/python3', 'python3']) {
    if (python.startsWith('/') && !existsSync(python)) continue;
    // From the temp directory: a `torch/` folder in the working directory would pass `import torch` as a namespace package.
    const probe = spawnSync(python, ['-c', 'import torch; torch.zeros(1)'], { encoding: 'utf8', timeout: 60_000, cwd: tmpdir() });
    if (probe.status === 0) return python;
  }
  return null;
}

export class TorchServer {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: AsyncIterator<string>;
  private stderr = '';
  version = '';
  threads = 0;

  constructor(python: string, threads: number) {
    const env = { ...process.env, OMP_NUM_THREADS: String(threads), OPENBLAS_NUM_THREADS: String(threads) };
    this.child = spawn(python, [SCRIPT, String(threads)], { env });
    this.child.stderr.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-2000)));
    this.lines = createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
  }

  private async next(): Promise<string> {
    const line = await this.lines.next();
    if (line.done) throw new Error(`torch_speed.py ended: ${this.stderr.trim().split('\n').pop() ?? 'no output'}`);
    return line.value;
  }

  /** Waits for torch to load and its discarded first pass. */
  async start(): Promise<void> {
    const hello = JSON.parse(await this.next()) as { torch: string; threads: number };
    this.version = hello.torch;
    this.threads = hello.threads;
  }

  async run(w: Workload, seconds: number): Promise<TorchTiming> {
    const spec = { id: w.id, kind: w.kind, hidden: w.hidden, batch: w.batch, warmup: w.kind === 'cnn' ? 3 : 10, seconds, minSteps: w.kind === 'cnn' ? 5 : 10 };
    this.child.stdin.write(`${JSON.stringify(spec)}\n`);
    return JSON.parse(await this.next()) as TorchTiming;
  }

  stop(): void {
    this.child.stdin.end();
    this.child.kill();
  }
}
