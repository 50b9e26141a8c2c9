import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/data/index.ts';
import { makeTaskView, taskViews } from '../../src/streams/index.ts';
import { phase, range, repeat, rowsOf, toyDataset, toyRegression } from './toy.ts';

const ds = toyDataset({ n: 100, testN: 20, classes: 10 });
const trainRows = (data: Parameters<typeof phase>[1], task = 0, seed = 1): number[] => {
  const v = makeTaskView(ds, phase('p', data), task, seed);
  return rowsOf(v.gather(range(v.n)).x, 4);
};

describe('all and subset', () => {
  it('all keeps every example in order', () => {
    expect(trainRows([{ kind: 'all' }])).toEqual(range(100));
  });

  it('subset is fixed per seed, ordered, nested, and refuses a fraction above 1', () => {
    const half = trainRows([{ kind: 'subset', fraction: 0.5 }]);
    expect(half).toHaveLength(50);
    expect([...half].sort((a, b) => a - b)).toEqual(half);
    expect(trainRows([{ kind: 'subset', fraction: 0.5 }], 3)).toEqual(half); // same in every task
    expect(trainRows([{ kind: 'subset', fraction: 0.5 }], 0, 2)).not.toEqual(half);
    const quarter = trainRows([{ kind: 'subset', fraction: 0.25 }]);
    expect(quarter).toHaveLength(25);
    for (const r of quarter) expect(half).toContain(r);
    expect(() => trainRows([{ kind: 'subset', fraction: 1.5 }])).toThrow(/subset: fraction must be in \(0, 1\], got 1.5: a subset cannot be larger/);
    expect(() => trainRows([{ kind: 'subset', fraction: 0.001 }])).toThrow(/is empty/);
  });
});

describe('classes', () => {
  it('keeps the listed classes in train and test', () => {
    const v = makeTaskView(ds, phase('p', [{ kind: 'classes', classes: [2, 7] }]), 0, 1);
    expect(v.n).toBe(20);
    expect(new Set(v.gather(range(v.n)).y)).toEqual(new Set([2, 7]));
    expect(v.test.n).toBe(4);
    expect(new Set(v.test.gather(range(4)).y)).toEqual(new Set([2, 7]));
  });

  it('refuses an unknown class and regression data', () => {
    expect(() => trainRows([{ kind: 'classes', classes: [3, 10] }])).toThrow(
      /classes\(\[3, 10\]\): class 10 does not exist \(the data set has 10 classes: 0..9\)/,
    );
    expect(() => makeTaskView(toyRegression(10), phase('p', [{ kind: 'classes', classes: [0] }]), 0, 1)).toThrow(
      /needs a classification data set/,
    );
  });
});

describe('permute_pixels', () => {
  it('is deterministic per (seed, task), differs between tasks, and matches between train and test', () => {
    const img = toyDataset({ n: 10, shape: [3, 3, 1] });
    const stream = [repeat('task', 3, [{ kind: 'permute_pixels' }])];
    const views = [...taskViews(img, stream, 5)];
    const again = [...taskViews(img, stream, 5)];
    const x0 = views[0]!.gather([0, 1]).x;
    expect(Buffer.from(again[0]!.gather([0, 1]).x.buffer)).toEqual(Buffer.from(x0.buffer));
    const feats = (x: Float32Array): number[] => Array.from(x.subarray(0, 9), (v) => v % 1000);
    expect(feats(x0)).not.toEqual(feats(views[1]!.gather([0]).x));
    expect(feats(views[1]!.gather([0]).x)).not.toEqual(feats(views[2]!.gather([0]).x));
    expect([...feats(x0)].sort((a, b) => a - b)).toEqual(range(9));
    expect(feats(views[0]!.test.gather([3]).x)).toEqual(feats(x0)); // same permutation on test
    expect(Array.from(x0.subarray(9, 18), (v) => Math.floor(v / 1000))).toEqual(new Array(9).fill(1)); // rows intact
    expect(views[0]!.gather([0]).y[0]).toBe(0); // labels untouched
  });

  it('moves the channels of a pixel together', () => {
    const rgb = toyDataset({ n: 2, shape: [2, 2, 3] });
    const x = makeTaskView(rgb, phase('p', [{ kind: 'permute_pixels' }]), 0, 1).gather([0]).x;
    for (let p = 0; p < 4; p++) {
      const f = x[p * 3]! % 1000;
      expect(f % 3).toBe(0);
      expect([x[p * 3 + 1]! % 1000, x[p * 3 + 2]! % 1000]).toEqual([f + 1, f + 2]);
    }
  });
});

describe('label transforms', () => {
  it('permute_labels applies one bijection per task to train and test', () => {
    const stream = [repeat('task', 2, [{ kind: 'permute_labels' }])];
    const [a, b] = [...taskViews(ds, stream, 1)];
    const ya = a!.gather(range(10)).y;
    expect([...ya].sort((p, q) => p - q)).toEqual(range(10));
    expect(Array.from(b!.gather(range(10)).y)).not.toEqual(Array.from(ya));
    // test row 10000 + i has true label i mod 10
    const yt = a!.test.gather(range(10)).y;
    for (let i = 0; i < 10; i++) expect(yt[i]).toBe(ya[i]);
  });

  it('random_labels redraws round(fraction·n) labels per task and leaves test labels alone', () => {
    const stream = [repeat('task', 2, [{ kind: 'random_labels', fraction: 1 }])];
    const [a, b] = [...taskViews(ds, stream, 1)];
    const ya = Array.from(a!.gather(range(100)).y);
    expect(ya).not.toEqual(Array.from(b!.gather(range(100)).y));
    expect(ya.filter((l, i) => l === i % 10).length).toBeLessThan(25); // ~ 10 by chance
    expect(Array.from(a!.test.gather(range(10)).y)).toEqual(range(10));
    const none = makeTaskView(ds, phase('p', [{ kind: 'random_labels', fraction: 0 }]), 0, 1);
    expect(Array.from(none.gather(range(100)).y)).toEqual(range(100).map((i) => i % 10));
  });

  it('label_noise changes exactly round(fraction·N) labels to another class, fixed across tasks', () => {
    const stream = [repeat('task', 2, [{ kind: 'label_noise', fraction: 0.3 }])];
    const [a, b] = [...taskViews(ds, stream, 1)];
    const ya = Array.from(a!.gather(range(100)).y);
    expect(ya.filter((l, i) => l !== i % 10)).toHaveLength(30);
    expect(Array.from(b!.gather(range(100)).y)).toEqual(ya);
    expect(Array.from(a!.test.gather(range(10)).y)).toEqual(range(10));
  });
});

describe('class_incremental', () => {
  it('gives task i the classes [i·k, (i+1)·k) and stops past the last class', () => {
    const views = [...taskViews(ds, [repeat('task', 5, [{ kind: 'class_incremental', perTask: 2 }])], 1)];
    views.forEach((v, i) => {
      expect(new Set(v.gather(range(v.n)).y)).toEqual(new Set([2 * i, 2 * i + 1]));
      expect(new Set(v.test.gather(range(v.test.n)).y)).toEqual(new Set([2 * i, 2 * i + 1]));
    });
    expect(() => [...taskViews(ds, [repeat('task', 6, [{ kind: 'class_incremental', perTask: 2 }])], 1)]).toThrow(
      /task 5 needs classes 10..11 but the data set has 10 classes/,
    );
  });
});

describe('pipelines', () => {
  it('apply left to right', () => {
    // classes first keeps classes 0 and 1 of the true labels; permuting first selects by permuted labels
    const a = makeTaskView(ds, phase('p', [{ kind: 'classes', classes: [0, 1] }, { kind: 'permute_labels' }]), 0, 1);
    const b = makeTaskView(ds, phase('p', [{ kind: 'permute_labels' }, { kind: 'classes', classes: [0, 1] }]), 0, 1);
    expect(new Set(rowsOf(a.gather(range(a.n)).x, 4).map((r) => r % 10))).toEqual(new Set([0, 1]));
    expect(new Set(b.gather(range(b.n)).y)).toEqual(new Set([0, 1]));
    expect(new Set(rowsOf(b.gather(range(b.n)).x, 4).map((r) => r % 10))).not.toEqual(new Set([0, 1]));
  });

  it('are lazy: a million tasks cost nothing until visited', () => {
    const it = taskViews(ds, [repeat('task', 1_000_000, [{ kind: 'permute_pixels' }])], 1)[Symbol.iterator]();
    const first = it.next();
    const second = it.next();
    expect(first.done).toBe(false);
    expect(second.value?.task).toBe(1);
  });

  it('gather refuses positions outside the pool', () => {
    const v = makeTaskView(ds, phase('p', [{ kind: 'subset', fraction: 0.1 }]), 0, 1);
    expect(() => v.gather([10])).toThrow(RangeError);
    expect(() => v.gather([-1])).toThrow(RangeError);
  });

  it('regression data pass through and refuse label selectors', () => {
    const reg = toyRegression(30);
    const v = makeTaskView(reg, phase('p', [{ kind: 'subset', fraction: 0.5 }]), 0, 1);
    const g = v.gather([0, 1]);
    expect(g.y).toBeInstanceOf(Float32Array);
    expect(g.y[0]).toBeCloseTo(g.x[0]! / 10, 6);
    expect(v.ordered).toBe(true);
    expect(() => makeTaskView(reg, phase('p', [{ kind: 'permute_labels' }]), 0, 1)).toThrow(DataError);
  });
});
