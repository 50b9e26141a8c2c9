/**
 * The language and the engine name the same things: every intervention and metric that `plas check` accepts has
 * an implementation here, and the engine implements nothing the language cannot reach.
 */
import { describe, expect, it } from 'vitest';
import { interventionCatalog, metricCatalog } from '@plas/dsl';
import { diagnosticNames, getDiagnostic, getIntervention, interventionNames } from '../src/index.ts';
import { isOnlineMetric } from '../src/train/index.ts';

describe('catalog coverage', () => {
  it('implements every intervention of the language, and only those', () => {
    for (const name of Object.keys(interventionCatalog)) expect(getIntervention(name), name).toBeDefined();
    expect([...interventionNames()].sort()).toEqual(Object.keys(interventionCatalog).sort());
  });

  it('measures every metric of the language (online ones in the training loop), and only those', () => {
    for (const name of Object.keys(metricCatalog)) {
      expect(isOnlineMetric(name) || getDiagnostic(name) !== undefined, name).toBe(true);
    }
    for (const name of diagnosticNames()) expect(Object.keys(metricCatalog)).toContain(name);
  });
});
