/**
 * Which weight layers a `LayerSelector` from the `.plas` file means for a given model: the contract's
 * `selectLayers` (@plas/dsl/contract shapes.ts), the same function `plas check` runs, so an out-of-range or empty
 * selection is caught there already and reads the same if a hand-written spec reaches the engine.
 */
import { formatLayerSelector, selectLayers, type LayerSelector } from '@plas/dsl/contract';
import type { LayerInfo, Model } from '../core/contracts.ts';

export { formatLayerSelector };

/** The selected layers in forward order; throws a ShapeError for an out-of-range or empty selection. */
export function resolveLayers(sel: LayerSelector, model: Pick<Model, 'layers'>): LayerInfo[] {
  return selectLayers(
    sel,
    model.layers.map((l) => l.name),
  ).map((i) => model.layers[i]!);
}
