/**
 * Shape inference, a pure function of the architecture and the data: every weight layer with its shapes, fan-in,
 * fan-out and multiply-accumulates, the class count, and which layers a selector names. `plas check` and
 * `plas plan` (layer selectors, class counts), the benchmark budget (MACs) and the engine (its layer plan and
 * preflight) all call it, so they cannot disagree.
 *
 *   MLP: flatten → dense0..dense(n-1) → head.
 *   CNN: conv0..conv(m-1), each a stride-1 'valid' conv (PyTorch's default padding 0) followed by max-pool p×p
 *        (stride p), then flatten → dense layers → head. out = floor((in − k + 1) / p).
 *   CReLU doubles the width every next layer sees (channels for a conv).
 *   MACs per example: dense fan_in·units; conv out_h·out_w·k²·c_in·filters (before pooling).
 */
import type { Activation, LayerSelector, ModelSpec } from '../ir.ts';

/** A model that cannot be built for its data (a kernel larger than the image, a selector naming no layer). */
export class ShapeError extends Error {
  override name = 'ShapeError';
}

export interface LayerShape {
  /** 'conv0', 'dense1', 'head'. */
  name: string;
  index: number;
  kind: 'dense' | 'conv';
  /** Output units (channels for a conv). */
  units: number;
  /** Dense [fanIn, units]; conv [k, k, inChannels, filters]. */
  weightShape: number[];
  fanIn: number;
  fanOut: number;
  isHead: boolean;
  /** 2 for CReLU hidden layers: the next layer sees twice the width. */
  activationWidthFactor: 1 | 2;
  /** Conv only (0 and 1 for dense). */
  kernel: number;
  pool: number;
  /** Multiply-accumulates of this layer for one example. */
  macs: number;
}

export interface ModelShapes {
  inputShape: number[];
  outputs: number;
  layers: LayerShape[];
  /** Σ over layers: one forward pass of one example. */
  macs: number;
}

export function activationWidth(activation: Activation): 1 | 2 {
  return activation === 'crelu' ? 2 : 1;
}

/** The weight layers' names in forward order; needs no input shape (so `plas check` can use it for any data). */
export function layerNames(model: ModelSpec): string[] {
  const conv = model.kind === 'cnn' ? model.conv.map((_, i) => `conv${i}`) : [];
  return [...conv, ...model.hidden.map((_, i) => `dense${i}`), 'head'];
}

function positiveInt(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 1) throw new ShapeError(`${what} must be a positive integer, got ${value}`);
}

export function inferShapes(model: ModelSpec, inputShape: readonly number[], outputs: number): ModelShapes {
  positiveInt(outputs, 'model outputs');
  inputShape.forEach((d, i) => positiveInt(d, `input dimension ${i}`));
  const width = activationWidth(model.activation);
  const layers: LayerShape[] = [];
  const add = (l: Omit<LayerShape, 'index' | 'activationWidthFactor'>): void => {
    layers.push({ ...l, index: layers.length, activationWidthFactor: l.isHead ? 1 : width });
  };
  let features: number;
  if (model.kind === 'cnn') {
    if (inputShape.length !== 3) {
      throw new ShapeError(`a cnn needs image inputs [height, width, channels], got shape [${inputShape.join(', ')}]`);
    }
    let [h, w, c] = inputShape as [number, number, number];
    model.conv.forEach((conv, i) => {
      positiveInt(conv.filters, `conv layer ${i} filters`);
      positiveInt(conv.kernel, `conv layer ${i} kernel`);
      positiveInt(conv.pool, `conv layer ${i} pool`);
      const k = conv.kernel;
      if (k > h || k > w) throw new ShapeError(`conv layer ${i}: kernel ${k} is larger than its ${h}x${w} input`);
      const oh = h - k + 1;
      const ow = w - k + 1;
      add({
        name: `conv${i}`,
        kind: 'conv',
        units: conv.filters,
        weightShape: [k, k, c, conv.filters],
        fanIn: k * k * c,
        fanOut: k * k * conv.filters,
        isHead: false,
        kernel: k,
        pool: conv.pool,
        macs: oh * ow * k * k * c * conv.filters,
      });
      h = Math.floor(oh / conv.pool);
      w = Math.floor(ow / conv.pool);
      c = conv.filters * width;
      if (h < 1 || w < 1) throw new ShapeError(`conv layer ${i}: pooling ${conv.pool} leaves no pixels`);
    });
    features = h * w * c;
  } else {
    features = inputShape.reduce((a, b) => a * b, 1);
  }
  const dense = (name: string, units: number, isHead: boolean): void => {
    add({ name, kind: 'dense', units, weightShape: [features, units], fanIn: features, fanOut: units, isHead, kernel: 0, pool: 1, macs: features * units });
    features = units * (isHead ? 1 : width);
  };
  model.hidden.forEach((units, i) => {
    positiveInt(units, `hidden layer ${i} width`);
    dense(`dense${i}`, units, false);
  });
  dense('head', outputs, true);
  return { inputShape: [...inputShape], outputs, layers, macs: layers.reduce((s, l) => s + l.macs, 0) };
}

// ---------------------------------------------------------------- which layers a selector or an index names

function describeLayers(names: readonly string[]): string {
  const n = names.length;
  return `the model has ${n} weight layer${n === 1 ? '' : 's'} (${names.join(', ')}); valid indices are 0..${n - 1} or -${n}..-1`;
}

export function formatLayerSelector(sel: LayerSelector): string {
  if (sel.kind !== 'range') return sel.kind;
  return `${sel.from}..${sel.to === null ? '' : sel.to}`;
}

/**
 * The positions (forward order) of the weight layers `sel` names among `names`:
 *   all = every layer, head = the last, range{from, to} = python-like indices (0 = first, -1 = head), `to` inclusive,
 *   `to = null` = up to the head. Unlike a python slice, an index outside the model or an empty range throws a
 *   ShapeError (a typo must not silently reset nothing).
 */
export function selectLayers(sel: LayerSelector, names: readonly string[]): number[] {
  const n = names.length;
  if (n === 0) throw new ShapeError('layer selector: the model has no weight layers');
  const normalise = (index: number, what: string): number => {
    if (!Number.isInteger(index) || index < -n || index >= n) {
      throw new ShapeError(`layer selector: ${what} index ${index} is out of range: ${describeLayers(names)}`);
    }
    return index < 0 ? index + n : index;
  };
  switch (sel.kind) {
    case 'all':
      return names.map((_, i) => i);
    case 'head':
      return [n - 1];
    case 'range': {
      const from = normalise(sel.from, 'start');
      const to = sel.to === null ? n - 1 : normalise(sel.to, 'end');
      if (from > to) {
        throw new ShapeError(`layer selector: range ${formatLayerSelector(sel)} selects no layer (start ${from} comes after end ${to}); ${describeLayers(names)}`);
      }
      return Array.from({ length: to - from + 1 }, (_, i) => from + i);
    }
  }
}

/** Position among the hidden layers (all weight layers but the head) of the python-like index `layer`. */
export function hiddenLayerIndex(metric: string, layer: number, hiddenCount: number): number {
  if (hiddenCount === 0) throw new ShapeError(`${metric}: the model has no hidden layer`);
  if (!Number.isInteger(layer) || layer < -hiddenCount || layer >= hiddenCount) {
    throw new ShapeError(`${metric}: layer ${layer} does not exist; the model has ${hiddenCount} hidden layer(s) (indices ${-hiddenCount}..${hiddenCount - 1})`);
  }
  return layer < 0 ? hiddenCount + layer : layer;
}
