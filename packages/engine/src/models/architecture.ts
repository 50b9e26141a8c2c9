/**
 * The layer plan of a model spec for a given input shape: every weight layer with its parameter names and shapes,
 * checked before any tensor exists (so a conv kernel larger than the image is a clear error, not a tfjs one).
 *
 * MLP: flatten → dense0..dense(n-1) → head. CNN (Kumar et al. 2023's small CNN by default): conv0..conv(m-1), each
 * a stride-1 'valid' conv (PyTorch's default padding 0) followed by max-pool `pool`×`pool` (stride `pool`), then
 * flatten → dense layers → head. Parameter names: '<layer>/kernel', '<layer>/bias', and with layer norm
 * '<layer>/norm_gain', '<layer>/norm_offset' (hidden layers only).
 */
import type { Activation, ModelSpec } from '@plas/dsl';
import type { LayerInfo } from '../core/contracts.ts';
import { activation } from './activations.ts';
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

function positiveInt(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 1) throw new ModelConfigError(`${what} must be a positive integer, got ${value}`);
}

export function planArchitecture(spec: ModelSpec, inputShape: number[], outputs: number): Architecture {
  positiveInt(outputs, 'model outputs');
  inputShape.forEach((d, i) => positiveInt(d, `input dimension ${i}`));
  const act = activation(spec.activation);
  const layers: LayerPlan[] = [];
  const params: ParamPlan[] = [];

  const addLayer = (
    name: string,
    kind: 'dense' | 'conv',
    weightShape: number[],
    fanIn: number,
    fanOut: number,
    units: number,
    isHead: boolean,
    conv: { kernel: number; pool: number } = { kernel: 0, pool: 1 },
  ): void => {
    const norm = spec.layerNorm && !isHead ? { gain: `${name}/norm_gain`, offset: `${name}/norm_offset` } : null;
    layers.push({
      name,
      index: layers.length,
      kind,
      weight: `${name}/kernel`,
      bias: `${name}/bias`,
      norm,
      units,
      fanIn,
      isHead,
      activationWidthFactor: isHead ? 1 : act.widthFactor,
      kernel: conv.kernel,
      pool: conv.pool,
      activation: isHead ? 'linear' : spec.activation,
    });
    params.push({ name: `${name}/kernel`, layer: name, role: 'kernel', shape: weightShape, fanIn, fanOut });
    params.push({ name: `${name}/bias`, layer: name, role: 'bias', shape: [units], fanIn, fanOut });
    if (norm) {
      params.push({ name: norm.gain, layer: name, role: 'norm_gain', shape: [units], fanIn, fanOut });
      params.push({ name: norm.offset, layer: name, role: 'norm_offset', shape: [units], fanIn, fanOut });
    }
  };

  let features: number;
  if (spec.kind === 'cnn') {
    if (inputShape.length !== 3) {
      throw new ModelConfigError(`a cnn needs image inputs [height, width, channels], got shape [${inputShape.join(', ')}]`);
    }
    let [h, w, c] = inputShape as [number, number, number];
    spec.conv.forEach((layer, i) => {
      positiveInt(layer.filters, `conv layer ${i} filters`);
      positiveInt(layer.kernel, `conv layer ${i} kernel`);
      positiveInt(layer.pool, `conv layer ${i} pool`);
      if (layer.kernel > h || layer.kernel > w) {
        throw new ModelConfigError(`conv layer ${i}: kernel ${layer.kernel} is larger than its ${h}x${w} input`);
      }
      const k = layer.kernel;
      addLayer(`conv${i}`, 'conv', [k, k, c, layer.filters], k * k * c, k * k * layer.filters, layer.filters, false, {
        kernel: k,
        pool: layer.pool,
      });
      h = Math.floor((h - k + 1) / layer.pool);
      w = Math.floor((w - k + 1) / layer.pool);
      c = layer.filters * act.widthFactor;
      if (h < 1 || w < 1) throw new ModelConfigError(`conv layer ${i}: pooling ${layer.pool} leaves no pixels`);
    });
    features = h * w * c;
  } else {
    features = inputShape.reduce((a, b) => a * b, 1);
  }
  spec.hidden.forEach((units, i) => {
    positiveInt(units, `hidden layer ${i} width`);
    addLayer(`dense${i}`, 'dense', [features, units], features, units, units, false);
    features = units * act.widthFactor;
  });
  addLayer('head', 'dense', [features, outputs], features, outputs, outputs, true);
  return { inputShape: [...inputShape], layers, params };
}
