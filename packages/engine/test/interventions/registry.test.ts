import { beforeAll, describe, expect, it } from 'vitest';
import { interventionCatalog, type ParamSchema, type ParamType } from '@plas/dsl/contract';
import { getIntervention, interventionNames } from '../../src/interventions/registry.ts';
import { mlp, useCpu } from './helpers.ts';

beforeAll(useCpu);

/** A value inside a parameter type's range. */
function validValue(type: ParamType): number | string | boolean {
  if (type.kind === 'boolean') return false;
  if (type.kind === 'enum') return type.values[0]!;
  if (type.kind !== 'number') throw new Error(`no sample value for a ${type.kind} parameter`);
  const min = type.min ?? 0;
  if (!type.minOpen) return min;
  return type.max !== undefined ? (min + type.max) / 2 : min + 1;
}

describe('intervention registry', () => {
  it('holds exactly the catalog names', () => {
    expect(interventionNames().sort()).toEqual(Object.keys(interventionCatalog).sort());
    expect(getIntervention('nope')).toBeUndefined();
  });

  it('every factory makes an intervention named after its catalog entry, with at least one hook', () => {
    const model = mlp([4], 3, 2);
    for (const name of interventionNames()) {
      const entry = interventionCatalog[name as keyof typeof interventionCatalog];
      // every required parameter at a value inside its range; the rest take their defaults
      const minimal = Object.fromEntries(entry.params.flatMap((p: ParamSchema) => (p.default === undefined ? [[p.irKey ?? p.name, validValue(p.type)]] : [])));
      const it = getIntervention(name)!(name === 'set_optimizer' ? { lr: 0.1 } : minimal, model);
      expect(it.name).toBe(name);
      expect(it.fire !== undefined || it.adjustGrads !== undefined).toBe(true);
    }
    model.dispose();
  });

  it('bad parameters are clear errors at construction, in the language\'s words', () => {
    const model = mlp([4], 3, 2);
    const make = (name: string, params: Record<string, unknown>) => () => getIntervention(name)!(params as never, model);
    expect(make('l2', { strenght: 0.1 })).toThrow('intervention `l2` has no parameter `strenght` (it has strength)');
    expect(make('l2', {})).toThrow('intervention `l2` needs `strength` (λ)');
    expect(make('l2_init', { strength: -1 })).toThrow('`strength` of intervention `l2_init` must be a number ≥ 0, got -1');
    expect(make('shrink_perturb', { shrink: 0.5, perturb: 0.1, noise: 'pink' })).toThrow('`pink` is not allowed for `noise` of intervention `shrink_perturb`');
    expect(make('shrink_perturb', { shrink: '0.5', perturb: 0.1 })).toThrow('`shrink` of intervention `shrink_perturb` must be a number, not the string "0.5"');
    // the drifted ranges have one definition, the catalog's: shrink ∈ [0, 1], rate ∈ (0, 1], maturity ≥ 1, tau ∈ [0, 1]
    expect(make('shrink_perturb', { shrink: 1.5, perturb: 0 })).toThrow('`shrink` of intervention `shrink_perturb` must be a number in [0, 1], got 1.5');
    expect(make('continual_backprop', { rate: 0 })).toThrow('`rate` of intervention `continual_backprop` must be a number in (0, 1], got 0');
    expect(make('continual_backprop', { rate: 0.1, maturity: 0 })).toThrow('`maturity` of intervention `continual_backprop` must be an integer ≥ 1, got 0');
    expect(make('redo', { tau: 2 })).toThrow('`tau` of intervention `redo` must be a number in [0, 1], got 2');
    expect(make('reset', { layers: { kind: 'range', from: 5, to: null } })).toThrow(/start index 5 is out of range/);
    expect(make('reset', { layers: 'top' })).toThrow('`layers` of intervention `reset` must be `all`, `head` or `layers[from..to]`, not the string "top"');
    expect(make('reset', { optimizer: 1 })).toThrow('`optimizer` of intervention `reset` must be `true` or `false`, not `1`');
    expect(make('reset_optimizer', { all: true })).toThrow('intervention `reset_optimizer` takes no parameters');
    expect(make('set_optimizer', {})).toThrow(/give at least one of lr, momentum, beta1, beta2, eps/);
    expect(make('set_optimizer', { beta2: 1 })).toThrow('`beta2` of intervention `set_optimizer` must be a number in [0, 1), got 1');
    expect(make('redo', { tau: 0.1, probe: 2.5 })).toThrow('`probe` of intervention `redo` must be an integer ≥ 1, got 2.5');
    expect(make('continual_backprop', { rate: 0.01, decay: 1 })).toThrow('`decay` of intervention `continual_backprop` must be a number in [0, 1), got 1');
    expect(make('continual_backprop', { rate: 2 })).toThrow('`rate` of intervention `continual_backprop` must be a number in (0, 1], got 2');
    model.dispose();
  });
});
