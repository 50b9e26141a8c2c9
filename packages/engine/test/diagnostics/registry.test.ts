import { describe, expect, it } from 'vitest';
import { diagnosticNames, getDiagnostic } from '../../src/diagnostics/registry.ts';

describe('diagnostic registry', () => {
  it('holds exactly the catalog names', () => {
    expect(diagnosticNames().sort()).toEqual(
      [
        'train.accuracy', 'train.loss', 'test.accuracy', 'test.loss', 'dead_units', 'dormant_units', 'redo_dormant',
        'effective_rank', 'srank', 'feature_rank', 'weight_magnitude', 'weight_norm', 'distance_from_init',
        'grad_norm', 'sharpness', 'gradient_noise',
      ].sort(),
    );
    for (const name of diagnosticNames()) expect(typeof getDiagnostic(name)).toBe('function');
  });
  it('knows nothing else', () => {
    expect(getDiagnostic('online.accuracy')).toBeUndefined();
    expect(getDiagnostic('nope')).toBeUndefined();
  });
});
