/**
 * Which weight layers a `LayerSelector` from the `.plas` file means for a given model.
 *
 *   all              every weight layer, first to head
 *   head             the last weight layer
 *   range{from, to}  python-like indices over `model.layers` (0 = first, -1 = head), `to` inclusive,
 *                    `to = null` = up to and including the head
 *
 * Unlike a python slice, an index outside the model or an empty range is an error (a typo in an experiment must
 * not silently reset nothing). The training loop calls this before training so the error comes up front.
 */
import type { LayerSelector } from '@plas/dsl';
import type { LayerInfo, Model } from '../core/contracts.ts';

function describeLayers(layers: LayerInfo[]): string {
  const n = layers.length;
  return `the model has ${n} weight layer${n === 1 ? '' : 's'} (${layers.map((l) => l.name).join(', ')}); valid indices are 0..${n - 1} or -${n}..-1`;
}

function normalise(index: number, layers: LayerInfo[], what: string): number {
  const n = layers.length;
  if (!Number.isInteger(index) || index < -n || index >= n) {
    throw new Error(`layer selector: ${what} index ${index} is out of range: ${describeLayers(layers)}`);
  }
  return index < 0 ? index + n : index;
}

export function formatLayerSelector(sel: LayerSelector): string {
  if (sel.kind !== 'range') return sel.kind;
  return `${sel.from}..${sel.to === null ? '' : sel.to}`;
}

/** The selected layers in forward order; throws a clear Error for an out-of-range or empty selection. */
export function resolveLayers(sel: LayerSelector, model: Pick<Model, 'layers'>): LayerInfo[] {
  const layers = model.layers;
  if (layers.length === 0) throw new Error('layer selector: the model has no weight layers');
  switch (sel.kind) {
    case 'all':
      return [...layers];
    case 'head':
      return [layers[layers.length - 1]!];
    case 'range': {
      const from = normalise(sel.from, layers, 'start');
      const to = sel.to === null ? layers.length - 1 : normalise(sel.to, layers, 'end');
      if (from > to) {
        throw new Error(
          `layer selector: range ${formatLayerSelector(sel)} selects no layer (start ${from} comes after end ${to}); ${describeLayers(layers)}`,
        );
      }
      return layers.slice(from, to + 1);
    }
  }
}
