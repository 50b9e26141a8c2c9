/**
 * `reset(layers = all, optimizer = false, init = fresh)`: re-initialise whole weight layers.
 *
 *   for every selected layer L:  W_L, b_L (and L's layer-norm gain/offset) ←
 *                                init = fresh:   a new draw, model.freshParams(ctx.seedFor('reset'))
 *                                init = initial: the cell's own initial values θ0 (ctx.initialParams), i.e. exactly
 *                                                what a fresh run of the same seed starts from
 *   optimizer = true:            the optimiser state of exactly those parameters is zeroed as well
 *                                (optimizer.reset(names); the other layers keep theirs)
 *
 * Variants: Berariu et al. 2021 re-initialise the top modules of a ResNet before phase 2 (`reset(layers: -4..)`);
 * Nikishin et al. 2022 (primacy bias) reset the last layers periodically (`reset(layers: head)` every N steps).
 * Whether the optimiser state goes too is not fixed in the literature, hence the explicit flag. With
 * `init: initial` and the optimiser reset, a reset of all layers at the start of a phase makes the rest of the cell
 * bit-identical to a cell of the same seed that starts at that phase: the tightest pairing for a fresh baseline.
 */
import type { interventionCatalog, ParamsOf } from '@plas/dsl/contract';
import type { Intervention, InterventionEffect, InterventionImpl, LayerInfo, Model, RunContext } from '../core/contracts.ts';
import { resolveLayers } from './layer-selector.ts';
import { implementIntervention } from './implement.ts';

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

/** Assign the cell's initial values θ0 to the named parameters. */
function assignInitial(ctx: RunContext, names: readonly string[]): void {
  for (const name of names) {
    const v = ctx.model.params.get(name);
    const initial = ctx.initialParams.get(name);
    if (v === undefined || initial === undefined) throw new Error(`${NAME}: model has no parameter '${name}'`);
    v.assign(initial);
  }
}

export const reset: InterventionImpl<ParamsOf<typeof interventionCatalog.reset>> = ({ layers, optimizer: withOptimizer, init }, model): Intervention => {
  const selected = resolveLayers(layers, model); // throws now for a bad selector
  const names = layerParamNames(selected);
  const units = Object.fromEntries(selected.map((l) => [l.name, l.units]));
  return {
    name: NAME,
    fire(ctx: RunContext): InterventionEffect {
      if (init === 'initial') assignInitial(ctx, names);
      else assignFresh(ctx.model, names, ctx.seedFor(NAME));
      if (withOptimizer) ctx.optimizer.reset(names);
      return { units: { ...units } };
    },
  };
};

/** Registered by the intervention registry, which finds this export. */
export const registration = implementIntervention('reset', reset);
