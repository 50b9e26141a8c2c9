/**
 * Per-layer parameter reductions for the weight diagnostics: `{ <layer name>: f(layer's params), total: f(all) }`
 * where a layer's params are its weight, bias and layer-norm gain/offset (`layers.ts`) and `total` covers every
 * parameter in `model.params`. Values are read once and reduced in float64.
 */
import type { Model } from '../core/contracts.ts';
import { layerParamNames } from './layers.ts';

/** Running sums over a set of parameters. */
export interface ParamSums {
  /** Number of scalars. */
  count: number;
  /** Σ |θ|. */
  abs: number;
  /** Σ θ². */
  squares: number;
}

/** Reduces each parameter named in `model.params` with `sums(name)` and combines them per layer and in total. */
export function perLayer(
  model: Model,
  sums: (name: string) => ParamSums,
  finish: (s: ParamSums) => number,
): Record<string, number> {
  const byName = new Map<string, ParamSums>();
  for (const name of model.params.keys()) byName.set(name, sums(name));
  const combine = (names: string[]): ParamSums =>
    names.reduce<ParamSums>(
      (acc, n) => {
        const s = byName.get(n);
        return s ? { count: acc.count + s.count, abs: acc.abs + s.abs, squares: acc.squares + s.squares } : acc;
      },
      { count: 0, abs: 0, squares: 0 },
    );
  const record: Record<string, number> = {};
  for (const layer of model.layers) record[layer.name] = finish(combine(layerParamNames(layer)));
  record.total = finish(combine([...byName.keys()]));
  return record;
}

/** Sums over the values of a flat array (θ, or θ - θ0 computed by the caller). */
export function sumsOf(values: ArrayLike<number>): ParamSums {
  let abs = 0;
  let squares = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    abs += Math.abs(v);
    squares += v * v;
  }
  return { count: values.length, abs, squares };
}
