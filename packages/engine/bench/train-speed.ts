/**
 * Engine benchmark: training speed per backend, the same workloads in PyTorch, the cost of every diagnostic, and
 * where a step's time goes (tf.profile). Prints markdown tables; the figures in docs/performance.md come from it.
 *
 *   pnpm --filter @plas/engine bench [-- --backends=wasm,cpu,node --seconds=2 --no-torch --no-diagnostics
 *                                        --no-profile --cpu-cnn --threads=1 --diag-seconds=1 --json=out.json]
 *
 * Workloads (bench/workloads.ts): MLP 784-100-100-10 at batch 16 and 128, 784-256-256-10 at batch 128, Kumar's
 * small CNN at batch 128; Adam lr 1e-3, cross-entropy, the engine's own trainStep. Each: warm-up steps, then timed
 * steps until `seconds` have passed and a minimum count ran. The cpu backend's CNN (~16 s a step on an idle
 * machine) only runs with --cpu-cnn (1 warm-up + 2 steps), to keep the default run under ~5 minutes.
 */
import * as tf from '@tensorflow/tfjs-core';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { selectBackend } from '../src/backend/index.ts';
import type { BackendPreference } from '../src/backend/index.ts';
import { diagnosticNames, getDiagnostic } from '../src/diagnostics/registry.ts';
import { fmt, timeCalls, type Timing } from './timing.ts';
import { findTorchPython, runTorch, type TorchResult } from './torch-runner.ts';
import { makeTrainer, WORKLOADS, type Workload } from './workloads.ts';

const { values: opts } = parseArgs({
  options: {
    backends: { type: 'string', default: 'wasm,cpu,node' },
    seconds: { type: 'string', default: '2' },
    threads: { type: 'string', default: '1' },
    'diag-seconds': { type: 'string', default: '1' },
    'no-torch': { type: 'boolean', default: false },
    'no-diagnostics': { type: 'boolean', default: false },
    'no-profile': { type: 'boolean', default: false },
    'cpu-cnn': { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});
const seconds = Number(opts.seconds);
const diagSeconds = Number(opts['diag-seconds']);
const threads = Number(opts.threads);
const backends = opts.backends.split(',').map((b) => b.trim()) as Exclude<BackendPreference, 'auto'>[];
if (![seconds, diagSeconds, threads].every((v) => Number.isFinite(v) && v >= 0)) {
  console.error('bench: --seconds, --diag-seconds and --threads take non-negative numbers');
  process.exit(2);
}
const silence = (): void => {}; // tfjs's "install the node backend" banner is not a result
console.warn = silence;

interface SpeedRow {
  backend: string;
  id: string;
  label: string;
  timing: Timing | null;
  note: string;
}

const log = (s = ''): void => console.log(s);
const started = Date.now();

function machine(): string[] {
  const cpus = os.cpus();
  return [
    `CPU: ${cpus[0]?.model ?? 'unknown'} × ${cpus.length} logical cores; RAM ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; ${os.type()} ${os.release()}`,
    `Node ${process.version}; @tensorflow/tfjs-core ${tf.version_core}; load average at start ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}`,
  ];
}

function budgetFor(backend: string, w: Workload): Parameters<typeof timeCalls>[1] {
  if (backend === 'cpu' && w.kind === 'cnn') return { warmup: 1, seconds: 0, minCalls: 2 };
  if (w.kind === 'cnn') return { warmup: 2, seconds, minCalls: 3 };
  return { warmup: 5, warmupSeconds: Math.min(1, seconds / 2), seconds, minCalls: 5 };
}

async function speed(): Promise<SpeedRow[]> {
  const rows: SpeedRow[] = [];
  for (const backend of backends) {
    let name: string;
    try {
      name = await selectBackend(backend);
    } catch (err) {
      const why = (err instanceof Error ? err.message : String(err)).slice(0, 160);
      rows.push({ backend, id: '-', label: 'all', timing: null, note: `unavailable: ${why}` });
      continue;
    }
    // a discarded first pass, as in torch_speed.py: a process's first seconds run slower than its steady state
    const first = makeTrainer(WORKLOADS[0]!);
    timeCalls((i) => first.step(i), { warmup: 5, seconds: Math.min(2, seconds), minCalls: 1 });
    first.dispose();
    for (const w of WORKLOADS) {
      if (name === 'cpu' && w.kind === 'cnn' && !opts['cpu-cnn']) {
        rows.push({ backend: name, id: w.id, label: w.label, timing: null, note: 'skipped (slow; --cpu-cnn runs it)' });
        continue;
      }
      const trainer = makeTrainer(w);
      try {
        const timing = timeCalls((i) => trainer.step(i), budgetFor(backend, w));
        rows.push({ backend: name, id: w.id, label: w.label, timing, note: '' });
        log(`  ${name.padEnd(5)} ${w.label.padEnd(34)} ${fmt(timing.msPerCall)} ms/step, CPU ${fmt(timing.cpuMsPerCall)} ms/step (${timing.calls} steps)`);
      } catch (err) {
        rows.push({ backend: name, id: w.id, label: w.label, timing: null, note: `failed: ${String(err).slice(0, 120)}` });
      } finally {
        trainer.dispose();
      }
    }
  }
  return rows;
}

async function diagnosticCosts(): Promise<{ backend: string; rows: { name: string; timing: Timing }[] }> {
  const backend = await selectBackend(backends.includes('wasm') ? 'wasm' : backends[0]!);
  const trainer = makeTrainer({ kind: 'mlp', hidden: [100, 100], batch: 128 }, { train: 10_000, test: 10_000 });
  for (let i = 0; i < 20; i++) trainer.step(i); // move off the initial point
  const rows: { name: string; timing: Timing }[] = [];
  try {
    for (const name of diagnosticNames()) {
      const diagnostic = getDiagnostic(name)!;
      const timing = timeCalls(() => diagnostic(trainer.ctx, {}), { warmup: 1, seconds: diagSeconds, minCalls: 1 });
      rows.push({ name, timing });
      log(`  ${name.padEnd(20)} ${fmt(timing.msPerCall)} ms/call, CPU ${fmt(timing.cpuMsPerCall)} ms/call`);
    }
  } finally {
    trainer.dispose();
  }
  return { backend, rows };
}

async function profile(): Promise<string[]> {
  const out: string[] = [];
  const backend = await selectBackend(backends.includes('wasm') ? 'wasm' : backends[0]!);
  for (const w of WORKLOADS.filter((x) => x.id === 'mlp100-b128' || x.id === 'cnn-b128')) {
    const trainer = makeTrainer(w);
    try {
      for (let i = 0; i < 3; i++) trainer.step(i);
      const steps = 5; // kernel times summed over several steps, then given per step
      const info = await tf.profile(() => {
        for (let i = 0; i < steps; i++) trainer.step(3 + i);
      });
      const byKernel = new Map<string, number>();
      const kernels = info.kernels.filter((k) => tf.getKernel(k.name, tf.getBackend()) !== undefined);
      for (const k of kernels) {
        // only registered kernels: wrappers such as customGrad's 'forward' or 'logSoftmax__op' include inner kernels
        const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs / steps : 0;
        byKernel.set(k.name, (byKernel.get(k.name) ?? 0) + ms);
      }
      const total = [...byKernel.values()].reduce((a, b) => a + b, 0);
      const top = [...byKernel].sort((a, b) => b[1] - a[1]).slice(0, 6);
      out.push(`- ${w.label} on ${backend}: ${fmt(total)} ms of kernel time per step in ${kernels.length / steps} kernel calls; ` +
        top.map(([k, ms]) => `${k} ${fmt(ms)} ms (${((100 * ms) / total).toFixed(0)}%)`).join(', '));
      // the same by kernel and input shapes: which matmul / conv of the step it is
      const byCall = new Map<string, number>();
      for (const k of kernels) {
        const key = `${k.name} ${k.inputShapes.map((sh) => `[${sh.join(',')}]`).join('×')}`;
        byCall.set(key, (byCall.get(key) ?? 0) + (typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs / steps : 0));
      }
      const calls = [...byCall].sort((a, b) => b[1] - a[1]).slice(0, 4);
      out.push(`  - largest: ${calls.map(([k, ms]) => `${k} ${fmt(ms)} ms`).join('; ')}`);
    } finally {
      trainer.dispose();
    }
  }
  return out;
}

async function main(): Promise<void> {
  const header = machine();
  header.forEach((l) => log(l));
  log('\n## Training speed (tfjs)');
  const rows = await speed();

  let torch: TorchResult | { error: string } | null = null;
  if (!opts['no-torch']) {
    const python = findTorchPython();
    if (python === null) torch = { error: 'no python3 with torch found' };
    else {
      log(`\n## PyTorch (${python}, ${threads} thread(s))`);
      torch = runTorch(python, WORKLOADS, { seconds, threads });
    }
  }
  const torchRows = new Map(torch && 'results' in torch ? torch.results.map((r) => [r.id, r]) : []);

  log('\n| workload | backend | ms/step | CPU ms/step | steps/s | PyTorch ms/step (CPU) | tfjs / PyTorch (CPU) |');
  log('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    if (r.timing === null) {
      log(`| ${r.label} | ${r.backend} | — | — | — | — | ${r.note} |`);
      continue;
    }
    const t = torchRows.get(r.id);
    const { msPerCall: ms, cpuMsPerCall: cpu } = r.timing;
    const torchCell = t === undefined ? '—' : `${fmt(t.msPerStep)} (${fmt(t.cpuMsPerStep)})`;
    const ratio = t === undefined ? '—' : `${fmt(ms / t.msPerStep, 1)}x (${fmt(cpu / t.cpuMsPerStep, 1)}x)`;
    log(`| ${r.label} | ${r.backend} | ${fmt(ms)} | ${fmt(cpu)} | ${fmt(1000 / ms, 1)} | ${torchCell} | ${ratio} |`);
  }
  if (torch && 'error' in torch) log(`\nPyTorch: not run (${torch.error})`);
  else if (torch) log(`\nPyTorch ${torch.torch}, ${torch.threads} thread(s).`);

  let diags: Awaited<ReturnType<typeof diagnosticCosts>> | null = null;
  if (!opts['no-diagnostics']) {
    log('\n## Diagnostic cost (defaults, MLP 784-100-100-10, train/test pools of 10,000)');
    diags = await diagnosticCosts();
    log(`\n| diagnostic (${diags.backend}) | ms/call | CPU ms/call | calls timed |`);
    log('|---|---|---|---|');
    for (const d of diags.rows) log(`| ${d.name} | ${fmt(d.timing.msPerCall)} | ${fmt(d.timing.cpuMsPerCall)} | ${d.timing.calls} |`);
  }

  let prof: string[] = [];
  if (!opts['no-profile']) {
    log('\n## Where a step goes (tf.profile, kernel time by kernel)');
    prof = await profile();
    prof.forEach((l) => log(l));
  }

  log(`\nload average at end ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}; total ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (opts.json) writeFileSync(opts.json, JSON.stringify({ machine: header, rows, torch, diagnostics: diags, profile: prof }, null, 2));
}

main().catch((err: unknown) => {
  console.error(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
