/**
 * The metric catalog: the names the engine implements, EXACTLY, with their parameters and defaults and what the
 * report needs to know of each (whether lower is better, performance or diagnostic, the values it can take). A
 * measured series is stored under its key: the name plus every parameter resolved and sorted, e.g.
 * `dead_units(probe=2000)`.
 */
import { anyInt, nonNegative, openUnitInterval, positiveInt, unitInterval, type CatalogEntry, type ParamSchema } from './schema.ts';

/** The values a metric can take (a stored value outside is corrupt); per-layer metrics may give `total` its own. */
export interface MetricDomain {
  min: number;
  max: number;
  /** For per-layer metrics: the domain of the `total` entry when it differs from the layers' (a count). */
  total?: { min: number; max: number };
}

export interface MetricEntry extends CatalogEntry {
  /** performance: a learning curve compared with the baseline; diagnostic: a panel explaining it. */
  kind: 'performance' | 'diagnostic';
  /** Which way is better, when either is (`compare` defaults to it); null for a diagnostic with no good direction. */
  better: 'higher' | 'lower' | null;
  domain: MetricDomain;
  /** One value per layer plus `total`, rather than one number. */
  perLayer: boolean;
  /** Computed by the training loop from the batches it trains on, not by a diagnostic. */
  online?: boolean;
  /** An `until` rule can test it. */
  until?: boolean;
}

const FRACTION: MetricDomain = { min: 0, max: 1 };
const NON_NEGATIVE: MetricDomain = { min: 0, max: Infinity };
const REAL: MetricDomain = { min: -Infinity, max: Infinity };
const FRACTION_PER_LAYER_COUNT_TOTAL: MetricDomain = { min: 0, max: 1, total: NON_NEGATIVE };

const probe = { name: 'probe', type: positiveInt, default: 2000, unit: 'inputs', doc: 'probe inputs drawn from the training data' } as const satisfies ParamSchema;
const layer = {
  name: 'layer',
  type: anyInt,
  default: -1,
  doc: 'hidden layer index, python-like (-1 = last hidden layer)',
} as const satisfies ParamSchema;

function performance<N extends string>(name: N, doc: string, better: 'higher' | 'lower', online = false) {
  return {
    name,
    doc,
    params: [],
    kind: 'performance',
    better,
    domain: better === 'higher' ? FRACTION : NON_NEGATIVE,
    perLayer: false,
    online,
    until: true,
  } as const satisfies MetricEntry;
}

export const metricCatalog = {
  'train.accuracy': performance('train.accuracy', 'accuracy on the current training data', 'higher'),
  'train.loss': performance('train.loss', 'loss on the current training data', 'lower'),
  'test.accuracy': performance('test.accuracy', 'accuracy on the held-out test data', 'higher'),
  'test.loss': performance('test.loss', 'loss on the held-out test data', 'lower'),
  'online.accuracy': performance('online.accuracy', 'accuracy of each incoming batch before the update on it', 'higher', true),
  'online.loss': performance('online.loss', 'loss of each incoming batch before the update on it', 'lower', true),
  dead_units: {
    name: 'dead_units',
    doc: 'dead units: a fraction per hidden layer, a count in `total`',
    formula: 'unit i is dead iff Σ_{x ∈ probe} |h_i(x)| = 0',
    source: 'Dohare et al. 2024',
    params: [probe],
    kind: 'diagnostic',
    better: 'lower',
    domain: FRACTION_PER_LAYER_COUNT_TOTAL,
    perLayer: true,
  },
  dormant_units: {
    name: 'dormant_units',
    doc: 'units active (h ≠ 0) on fewer than `threshold` of the probe inputs: a fraction per layer, a count in `total`',
    source: 'Dohare et al. 2024 (CIFAR experiments)',
    params: [{ name: 'threshold', type: unitInterval, default: 0.01, doc: 'activity fraction' }, probe],
    kind: 'diagnostic',
    better: 'lower',
    domain: FRACTION_PER_LAYER_COUNT_TOTAL,
    perLayer: true,
  },
  redo_dormant: {
    name: 'redo_dormant',
    doc: 'τ-dormant units by the ReDo score: a fraction per layer, a count in `total`',
    formula: 's_i = E|h_i| / mean_j E|h_j| ≤ τ',
    source: 'Sokar et al. 2023',
    params: [{ name: 'tau', type: unitInterval, default: 0.1, doc: 'τ' }, probe],
    kind: 'diagnostic',
    better: 'lower',
    domain: FRACTION_PER_LAYER_COUNT_TOTAL,
    perLayer: true,
  },
  effective_rank: {
    name: 'effective_rank',
    doc: 'effective rank of the feature matrix',
    formula: 'exp(−Σ p_i log p_i), p_i = σ_i / Σσ',
    source: 'Roy & Vetterli 2007',
    params: [layer, probe],
    kind: 'diagnostic',
    better: 'higher',
    domain: NON_NEGATIVE,
    perLayer: false,
  },
  srank: {
    name: 'srank',
    doc: 'srank_δ of the feature matrix',
    formula: 'smallest k with Σ_{i≤k} σ_i / Σσ ≥ 1 − δ',
    source: 'Kumar et al. 2021, implicit under-parameterization',
    params: [{ name: 'delta', type: openUnitInterval, default: 0.01, doc: 'δ' }, layer, probe],
    kind: 'diagnostic',
    better: 'higher',
    domain: NON_NEGATIVE,
    perLayer: false,
  },
  feature_rank: {
    name: 'feature_rank',
    doc: 'feature rank: singular values of the normalised feature matrix above ε',
    formula: '#{σ of Φ/√n above ε}',
    source: 'Lyle et al. 2022',
    params: [{ name: 'eps', type: nonNegative, default: 0.01, doc: 'ε' }, layer, probe],
    kind: 'diagnostic',
    better: 'higher',
    domain: NON_NEGATIVE,
    perLayer: false,
  },
  weight_magnitude: {
    name: 'weight_magnitude',
    doc: 'mean |θ|, per layer and over all parameters',
    source: 'Dohare et al. 2024',
    params: [],
    kind: 'diagnostic',
    better: null,
    domain: NON_NEGATIVE,
    perLayer: true,
  },
  weight_norm: {
    name: 'weight_norm',
    doc: '||θ||₂, per layer and over all parameters',
    params: [],
    kind: 'diagnostic',
    better: null,
    domain: NON_NEGATIVE,
    perLayer: true,
  },
  weight_magnitude_ratio: {
    name: 'weight_magnitude_ratio',
    doc: 'mean |θ| relative to its value at initialisation, per layer and over all parameters (1 = unchanged)',
    formula: 'per layer ℓ: mean|θ_ℓ| / mean|θ0_ℓ|',
    source: 'Lyle et al. 2024, disentangling the causes of plasticity loss (parameter norm growth); Dohare et al. 2024',
    params: [],
    kind: 'diagnostic',
    better: null,
    domain: NON_NEGATIVE,
    perLayer: true,
  },
  distance_from_init: {
    name: 'distance_from_init',
    doc: '||θ − θ₀||₂, per layer and over all parameters',
    params: [],
    kind: 'diagnostic',
    better: null,
    domain: NON_NEGATIVE,
    perLayer: true,
  },
  grad_norm: {
    name: 'grad_norm',
    doc: "norm of the loss gradient on a data set: train, test, or a phase's data (Ash & Adams' imbalance)",
    params: [
      { name: 'on', type: { kind: 'name' }, default: 'train', doc: 'train | test | PHASE' },
      { name: 'size', type: positiveInt, default: 1000, unit: 'examples', doc: 'examples' },
    ],
    kind: 'diagnostic',
    better: null,
    domain: NON_NEGATIVE,
    perLayer: false,
  },
  sharpness: {
    name: 'sharpness',
    doc: 'top Hessian eigenvalue by power iteration on Hessian-vector products',
    params: [
      { name: 'iterations', type: positiveInt, default: 20, doc: 'power iterations' },
      { name: 'size', type: positiveInt, default: 1000, unit: 'examples', doc: 'examples' },
    ],
    kind: 'diagnostic',
    better: null,
    // the top eigenvalue of an indefinite Hessian can be negative
    domain: REAL,
    perLayer: false,
  },
  gradient_noise: {
    name: 'gradient_noise',
    doc: "variance of minibatch gradients around their mean (Berariu's hypothesis)",
    params: [
      // a variance needs two minibatches at least
      { name: 'batches', type: { kind: 'number', integer: true, min: 2 }, default: 10, doc: 'minibatches' },
      { name: 'size', type: positiveInt, default: 1000, unit: 'examples', doc: 'examples' },
    ],
    kind: 'diagnostic',
    better: null,
    domain: NON_NEGATIVE,
    perLayer: false,
  },
} as const satisfies Record<string, MetricEntry>;

export type MetricName = keyof typeof metricCatalog;

/** The entry of a metric name (not a key: `dead_units`, not `dead_units(probe=2000)`), or undefined. */
export function metricEntry(name: string): MetricEntry | undefined {
  return Object.hasOwn(metricCatalog, name) ? (metricCatalog as Record<string, MetricEntry>)[name] : undefined;
}

/** Metrics an `until` rule can test (evaluated on the current phase's data or the test set). */
export const untilMetrics: readonly string[] = Object.values(metricCatalog as Record<string, MetricEntry>)
  .filter((e) => e.until === true)
  .map((e) => e.name);
