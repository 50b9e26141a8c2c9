/**
 * Runs bench/torch_speed.py (PyTorch, one thread) on the same workloads when a Python with torch is present:
 * Debian's /usr/bin/python3 first (python3-torch lives there), then `python3` on PATH. A comparison only; the
 * product never depends on Python.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Workload } from './workloads.ts';

export interface TorchResult {
  torch: string;
  threads: number;
  results: { id: string; msPerStep: number; cpuMsPerStep: number; steps: number }[];
}

const SCRIPT = fileURLToPath(new URL('./torch_speed.py', import.meta.url));

export function findTorchPython(): string | null {
  for (const python of ['/usr/bin/python3', 'python3']) {
    if (python.startsWith('/') && !existsSync(python)) continue;
    const probe = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8', timeout: 60_000 });
    if (probe.status === 0) return python;
  }
  return null;
}

export function runTorch(
  python: string,
  workloads: Workload[],
  budget: { seconds: number; threads: number },
): TorchResult | { error: string } {
  const spec = workloads.map((w) => ({
    id: w.id,
    kind: w.kind,
    hidden: w.hidden,
    batch: w.batch,
    warmup: w.kind === 'cnn' ? 3 : 10,
    seconds: budget.seconds,
    minSteps: w.kind === 'cnn' ? 5 : 10,
  }));
  const run = spawnSync(python, [SCRIPT, JSON.stringify(spec), String(budget.threads)], {
    encoding: 'utf8',
    timeout: 600_000,
    env: { ...process.env, OMP_NUM_THREADS: String(budget.threads), OPENBLAS_NUM_THREADS: String(budget.threads) },
  });
  if (run.status !== 0) return { error: (run.stderr || run.error?.message || 'failed').trim().split('\n').pop()! };
  try {
    return JSON.parse(run.stdout) as TorchResult;
  } catch {
    return { error: `unreadable output: ${run.stdout.slice(0, 200)}` };
  }
}
