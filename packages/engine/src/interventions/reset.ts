/**
 * `reset(layers = all, optimizer = false)`: re-initialise whole weight layers from the model's init distribution.
 *
 *   for every selected layer L:  W_L, b_L (and L's layer-norm gain/offset) ← fresh values, drawn from
 *                                model.freshParams(ctx.seedFor('reset'))
 *   optimizer = true:            the optimiser state of exactly those parameters is zeroed as well
 *                                (optimizer.reset(names); the other layers keep theirs)
 *
 * Variants: Berariu et al. 2021 re-initialise the top modules of a ResNet before phase 2 (`reset(layers: -4..)`);
 * Nikishin et al. 2022 (primacy bias) reset the last layers periodically (`reset(layers: head)` every N steps).
 * Whether the optimiser state goes too is not fixed in the literature, hence the explicit flag.
 */
import type { LayerSelector } from '@plas/dsl';
import type { Intervention, InterventionFactory, LayerInfo, Model, RunContext } from '../core/contracts.ts';
import { resolveLayers } from './layer-selector.ts';
import { booleanParam, checkKeys, layerSelectorParam } from './params.ts';

const NAME = 'reset';

/** The parameter names of some layers: weight, bias and layer-norm gain/offset. */
export function layerParamNames(layers: readonly LayerInfo[]): string[] {
  const names: string[] = [];
  for (const l of layers) {
    names.push(l.weight, l.bias);
    if (l.norm !== null) names.push(l.norm.gain, l.norm.offset);
  }
  return names;
}

/** Assign fresh values (seeded) to the named parameters of `model`. */
export function assignFresh(model: Model, names: readonly string[], seed: number): void {
  const fresh = model.freshParams(seed);
  try {
    for (const name of names) {
      const v = model.params.get(name);
      const f = fresh.get(name);
      if (v === undefined || f === undefined) throw new Error(`${NAME}: model has no parameter '${name}'`);
      v.assign(f);
    }
  } finally {
    for (const t of fresh.values()) t.dispose();
  }
}

export const reset: InterventionFactory = (params, model): Intervention => {
  checkKeys(NAME, params, ['layers', 'optimizer']);
  const selector: LayerSelector = layerSelectorParam(NAME, params, 'layers', { kind: 'all' });
  const withOptimizer = booleanParam(NAME, params, 'optimizer', false);
  const names = layerParamNames(resolveLayers(selector, model)); // throws now for a bad selector
  return {
    name: NAME,
    fire(ctx: RunContext): void {
      assignFresh(ctx.model, names, ctx.seedFor(NAME));
      if (withOptimizer) ctx.optimizer.reset(names);
    },
  };
};
