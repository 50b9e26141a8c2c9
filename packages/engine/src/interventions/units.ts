/**
 * Unit surgery shared by ReDo and continual backprop: where a hidden unit's weights live and how to replace them.
 *
 * A unit of weight layer L is one output column of L (a channel for conv). With layer width U and activation width
 * factor f (2 for CReLU, whose activation is [relu(x), relu(-x)] concatenated on the last axis), unit u owns the
 * activation features u and U + u (f = 2) or just u (f = 1). Its weights are
 *   incoming  L.weight[..., u] (dense column / conv kernel[:, :, :, u]), L.bias[u], layer-norm gain/offset[u];
 *   outgoing  the next layer's inputs fed by its features:
 *             dense -> dense  next.weight[feature, :]
 *             conv  -> conv   next.kernel[:, :, feature, :]
 *             conv  -> dense  next.weight[r, :] for every row r of the NHWC flatten with r % (f·U) == feature
 *                             (the conv output may be pooled first; pooling keeps channels last).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayerInfo, Model, Optimizer, UnitResetOptions } from '../core/contracts.ts';

/** A set of indices along one axis of one parameter. */
export interface ParamSlice {
  param: string;
  axis: number;
  indices: number[];
}

/** Weight layers whose units have an outgoing layer: every layer but the head, in order. */
export function hiddenLayers(model: Pick<Model, 'layers'>): LayerInfo[] {
  return model.layers.filter((l) => !l.isHead);
}

/** Activation features (last axis of the layer's hidden output) that belong to the given units. */
export function featureIndices(layer: LayerInfo, units: readonly number[]): number[] {
  const out: number[] = [...units];
  if (layer.activationWidthFactor === 2) for (const u of units) out.push(layer.units + u);
  return out;
}

function variable(model: Model, name: string): tf.Variable {
  const v = model.params.get(name);
  if (v === undefined) throw new Error(`model has no parameter '${name}'`);
  return v;
}

function nextLayer(model: Model, layer: LayerInfo): LayerInfo {
  const next = model.layers[layer.index + 1];
  if (next === undefined) throw new Error(`layer '${layer.name}' is the head: it has no outgoing layer`);
  return next;
}

/** The slice of the next layer's weight that a layer's units feed (see header). */
export function outgoingSlice(model: Model, layer: LayerInfo, units: readonly number[]): ParamSlice {
  const next = nextLayer(model, layer);
  const shape = variable(model, next.weight).shape;
  const features = featureIndices(layer, units);
  const width = layer.units * layer.activationWidthFactor;
  if (next.kind === 'conv') {
    if (shape[2] !== width) throw new Error(`layer '${next.name}' takes ${shape[2]} input channels, expected ${width} from '${layer.name}'`);
    return { param: next.weight, axis: 2, indices: features };
  }
  const rows = shape[0]!;
  if (layer.kind === 'dense') {
    if (rows !== width) throw new Error(`layer '${next.name}' takes ${rows} inputs, expected ${width} from '${layer.name}'`);
    return { param: next.weight, axis: 0, indices: features };
  }
  if (rows % width !== 0) throw new Error(`layer '${next.name}' takes ${rows} inputs, not a multiple of the ${width} channels of '${layer.name}'`);
  const indices: number[] = [];
  for (let base = 0; base < rows; base += width) for (const f of features) indices.push(base + f);
  indices.sort((a, b) => a - b);
  return { param: next.weight, axis: 0, indices };
}

/** The incoming slices of some units: weight column(s), bias and layer-norm parameters. */
export function incomingSlices(model: Model, layer: LayerInfo, units: readonly number[]): { weight: ParamSlice; bias: ParamSlice; norm: ParamSlice[] } {
  const weightRank = variable(model, layer.weight).rank;
  const norm: ParamSlice[] = [];
  if (layer.norm !== null) {
    for (const name of [layer.norm.gain, layer.norm.offset]) {
      norm.push({ param: name, axis: variable(model, name).rank - 1, indices: [...units] });
    }
  }
  return {
    weight: { param: layer.weight, axis: weightRank - 1, indices: [...units] },
    bias: { param: layer.bias, axis: 0, indices: [...units] },
    norm,
  };
}

/** A boolean mask of `shape` that is true exactly at `indices` along `axis`. */
export function sliceMask(shape: number[], axis: number, indices: readonly number[]): tf.Tensor {
  return tf.tidy(() => {
    const n = shape[axis]!;
    const flags = new Uint8Array(n);
    for (const i of indices) {
      if (!Number.isInteger(i) || i < 0 || i >= n) throw new Error(`unit index ${i} out of range 0..${n - 1}`);
      flags[i] = 1;
    }
    const along = shape.map((d, k) => (k === axis ? d : 1));
    return tf.broadcastTo(tf.tensor(flags, along, 'bool'), shape);
  });
}

/** variable[slice] ← source[slice]; the rest is kept bit for bit. */
export function assignSlice(model: Model, slice: ParamSlice, source: tf.Tensor): void {
  if (slice.indices.length === 0) return;
  const v = variable(model, slice.param);
  tf.tidy(() => {
    v.assign(tf.where(sliceMask(v.shape, slice.axis, slice.indices), source, v));
  });
}

/** variable[slice] ← 0 (exact zeros). */
export function zeroSlice(model: Model, slice: ParamSlice): void {
  if (slice.indices.length === 0) return;
  const v = variable(model, slice.param);
  tf.tidy(() => {
    v.assign(tf.where(sliceMask(v.shape, slice.axis, slice.indices), tf.zerosLike(v), v));
  });
}

function freshOf(fresh: Map<string, tf.Tensor>, name: string): tf.Tensor {
  const t = fresh.get(name);
  if (t === undefined) throw new Error(`freshParams() returned no value for parameter '${name}'`);
  return t;
}

/**
 * Incoming half of recycling some units: weights from `fresh` (the model's init distribution), bias 0, layer-norm
 * gain/offset from `fresh` (1 and 0); the optimiser state of those slices zeroed.
 */
export function reinitIncoming(
  model: Model,
  optimizer: Optimizer,
  layer: LayerInfo,
  units: readonly number[],
  fresh: Map<string, tf.Tensor>,
  reset: UnitResetOptions = {},
): void {
  if (units.length === 0) return;
  const incoming = incomingSlices(model, layer, units);
  assignSlice(model, incoming.weight, freshOf(fresh, incoming.weight.param));
  zeroSlice(model, incoming.bias);
  for (const s of incoming.norm) assignSlice(model, s, freshOf(fresh, s.param));
  for (const s of [incoming.weight, incoming.bias, ...incoming.norm]) optimizer.resetUnits(s.param, s.axis, s.indices, reset);
}

/** Outgoing half of recycling some units: the next layer's weights they feed ← 0, with their optimiser state. */
export function zeroOutgoing(model: Model, optimizer: Optimizer, layer: LayerInfo, units: readonly number[], reset: UnitResetOptions = {}): void {
  if (units.length === 0) return;
  const outgoing = outgoingSlice(model, layer, units);
  zeroSlice(model, outgoing);
  optimizer.resetUnits(outgoing.param, outgoing.axis, outgoing.indices, reset);
}

/**
 * Recycle some units of one hidden layer: incoming re-initialised, outgoing zeroed (in that order). When units of
 * two consecutive layers are recycled, the weights between them end up as the LATER operation leaves them: callers
 * choose the order (see redo.ts and continual-backprop.ts).
 */
export function recycleUnits(
  model: Model,
  optimizer: Optimizer,
  layer: LayerInfo,
  units: readonly number[],
  fresh: Map<string, tf.Tensor>,
  reset: UnitResetOptions = {},
): void {
  reinitIncoming(model, optimizer, layer, units, fresh, reset);
  zeroOutgoing(model, optimizer, layer, units, reset);
}

/**
 * Σ_k |w_out[feature, k]| for every activation feature of a hidden layer ([f·U]): the outgoing weight magnitude of
 * continual backprop's contribution utility. For conv -> dense the flatten rows of a channel are summed together.
 */
export function outgoingMagnitude(model: Model, layer: LayerInfo): tf.Tensor1D {
  const next = nextLayer(model, layer);
  const w = variable(model, next.weight);
  const width = layer.units * layer.activationWidthFactor;
  return tf.tidy(() => {
    const a = tf.abs(w);
    if (next.kind === 'conv') return tf.sum(a, [0, 1, 3]) as tf.Tensor1D;
    if (layer.kind === 'dense') return tf.sum(a, 1) as tf.Tensor1D;
    const rows = w.shape[0]!;
    return tf.sum(tf.reshape(a, [rows / width, width, w.shape[1]!]), [0, 2]) as tf.Tensor1D;
  });
}

/** Mean |h| over every axis but the last (batch and, for conv, space): one value per activation feature. */
export function meanAbsPerFeature(hidden: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const axes = hidden.shape.slice(0, -1).map((_, i) => i);
    return tf.mean(tf.abs(hidden), axes) as tf.Tensor1D;
  });
}
