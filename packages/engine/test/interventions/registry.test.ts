import { beforeAll, describe, expect, it } from 'vitest';
import { getIntervention, interventionNames } from '../../src/interventions/registry.ts';
import { mlp, useCpu } from './helpers.ts';

beforeAll(useCpu);

describe('intervention registry', () => {
  it('holds exactly the catalog names', () => {
    expect(interventionNames().sort()).toEqual(
      ['continual_backprop', 'l2', 'l2_init', 'redo', 'reset', 'reset_optimizer', 'set_optimizer', 'shrink_perturb'].sort(),
    );
    expect(getIntervention('nope')).toBeUndefined();
  });

  it('every factory makes an intervention named after its catalog entry, with at least one hook', () => {
    const model = mlp([4], 3, 2);
    const minimal: Record<string, Record<string, number>> = {
      shrink_perturb: { shrink: 0.5, perturb: 0.1 },
      l2: { strength: 0.1 },
      l2_init: { strength: 0.1 },
      set_optimizer: { lr: 0.1 },
      redo: { tau: 0.1 },
      continual_backprop: { rate: 0.01 },
    };
    for (const name of interventionNames()) {
      const it = getIntervention(name)!(minimal[name] ?? {}, model);
      expect(it.name).toBe(name);
      expect(it.fire !== undefined || it.adjustGrads !== undefined).toBe(true);
    }
    model.dispose();
  });

  it('bad parameters are clear errors at construction', () => {
    const model = mlp([4], 3, 2);
    const make = (name: string, params: Record<string, unknown>) => () => getIntervention(name)!(params as never, model);
    expect(make('l2', { strenght: 0.1 })).toThrow(/l2: unknown parameter 'strenght' \(accepted: strength\)/);
    expect(make('l2', {})).toThrow(/l2: missing required parameter 'strength'/);
    expect(make('l2_init', { strength: -1 })).toThrow(/'strength' must be >= 0, got -1/);
    expect(make('shrink_perturb', { shrink: 0.5, perturb: 0.1, noise: 'pink' })).toThrow(/'noise' must be one of 'fresh_init', 'gaussian', got 'pink'/);
    expect(make('shrink_perturb', { shrink: '0.5', perturb: 0.1 })).toThrow(/'shrink' must be a finite number, got '0.5'/);
    expect(make('reset', { layers: { kind: 'range', from: 5, to: null } })).toThrow(/start index 5 is out of range/);
    expect(make('reset', { layers: 'top' })).toThrow(/'layers' must be a layer selector/);
    expect(make('reset', { optimizer: 1 })).toThrow(/'optimizer' must be true or false/);
    expect(make('reset_optimizer', { all: true })).toThrow(/reset_optimizer: unknown parameter 'all' \(accepted: none\)/);
    expect(make('set_optimizer', {})).toThrow(/give at least one of lr, momentum, beta1, beta2, eps/);
    expect(make('set_optimizer', { beta2: 1 })).toThrow(/'beta2' must be < 1/);
    expect(make('redo', { tau: 0.1, probe: 2.5 })).toThrow(/'probe' must be an integer/);
    expect(make('continual_backprop', { rate: 0.01, decay: 1 })).toThrow(/'decay' must be < 1/);
    expect(make('continual_backprop', { rate: 2 })).toThrow(/'rate' must be <= 1/);
    model.dispose();
  });
});
