/** Tiny hand-made data sets and stream items for the stream tests. */
import type { PhaseSpec, RepeatSpec, Selector } from '@plas/dsl';
import type { Dataset, Split } from '../../src/data/index.ts';

/** Example i has x[j] = 1000 i + j (so a gathered value tells its row and feature) and label i mod classes. */
export function toyDataset(opts: { n: number; testN?: number; classes?: number; shape?: number[] }): Dataset {
  const shape = opts.shape ?? [4];
  const classes = opts.classes ?? 10;
  const size = shape.reduce((a, b) => a * b, 1);
  const split = (n: number, offset: number): Split => {
    const x = new Float32Array(n * size);
    const y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < size; j++) x[i * size + j] = 1000 * (offset + i) + j;
      y[i] = (offset + i) % classes;
    }
    return { x, y, n };
  };
  return {
    id: 'toy',
    inputShape: shape,
    outputs: classes,
    kind: 'classification',
    ordered: false,
    train: split(opts.n, 0),
    test: split(opts.testN ?? 20, 10000),
    warnings: [],
  };
}

export function toyRegression(n: number): Dataset {
  const x = new Float32Array(n * 2);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[2 * i] = i;
    x[2 * i + 1] = 1;
    y[i] = i / 10;
  }
  return {
    id: 'toy-regression',
    inputShape: [2],
    outputs: 1,
    kind: 'regression',
    ordered: true,
    train: { x, y, n },
    test: { x: x.slice(0, 10), y: y.slice(0, 10), n: 10 },
    warnings: [],
  };
}

const span = { file: 'toy.plas', line: 1, column: 1, length: 1 };
const duration = { kind: 'fixed', amount: 1, unit: 'epochs' } as const;

export function phase(name: string, data: Selector[]): PhaseSpec {
  return { kind: 'phase', name, data, duration, span };
}

export function repeat(name: string, count: number, data: Selector[]): RepeatSpec {
  return { kind: 'repeat', name, count, data, duration, span };
}

export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** Dataset rows of gathered examples (feature 0's value / 1000, whatever the permutation). */
export function rowsOf(x: Float32Array, size: number): number[] {
  const rows: number[] = [];
  for (let o = 0; o < x.length; o += size) rows.push(Math.floor(x[o]! / 1000));
  return rows;
}
