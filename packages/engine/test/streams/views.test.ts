import { describe, expect, it } from 'vitest';
import { checkStream, taskViews } from '../../src/streams/index.ts';
import { phase, range, repeat, toyDataset } from './toy.ts';

const ds = toyDataset({ n: 40, classes: 4 });

describe('taskViews', () => {
  it('numbers phases as task 0 and repeat tasks 0..count-1, in stream order', () => {
    const stream = [phase('warm', [{ kind: 'subset', fraction: 0.5 }]), repeat('task', 3, [{ kind: 'all' }]), phase('end', [])];
    const views = [...taskViews(ds, stream, 1)];
    expect(views.map((v) => [v.phase, v.task, v.n])).toEqual([
      ['warm', 0, 20],
      ['task', 0, 40],
      ['task', 1, 40],
      ['task', 2, 40],
      ['end', 0, 40],
    ]);
    expect(views[1]!.item).toBe(stream[1]);
    expect(views[0]!.test.n).toBe(20);
    expect(views[0]!.smooth).toBeNull();
  });

  it('is deterministic: same seed gives identical bytes for every task', () => {
    const stream = [repeat('task', 3, [{ kind: 'permute_pixels' }, { kind: 'random_labels', fraction: 0.5 }])];
    const a = [...taskViews(ds, stream, 11)].map((v) => v.gather(range(v.n)));
    const b = [...taskViews(ds, stream, 11)].map((v) => v.gather(range(v.n)));
    const c = [...taskViews(ds, stream, 12)].map((v) => v.gather(range(v.n)));
    for (let t = 0; t < 3; t++) {
      expect(Buffer.from(a[t]!.x.buffer).equals(Buffer.from(b[t]!.x.buffer))).toBe(true);
      expect(Array.from(a[t]!.y)).toEqual(Array.from(b[t]!.y));
    }
    expect(Buffer.from(a[0]!.x.buffer).equals(Buffer.from(c[0]!.x.buffer))).toBe(false);
  });

  it('draws per-task randomness from the phase name too, so two repeats differ', () => {
    const views = [...taskViews(ds, [repeat('a', 1, [{ kind: 'permute_pixels' }]), repeat('b', 1, [{ kind: 'permute_pixels' }])], 1)];
    expect(views[0]!.gather([0]).x).not.toEqual(views[1]!.gather([0]).x);
  });
});

describe('checkStream', () => {
  it('finds errors in the first and last task before training', () => {
    expect(() => checkStream(ds, [repeat('t', 3, [{ kind: 'class_incremental', perTask: 2 }])], 1)).toThrow(
      /task 2 needs classes 4..5/,
    );
    expect(() => checkStream(ds, [phase('p', [{ kind: 'subset', fraction: 2 }])], 1)).toThrow(/larger than the data/);
    expect(() => checkStream(ds, [phase('p', [{ kind: 'classes', classes: [1] }]), repeat('t', 5, [{ kind: 'permute_labels' }])], 1)).not.toThrow();
  });

  it('writes over arrays from an earlier gather when their sizes fit, with the same values as a fresh one', () => {
    const stream = [repeat('task', 1, [{ kind: 'permute_pixels' }, { kind: 'smooth', gamma: 0.5, from: [{ kind: 'subset', fraction: 0.5 }] }])];
    const [view] = [...taskViews(ds, stream, 3)];
    const first = view!.gather([3, 1, 4]);
    const fresh = view!.gather([9, 2, 45]);
    const reused = view!.gather([9, 2, 45], first);
    expect(reused.x).toBe(first.x);
    expect(reused.y).toBe(first.y);
    expect(Array.from(reused.x)).toEqual(Array.from(fresh.x));
    expect(Array.from(reused.y)).toEqual(Array.from(fresh.y));
    // another batch size: new arrays, the old ones untouched
    const bigger = view!.gather([0, 1, 2, 3], reused);
    expect(bigger.x).not.toBe(reused.x);
    expect(Array.from(reused.x)).toEqual(Array.from(fresh.x));
  });
});
