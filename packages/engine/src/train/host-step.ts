/**
 * A training step of a small ReLU MLP under plain SGD and the squared error, computed on host arrays with the
 * accelerator's GEMM instead of ~30 tfjs kernels: at batch 1 on benchmark 10's 20-5-1 network a step was ~140 µs of
 * tfjs bookkeeping (kernel launches, tape, tensor tracking, garbage) around well under a microsecond of arithmetic.
 *
 * Bitwise train/step.ts's kernel path (a test compares every parameter after every step, NaN and infinities
 * included), because every operation is the one that path runs:
 * - each product is the accelerator's sgemm with the same operands, shapes and transpose flags (dense.ts,
 *   fast-matmul.ts): a·W forward, aᵀ·∂z for ∂W, ∂z·Wᵀ for the layer below (none into the data);
 * - every elementwise operation is one float32 operation (a double result rounded by Math.fround, which for one
 *   +, −, × or ÷ of float32 values equals float32 arithmetic; NaN signs and payloads pass through as in wasm), in
 *   the operand order of the kernel, with tfjs-wasm's rules: ReLU is XNNPACK's integer max of the bits with 0 (so
 *   −0 and a NaN with its sign bit set become +0, other NaNs stay), Step returns a NaN input itself, Mean adds in
 *   memory order from 0, then divides;
 * - the loss gradient is squared-error.ts's ((1 / n) / K) · (2 · (out − y)), the bias gradient bias-sum.ts's
 *   column sums in row order (host-reduce.ts), penalties their `adjustHostGrads` (l2.ts), the update fused-sgd.ts's C loop.
 * Anything else (another loss, optimiser, activation, layer norm, a penalty without a host form, no accelerator,
 * another backend) takes the kernel path, as do steps above MAX_HOST_STEP_MACS (host-step-scope.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Batch, HostActivations, Model } from '../core/contracts.ts';
import type { Accel } from '@plas/accel';
import { activeAccel } from '../backend/accel.ts';
import { heapViews } from '../backend/heap.ts';
import { columnSums } from '../backend/host-reduce.ts';
import { fusedUpdatesOn } from '../optim/fused-adam.ts';
import { coversModel, MAX_HOST_STEP_MACS } from './host-step-scope.ts';
import type { StepParts } from './step.ts';

let enabled = true;

/** Turns the host step on or off (tests compare both paths); returns the previous setting. */
export function setHostSteps(on: boolean): boolean {
  const was = enabled;
  enabled = on;
  return was;
}

/** What a host step computed: the loss before the update, the network's output, hidden activations when asked. */
export interface HostStepResult {
  loss: number;
  output: Float32Array;
  outputs: number;
  hidden: tf.Tensor[];
  /** The hidden activations as host arrays (when asked): valid until the next step overwrites them. */
  hostHidden: HostActivations[] | undefined;
}

/** A layer's shape and parameter names, and the host arrays its step writes, sized for the current batch. */
interface HostLayer {
  fanIn: number;
  units: number;
  weight: string;
  bias: string;
  z: Float32Array;
  /** relu(z) for a hidden layer (the next layer's input); unused for the head, whose output is z. */
  a: Float32Array;
  /** z and a as int32 bits, for the ReLU. */
  zBits: Int32Array;
  aBits: Int32Array;
  dz: Float32Array;
  dw: Float32Array;
  db: Float32Array;
  /** ∂L/∂(this layer's input), for every layer but the first. */
  da: Float32Array | null;
}

interface HostPlan {
  layers: HostLayer[];
  rows: number;
  macsPerExample: number;
  /** Each parameter's gradient array (the layers' dw and db), by name: what penalties adjust and the update reads. */
  grads: Map<string, Float32Array>;
}

const plans = new WeakMap<Model, HostPlan>();

/** The MLP's layer plan when the host step can run it (dense ReLU layers, linear head, no layer norm), else null. */
function planFor(model: Model): HostPlan | null {
  const known = plans.get(model);
  if (known !== undefined) return known;
  if (!coversModel(model.spec)) return null;
  if (model.layers.some((l) => l.kind !== 'dense' || l.norm !== null)) return null;
  const layers = model.layers.map((l, i) => ({
    fanIn: l.fanIn,
    units: l.units,
    weight: l.weight,
    bias: l.bias,
    ...buffers(0, l.fanIn, l.units, i > 0),
  }));
  const plan = { layers, rows: 0, macsPerExample: layers.reduce((s, l) => s + l.fanIn * l.units, 0), grads: new Map<string, Float32Array>() };
  plans.set(model, plan);
  return plan;
}

function buffers(rows: number, fanIn: number, units: number, withInputGrad: boolean) {
  const z = new Float32Array(rows * units);
  const a = new Float32Array(rows * units);
  return {
    z,
    a,
    zBits: new Int32Array(z.buffer),
    aBits: new Int32Array(a.buffer),
    dz: new Float32Array(rows * units),
    dw: new Float32Array(fanIn * units),
    db: new Float32Array(units),
    da: withInputGrad ? new Float32Array(rows * fanIn) : null,
  };
}

function sizeFor(plan: HostPlan, rows: number): void {
  if (plan.rows === rows) return;
  plan.layers.forEach((l, i) => Object.assign(l, buffers(rows, l.fanIn, l.units, i > 0)));
  plan.grads = new Map(plan.layers.flatMap((l) => [[l.weight, l.dw], [l.bias, l.db]] as const));
  plan.rows = rows;
}

/** The host step's result, or null when this step must take the kernel path. */
export function hostTrainStep(parts: StepParts, batch: Batch, keepHidden: boolean): HostStepResult | null {
  const accel = activeAccel();
  const { model, optimizer } = parts;
  if (!enabled || accel === null || !fusedUpdatesOn() || parts.loss !== 'squared_error' || optimizer.kind !== 'sgd') return null;
  if (parts.penalties.some((p) => p.adjustHostGrads === undefined)) return null;
  const plan = planFor(model);
  if (plan === null) return null;
  const rows = batch.x.shape[0] ?? 0;
  const head = plan.layers[plan.layers.length - 1]!;
  if (rows === 0 || rows * plan.macsPerExample > MAX_HOST_STEP_MACS) return null;
  if (batch.x.size !== rows * plan.layers[0]!.fanIn || batch.y.size !== rows * head.units || batch.y.dtype !== 'float32') return null;
  const vars = plan.layers.flatMap((l) => [model.params.get(l.weight), model.params.get(l.bias)]);
  if (vars.some((v) => v === undefined)) return null;
  // Views of the parameters and the batch: nothing below allocates on the heap until the update has run.
  const views = heapViews(vars as tf.Variable[], [batch.x, batch.y]);
  if (views === null) return null;
  sizeFor(plan, rows);
  const x = views[vars.length]!;
  const y = views[vars.length + 1]!;
  const params = new Map<string, Float32Array>();
  plan.layers.forEach((l, i) => {
    params.set(l.weight, views[2 * i]!);
    params.set(l.bias, views[2 * i + 1]!);
  });
  forward(accel, plan, x, params);
  const loss = meanSquaredError(head.z, y, rows, head.units);
  // Copies: the caller's tensors must not alias arrays the next step overwrites.
  const output = head.z.slice();
  if (Number.isFinite(loss)) {
    lossGradient(head, y, rows);
    backward(accel, plan, x, params);
    for (const p of parts.penalties) p.adjustHostGrads!(plan.grads, params, parts.ctx);
    const lr = optimizer.hyper['lr']!;
    for (const [name, g] of plan.grads) accel.sgdUpdate(params.get(name)!, g, lr);
  }
  const hiddenLayers = keepHidden ? plan.layers.slice(0, -1) : [];
  const hidden = hiddenLayers.map((l) => tf.tensor2d(l.a.slice(), [rows, l.units]));
  const hostHidden = keepHidden ? hiddenLayers.map((l) => ({ values: l.a, rows })) : undefined;
  return { loss, output, outputs: head.units, hidden, hostHidden };
}

/** z = a·W + b per layer, then relu for hidden layers (dense.ts's forward). */
function forward(accel: Accel, plan: HostPlan, x: Float32Array, params: Map<string, Float32Array>): void {
  let input = x;
  const last = plan.layers.length - 1;
  plan.layers.forEach((l, i) => {
    const b = params.get(l.bias)!;
    accel.sgemm(false, false, plan.rows, l.units, l.fanIn, input, params.get(l.weight)!, l.z, 1, 0, 0);
    const z = l.z;
    for (let p = 0; p < z.length; p += l.units) {
      for (let c = 0; c < l.units; c++) z[p + c] = z[p + c]! + b[c]!;
    }
    if (i === last) input = z;
    else {
      // tfjs-wasm's Relu (XNNPACK): max(bits, 0) as int32, so negative values, −0 and negative NaNs become +0
      const zb = l.zBits;
      const ab = l.aBits;
      for (let k = 0; k < zb.length; k++) ab[k] = zb[k]! > 0 ? zb[k]! : 0;
      input = l.a;
    }
  });
}

/** tfjs-wasm's Step (alpha 0), the ReLU gradient's mask: a NaN input is returned as it is. */
function step(v: number): number {
  return v > 0 ? 1 : v !== v ? v : 0;
}

/** Mean over the outputs, then over the batch, of (out − y)²: tfjs's SquaredDifference and two Means. */
function meanSquaredError(out: Float32Array, y: Float32Array, rows: number, k: number): number {
  let total = 0;
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const d = Math.fround(out[r * k + c]! - y[r * k + c]!);
      sum = Math.fround(sum + Math.fround(d * d));
    }
    total = Math.fround(total + Math.fround(sum / k));
  }
  return Math.fround(total / rows);
}

/** ∂out = ((1 / n) / K) · (2 · (out − y)) into the head's dz (squared-error.ts's gradient with dy = 1). */
function lossGradient(head: HostLayer, y: Float32Array, rows: number): void {
  const scale = Math.fround(Math.fround(1 / rows) / head.units);
  const out = head.z;
  for (let i = 0; i < out.length; i++) head.dz[i] = scale * Math.fround(2 * Math.fround(out[i]! - y[i]!));
}

/** ∂W = aᵀ·∂z, ∂b = column sums of ∂z, and ∂z of the layer below = (∂z·Wᵀ) · step(z below); from the head down. */
function backward(accel: Accel, plan: HostPlan, x: Float32Array, params: Map<string, Float32Array>): void {
  for (let i = plan.layers.length - 1; i >= 0; i--) {
    const l = plan.layers[i]!;
    const below = i > 0 ? plan.layers[i - 1]! : null;
    accel.sgemm(true, false, l.fanIn, l.units, plan.rows, below === null ? x : below.a, l.dz, l.dw, 1, 0, 0);
    columnSums(l.dz, plan.rows, l.units, false, false, l.db);
    if (below === null) continue;
    const da = l.da!;
    accel.sgemm(false, true, plan.rows, l.fanIn, l.units, l.dz, params.get(l.weight)!, da, 1, 0, 0);
    for (let k = 0; k < da.length; k++) below.dz[k] = da[k]! * step(below.z[k]!);
  }
}
