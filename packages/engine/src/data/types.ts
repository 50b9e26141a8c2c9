/** The engine's in-memory data set: flat float32 inputs, labels or targets, and what produced them. */
import { diagnosticAtSpan, PlasError } from '@plas/dsl/contract';

export interface Split {
  /** n × prod(inputShape) values, row-major; images are HWC with pixels in [0, 1]. */
  x: Float32Array;
  /** Class indices (classification) or n × outputs targets (regression). */
  y: Int32Array | Float32Array;
  n: number;
}

export interface Dataset {
  /** Describes source + sizes + seed, e.g. `mnist(train=60000,test=10000,seed=1)`. */
  id: string;
  /** Shape of one example: [28, 28, 1] for MNIST-like images (HWC), [32, 32, 3] for CIFAR-10, [dim] for synthetic. */
  inputShape: number[];
  /** Number of classes, or regression outputs. */
  outputs: number;
  kind: 'classification' | 'regression';
  /** True when train is a time-ordered stream that must be visited in order (slowly-changing regression). */
  ordered: boolean;
  train: Split;
  test: Split;
  /** Things the loader had to fix, e.g. "fashion-mnist: dropped 2 malformed rows in class 0 (src/clothes/0.json)". */
  warnings: string[];
}

/** Bad or missing data: the message names the file (or the limit) and what is wrong. A PlasError (`run-setup`). */
export class DataError extends PlasError {
  override name = 'DataError';

  constructor(message: string) {
    super(diagnosticAtSpan(null, 'run-setup', message));
  }
}

/** Number of values in one example. */
export function exampleSize(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
