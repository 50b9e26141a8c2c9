/**
 * The metric catalog: the names the engine implements, EXACTLY, with their parameters and defaults. A measured
 * series is stored under its key: the name plus every parameter resolved and sorted, e.g. `dead_units(probe=2000)`.
 */
import { nonNegative, positiveInt, type Catalog, type ParamSchema } from './schema.ts';

const probe: ParamSchema = { name: 'probe', type: positiveInt, default: 2000, doc: 'probe inputs drawn from the training data' };
const layer: ParamSchema = {
  name: 'layer',
  type: { kind: 'number', integer: true },
  default: -1,
  doc: 'hidden layer index, python-like (-1 = last hidden layer)',
};

function plain(name: string, doc: string) {
  return { name, doc, params: [] };
}

export const metricCatalog: Catalog = {
  'train.accuracy': plain('train.accuracy', 'accuracy on the current training data'),
  'train.loss': plain('train.loss', 'loss on the current training data'),
  'test.accuracy': plain('test.accuracy', 'accuracy on the held-out test data'),
  'test.loss': plain('test.loss', 'loss on the held-out test data'),
  'online.accuracy': plain('online.accuracy', 'accuracy of each incoming batch before the update on it'),
  'online.loss': plain('online.loss', 'loss of each incoming batch before the update on it'),
  dead_units: { name: 'dead_units', doc: 'dead units, Σ_x |h(x)| = 0 over the probe (Dohare): a fraction per hidden layer, a count in `total`', params: [probe] },
  dormant_units: {
    name: 'dormant_units',
    doc: 'units active (h ≠ 0) on fewer than `threshold` of the probe inputs (Dohare CIFAR): a fraction per layer, a count in `total`',
    params: [{ name: 'threshold', type: { kind: 'number', min: 0, max: 1 }, default: 0.01, doc: 'activity fraction' }, probe],
  },
  redo_dormant: {
    name: 'redo_dormant',
    doc: 'τ-dormant units by the ReDo score (Sokar 2023): a fraction per layer, a count in `total`',
    params: [{ name: 'tau', type: { kind: 'number', min: 0, max: 1 }, default: 0.1, doc: 'τ' }, probe],
  },
  effective_rank: { name: 'effective_rank', doc: 'Roy & Vetterli effective rank of the feature matrix', params: [layer, probe] },
  srank: {
    name: 'srank',
    doc: 'srank_δ (Kumar 2021): smallest k with Σ_{i≤k} σ_i / Σσ ≥ 1 − δ',
    params: [{ name: 'delta', type: { kind: 'number', min: 0, max: 1, minOpen: true, maxOpen: true }, default: 0.01, doc: 'δ' }, layer, probe],
  },
  feature_rank: {
    name: 'feature_rank',
    doc: 'Lyle 2022: #{σ of Φ/√n above ε}',
    params: [{ name: 'eps', type: nonNegative, default: 0.01, doc: 'ε' }, layer, probe],
  },
  weight_magnitude: plain('weight_magnitude', 'mean |θ| over all weights'),
  weight_norm: plain('weight_norm', '||θ||₂ over all weights'),
  distance_from_init: plain('distance_from_init', '||θ − θ₀||₂'),
  grad_norm: {
    name: 'grad_norm',
    doc: 'norm of the loss gradient on a data set: train, test, or a phase’s data (Ash & Adams’ imbalance)',
    params: [
      { name: 'on', type: { kind: 'name' }, default: 'train', doc: 'train | test | PHASE' },
      { name: 'size', type: positiveInt, default: 1000, doc: 'examples' },
    ],
  },
  sharpness: {
    name: 'sharpness',
    doc: 'top Hessian eigenvalue by power iteration on Hessian-vector products',
    params: [
      { name: 'iterations', type: positiveInt, default: 20, doc: 'power iterations' },
      { name: 'size', type: positiveInt, default: 1000, doc: 'examples' },
    ],
  },
  gradient_noise: {
    name: 'gradient_noise',
    doc: 'variance of minibatch gradients around their mean (Berariu’s hypothesis)',
    params: [
      { name: 'batches', type: positiveInt, default: 10, doc: 'minibatches' },
      { name: 'size', type: positiveInt, default: 1000, doc: 'examples' },
    ],
  },
};

/** Metrics an `until` rule can test (evaluated on the current phase's data or the test set). */
export const untilMetrics: readonly string[] = ['train.accuracy', 'train.loss', 'test.accuracy', 'test.loss', 'online.accuracy', 'online.loss'];

