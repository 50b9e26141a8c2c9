import { describe, expect, it } from 'vitest';
import type { LayerInfo } from '../../src/core/contracts.ts';
import { resolveLayers } from '../../src/interventions/layer-selector.ts';

function layer(name: string, index: number, isHead = false): LayerInfo {
  return { name, index, kind: 'dense', weight: `${name}/kernel`, bias: `${name}/bias`, norm: null, units: 4, fanIn: 4, isHead, activationWidthFactor: 1 };
}
// dense0, dense1, dense2, head: indices 0..3 or -4..-1
const model = { layers: [layer('dense0', 0), layer('dense1', 1), layer('dense2', 2), layer('head', 3, true)] };
const names = (sel: Parameters<typeof resolveLayers>[0]): string[] => resolveLayers(sel, model).map((l) => l.name);

describe('resolveLayers', () => {
  it('all and head', () => {
    expect(names({ kind: 'all' })).toEqual(['dense0', 'dense1', 'dense2', 'head']);
    expect(names({ kind: 'head' })).toEqual(['head']);
  });

  it('ranges are python-like with `to` inclusive and null meaning the end', () => {
    expect(names({ kind: 'range', from: 0, to: 0 })).toEqual(['dense0']);
    expect(names({ kind: 'range', from: 1, to: 2 })).toEqual(['dense1', 'dense2']);
    expect(names({ kind: 'range', from: 2, to: null })).toEqual(['dense2', 'head']);
    expect(names({ kind: 'range', from: 0, to: null })).toEqual(['dense0', 'dense1', 'dense2', 'head']);
  });

  it('negative indices count from the head (-1)', () => {
    expect(names({ kind: 'range', from: -1, to: null })).toEqual(['head']);
    expect(names({ kind: 'range', from: -2, to: -1 })).toEqual(['dense2', 'head']);
    expect(names({ kind: 'range', from: -4, to: -3 })).toEqual(['dense0', 'dense1']);
    expect(names({ kind: 'range', from: 1, to: -2 })).toEqual(['dense1', 'dense2']);
  });

  it('out-of-range indices are clear errors', () => {
    expect(() => names({ kind: 'range', from: 4, to: null })).toThrow(/start index 4 is out of range: the model has 4 weight layers \(dense0, dense1, dense2, head\); valid indices are 0\.\.3 or -4\.\.-1/);
    expect(() => names({ kind: 'range', from: -5, to: null })).toThrow(/start index -5 is out of range/);
    expect(() => names({ kind: 'range', from: 0, to: 7 })).toThrow(/end index 7 is out of range/);
    expect(() => names({ kind: 'range', from: 0, to: -9 })).toThrow(/end index -9 is out of range/);
  });

  it('an empty range is an error, not a silent no-op', () => {
    expect(() => names({ kind: 'range', from: 3, to: 1 })).toThrow(/range 3\.\.1 selects no layer/);
    expect(() => names({ kind: 'range', from: -1, to: -2 })).toThrow(/selects no layer/);
  });
});
