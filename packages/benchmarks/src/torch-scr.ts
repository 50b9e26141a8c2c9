/**
 * The PyTorch cross-check of benchmark 10 (slowly-changing regression): `torch/slowly_changing_regression.py` is an
 * independent implementation of the same problem and learners. This module translates the suite file's IR into the
 * script's options (so the two always run the same settings; anything the script does not implement is a
 * TorchProtocolError naming it) and reads its JSON.
 */
import type { ExperimentIR, InterventionSpec } from '@plas/dsl';
import { fileURLToPath } from 'node:url';
import { lastJsonLine, TorchProtocolError } from './torch.ts';

export const SCR_TORCH_SCRIPT = fileURLToPath(new URL('../torch/slowly_changing_regression.py', import.meta.url));

/** The one measured metric the script reports: the online squared error, averaged per window. */
export const SCR_METRIC = 'online.loss';

function armOption(name: string, interventions: readonly InterventionSpec[]): string {
  if (interventions.length === 0) return `${name}=backprop`;
  const only = interventions.length === 1 ? interventions[0] : undefined;
  if (only === undefined || only.trigger.kind !== 'every_step') {
    throw new TorchProtocolError(`arm ${name}: the script implements one intervention applied every step`);
  }
  const p = only.params;
  if (only.name === 'l2') return `${name}=l2:${String(p['strength'])}`;
  if (only.name === 'continual_backprop') {
    const utility = p['utility'] ?? 'contribution';
    return `${name}=cbp:${String(p['rate'])}:${String(p['maturity'])}:${String(p['decay'])}:${String(utility)}`;
  }
  throw new TorchProtocolError(`arm ${name}: the script implements backprop, l2 and continual_backprop, not ${only.name}`);
}

/**
 * The script's options for an IR of benchmark 10's shape: slowly_changing_regression data, a one-hidden-layer ReLU
 * MLP with he_uniform_linear_head init, SGD, batch 1, squared error, one epoch over the stream, `online.loss`
 * measured every N steps.
 */
export function scrTorchArgs(ir: ExperimentIR): string[] {
  const { data, model, optimizer } = ir;
  if (data.kind !== 'slowly_changing_regression') throw new TorchProtocolError(`data ${data.kind}: the script generates slowly_changing_regression`);
  if (model.kind !== 'mlp' || model.hidden.length !== 1 || model.activation !== 'relu' || model.layerNorm || model.init !== 'he_uniform_linear_head') {
    throw new TorchProtocolError('the script implements a one-hidden-layer relu MLP with he_uniform_linear_head init and no layer norm');
  }
  if (optimizer.kind !== 'sgd') throw new TorchProtocolError(`optimizer ${optimizer.kind}: the script implements sgd`);
  if (ir.loss !== 'squared_error' || ir.batch !== 1) throw new TorchProtocolError('the script trains with squared error at batch 1');
  const phase = ir.stream.length === 1 ? ir.stream[0] : undefined;
  if (phase?.kind !== 'phase' || phase.data.length !== 1 || phase.data[0]?.kind !== 'all' || phase.duration.kind !== 'fixed' || phase.duration.unit !== 'epochs' || phase.duration.amount !== 1) {
    throw new TorchProtocolError('the script runs one phase: train on all for 1 epochs');
  }
  const measure = ir.measure.find((m) => m.metric === SCR_METRIC);
  if (measure?.cadence.kind !== 'every' || measure.cadence.unit !== 'steps') {
    throw new TorchProtocolError(`the script reports ${SCR_METRIC} every N steps; measure it so`);
  }
  if (data.train % measure.cadence.n !== 0) throw new TorchProtocolError(`the stream length ${data.train} must be a multiple of the measurement period ${measure.cadence.n}`);
  return [
    SCR_TORCH_SCRIPT,
    '--flipping-bits', String(data.flippingBits),
    '--random-bits', String(data.randomBits),
    '--flip-every', String(data.flipEvery),
    '--flip', data.flip,
    '--bias', data.bias,
    '--threshold', data.threshold,
    '--target-hidden', String(data.targetHidden),
    '--train', String(data.train),
    '--hidden', String(model.hidden[0]),
    '--lr', String(optimizer.lr),
    '--window', String(measure.cadence.n),
    '--seeds', String(ir.seeds.length),
    ...ir.arms.flatMap((arm) => ['--arm', armOption(arm.name, arm.interventions)]),
  ];
}

export interface ScrTorchResult {
  seeds: number[];
  /** Arm → per seed, the mean online squared error of every window. */
  arms: Record<string, number[][]>;
  replaced: Record<string, number>;
  seconds: number;
  torch: string;
}

const isSeries = (v: unknown): v is number[][] => Array.isArray(v) && v.every((s) => Array.isArray(s) && s.every((x) => typeof x === 'number'));

/** Parse the script's last stdout line. */
export function parseScrTorchOutput(stdout: string): ScrTorchResult {
  const r = lastJsonLine(stdout) as Partial<ScrTorchResult>;
  if (typeof r.arms !== 'object' || r.arms === null || !Object.values(r.arms).every(isSeries) || !Array.isArray(r.seeds)) {
    throw new Error('the PyTorch script printed JSON without per-arm window errors');
  }
  return r as ScrTorchResult;
}
