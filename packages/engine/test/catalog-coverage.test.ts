/**
 * The language and the engine name the same things: every intervention and metric that `plas check` accepts has
 * an implementation here, and the engine implements nothing the language cannot reach.
 */
import { describe, expect, it } from 'vitest';
import { activationWidth, activations, interventionCatalog, metricCatalog } from '@plas/dsl/contract';
import { ACTIVATIONS } from '../src/models/index.ts';
import { diagnosticNames, getDiagnostic, getIntervention, interventionNames } from '../src/index.ts';
import { unimplementedMetrics } from '../src/diagnostics/registry.ts';
import { unimplementedInterventions } from '../src/interventions/registry.ts';
import { isOnlineMetric } from '../src/train/index.ts';

describe('catalog coverage', () => {
  it('implements every intervention of the language, and only those', () => {
    for (const name of Object.keys(interventionCatalog)) expect(getIntervention(name), name).toBeDefined();
    expect([...interventionNames()].sort()).toEqual(Object.keys(interventionCatalog).sort());
    expect(unimplementedInterventions()).toEqual([]);
  });

  it('measures every metric of the language (online ones in the training loop), and only those', () => {
    for (const name of Object.keys(metricCatalog)) {
      expect(isOnlineMetric(name) || getDiagnostic(name) !== undefined, name).toBe(true);
    }
    for (const name of diagnosticNames()) expect(Object.keys(metricCatalog)).toContain(name);
    expect(unimplementedMetrics()).toEqual([]);
  });

  it('widens the next layer exactly as the shape inference of the contract says (CReLU doubles)', () => {
    for (const a of activations) expect(ACTIVATIONS[a].widthFactor, a).toBe(activationWidth(a));
  });
});
