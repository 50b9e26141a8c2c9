import { describe, expect, it } from 'vitest';
import { metricCatalog } from '@plas/dsl/contract';
import { diagnosticNames, getDiagnostic } from '../../src/diagnostics/registry.ts';

describe('diagnostic registry', () => {
  it('holds exactly the catalog names', () => {
    // every catalog metric but the online ones (the training loop computes those)
    const expected = Object.entries(metricCatalog).flatMap(([name, e]) => ('online' in e && e.online ? [] : [name]));
    expect(diagnosticNames().sort()).toEqual(expected.sort());
    for (const name of diagnosticNames()) expect(typeof getDiagnostic(name)).toBe('function');
  });
  it('knows nothing else', () => {
    expect(getDiagnostic('online.accuracy')).toBeUndefined();
    expect(getDiagnostic('nope')).toBeUndefined();
  });
});
