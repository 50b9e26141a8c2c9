/**
 * The selector catalog: data selectors and transforms a phase's pipeline is built from (`subset(fraction: 0.5) |
 * permute_pixels`). Names and parameters match ir.ts `Selector`.
 */
import { fraction01, nonNegativeInt, openUnitInterval, positiveInt, unitInterval, type Catalog, type CatalogEntry } from './schema.ts';

export interface SelectorEntry extends CatalogEntry {
  /** Its randomness or content depends on the task index: it belongs in a `repeat`. */
  perTask?: boolean;
}

export const selectorCatalog: Catalog<SelectorEntry> = {
  all: { name: 'all', doc: 'the whole training pool', params: [] },
  subset: {
    name: 'subset',
    doc: 'a seeded random fraction of the pool',
    params: [{ name: 'fraction', type: fraction01, doc: 'fraction kept' }],
  },
  classes: {
    name: 'classes',
    doc: 'the examples of the listed classes',
    params: [{ name: 'classes', type: { kind: 'int_list', min: 0, nonEmpty: true }, doc: 'class labels' }],
  },
  permute_pixels: { name: 'permute_pixels', doc: 'a fixed random pixel permutation per task (Permuted MNIST)', params: [] },
  permute_labels: { name: 'permute_labels', doc: 'a fixed random label permutation per task', params: [] },
  random_labels: {
    name: 'random_labels',
    doc: 'labels re-drawn per task for a fraction of the examples (Kumar’s random-label MNIST)',
    params: [{ name: 'fraction', type: fraction01, default: 1, doc: 'fraction of examples relabelled' }],
  },
  label_noise: {
    name: 'label_noise',
    doc: 'a fixed (per seed) fraction of labels replaced by another class',
    params: [{ name: 'fraction', type: fraction01, doc: 'fraction of noisy labels' }],
  },
  multi_stage: {
    name: 'multi_stage',
    doc: 'Berariu App. A.3 multi-stage class imbalance; stage = the task index in a repeat, or `stage:` in a phase',
    params: [
      { name: 'stages', type: { kind: 'number', integer: true, min: 2 }, doc: 'number of stages' },
      { name: 'uniform', type: unitInterval, doc: 'fraction r of the data spread evenly over stages' },
      { name: 'stage', type: nonNegativeInt, default: null, doc: 'the stage of a phase (0-based); none in a repeat' },
    ],
  },
  smooth: {
    name: 'smooth',
    doc: 'Berariu’s smooth transition: each example from all data with p(n) = 1 − γ^(50n/N), else from `from`',
    params: [
      { name: 'gamma', type: openUnitInterval, doc: 'γ' },
      { name: 'from', type: { kind: 'selectors' }, default: null, doc: 'the earlier data (default subset(fraction: 0.5))' },
    ],
  },
  class_incremental: {
    name: 'class_incremental',
    doc: 'task i sees classes [i·per_task, (i+1)·per_task)',
    perTask: true,
    params: [{ name: 'per_task', irKey: 'perTask', type: positiveInt, doc: 'classes per task' }],
  },
};

/** Selectors whose randomness or content depends on the task index: they belong in a `repeat`. */
export const perTaskSelectors: readonly string[] = Object.values(selectorCatalog)
  .filter((e) => e.perTask === true)
  .map((e) => e.name);
