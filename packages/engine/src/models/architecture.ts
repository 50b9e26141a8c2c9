/**
 * The layer plan of a model spec for a given input shape: every weight layer with its parameter names and shapes,
 * checked before any tensor exists (so a conv kernel larger than the image is a clear error, not a tfjs one).
 *
 * MLP: flatten → dense0..dense(n-1) → head. CNN (Kumar et al. 2023's small CNN by default): conv0..conv(m-1), each
 * a stride-1 'valid' conv (PyTorch's default padding 0) followed by max-pool `pool`×`pool` (stride `pool`), then
 * flatten → dense layers → head. Parameter names: '<layer>/kernel', '<layer>/bias', and with layer norm
 * '<layer>/norm_gain', '<layer>/norm_offset' (hidden layers only).
 */
import { inferShapes, ShapeError, type Activation, type ModelShapes, type ModelSpec } from '@plas/dsl/contract';
import type { LayerInfo } from '../core/contracts.ts';
import { ModelConfigError } from './errors.ts';

export type ParamRole = 'kernel' | 'bias' | 'norm_gain' | 'norm_offset';

export interface ParamPlan {
  name: string;
  layer: string;
  role: ParamRole;
  shape: number[];
  fanIn: number;
  fanOut: number;
}

export interface LayerPlan extends LayerInfo {
  /** Conv only: kernel size and the max-pool window after the activation (1 = none). */
  kernel: number;
  pool: number;
  activation: Activation;
}

export interface Architecture {
  /** The example shape the first layer sees: [H, W, C] for a CNN, [features] for an MLP. */
  inputShape: number[];
  layers: LayerPlan[];
  params: ParamPlan[];
}

/**
 * The layer shapes come from the contract's pure `inferShapes` (the same numbers `plas check`, `plas plan` and
 * the benchmark budget use); this adds the parameter names and the layer-norm parameters.
 */
export function planArchitecture(spec: ModelSpec, inputShape: number[], outputs: number): Architecture {
  let shapes: ModelShapes;
  try {
    shapes = inferShapes(spec, inputShape, outputs);
  } catch (err) {
    throw err instanceof ShapeError ? new ModelConfigError(err.message) : err;
  }
  const layers: LayerPlan[] = [];
  const params: ParamPlan[] = [];
  for (const l of shapes.layers) {
    const norm = spec.layerNorm && !l.isHead ? { gain: `${l.name}/norm_gain`, offset: `${l.name}/norm_offset` } : null;
    layers.push({
      name: l.name,
      index: l.index,
      kind: l.kind,
      weight: `${l.name}/kernel`,
      bias: `${l.name}/bias`,
      norm,
      units: l.units,
      fanIn: l.fanIn,
      isHead: l.isHead,
      activationWidthFactor: l.activationWidthFactor,
      kernel: l.kernel,
      pool: l.pool,
      activation: l.isHead ? 'linear' : spec.activation,
    });
    const plan = (name: string, role: ParamRole, shape: number[]): ParamPlan => ({ name, layer: l.name, role, shape, fanIn: l.fanIn, fanOut: l.fanOut });
    params.push(plan(`${l.name}/kernel`, 'kernel', l.weightShape), plan(`${l.name}/bias`, 'bias', [l.units]));
    if (norm) params.push(plan(norm.gain, 'norm_gain', [l.units]), plan(norm.offset, 'norm_offset', [l.units]));
  }
  return { inputShape: [...inputShape], layers, params };
}
