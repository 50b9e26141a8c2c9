/**
 * The parameters an L2-type penalty applies to: every weight layer's weight and bias, not the layer-norm gain and
 * offset — as in Kumar et al.'s L2 / L2 Init code (skumar9876/L2_Init agents/agents.py skips 'layer_norm' params).
 */
import type { Model } from '../core/contracts.ts';

export function penalisedParams(model: Pick<Model, 'layers'>): Set<string> {
  const names = new Set<string>();
  for (const l of model.layers) {
    names.add(l.weight);
    names.add(l.bias);
  }
  return names;
}
