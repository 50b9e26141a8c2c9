/**
 * Which parameters and activations belong to which layer, for the per-layer diagnostics.
 *
 * A layer's parameters are its weight, its bias and its layer-norm gain/offset when it has them; `total` covers
 * every parameter of the model. Hidden layers are the weight layers except the head, in forward order, matching
 * `ForwardResult.hidden`; `layer` parameters index them python-like (0 = first hidden, -1 = last hidden).
 */
import type { LayerInfo, Model } from '../core/contracts.ts';
import { hiddenLayerIndex, ShapeError } from '@plas/dsl/contract';
import { DiagnosticError } from './params.ts';

export function layerParamNames(layer: LayerInfo): string[] {
  const names = [layer.weight, layer.bias];
  if (layer.norm) names.push(layer.norm.gain, layer.norm.offset);
  return names;
}

export function hiddenLayers(model: Model): LayerInfo[] {
  return model.layers.filter((l) => !l.isHead);
}

/** Position in `hiddenLayers(model)` (and in `ForwardResult.hidden`) of the python-like index `layer`. */
export function resolveHiddenLayer(metric: string, model: Model, layer: number): number {
  try {
    return hiddenLayerIndex(metric, layer, hiddenLayers(model).length);
  } catch (err) {
    throw err instanceof ShapeError ? new DiagnosticError(err.message) : err;
  }
}
