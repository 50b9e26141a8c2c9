/** The catalogs hold exactly the names the engine implements (the IR contract), with their documented defaults. */
import { describe, expect, it } from 'vitest';
import { type ParamSchema, dataSourceCatalog, interventionCatalog, metricCatalog, metricKey, selectorCatalog } from '../src/index.ts';

describe('catalogs', () => {
  it('interventions', () => {
    expect(Object.keys(interventionCatalog).sort()).toEqual(
      ['continual_backprop', 'l2', 'l2_init', 'redo', 'reset', 'reset_optimizer', 'set_optimizer', 'shrink_perturb', 'weight_clipping'].sort(),
    );
    const cbp = Object.fromEntries((interventionCatalog['continual_backprop'].params as readonly ParamSchema[]).map((p) => [p.name, p.default]));
    expect(cbp).toEqual({ rate: undefined, maturity: 100, decay: 0.99, utility: 'contribution' });
    expect(interventionCatalog['redo']!.params.find((p) => p.name === 'probe')!.default).toBe(256);
  });

  it('metrics', () => {
    expect(Object.keys(metricCatalog).sort()).toEqual(
      [
        'train.accuracy', 'train.loss', 'test.accuracy', 'test.loss', 'online.accuracy', 'online.loss', 'dead_units',
        'dormant_units', 'redo_dormant', 'effective_rank', 'srank', 'feature_rank', 'weight_magnitude', 'weight_magnitude_ratio', 'weight_norm',
        'distance_from_init', 'grad_norm', 'sharpness', 'gradient_noise',
      ].sort(),
    );
  });

  it('selectors and data sources match the IR kinds', () => {
    expect(Object.keys(selectorCatalog).sort()).toEqual(
      ['all', 'subset', 'classes', 'permute_pixels', 'permute_labels', 'random_labels', 'label_noise', 'multi_stage', 'smooth', 'class_incremental'].sort(),
    );
    expect(Object.keys(dataSourceCatalog).sort()).toEqual(['cifar10', 'fashion_mnist', 'gaussian_mixture', 'idx', 'kmnist', 'mnist', 'slowly_changing_regression']);
  });

  it('metric keys sort resolved parameters', () => {
    expect(metricKey('dead_units', { probe: 2000 })).toBe('dead_units(probe=2000)');
    expect(metricKey('srank', { probe: 2000, layer: -1, delta: 0.01 })).toBe('srank(delta=0.01,layer=-1,probe=2000)');
    expect(metricKey('test.accuracy', {})).toBe('test.accuracy');
  });
});
