import { describe, expect, it } from 'vitest';
import { assignStages, makeTaskView, taskViews } from '../../src/streams/index.ts';
import { phase, range, repeat, rowsOf, toyDataset } from './toy.ts';

const ds = toyDataset({ n: 600, classes: 10 });
const stagesOf = (stages: number, uniform: number, seed = 1): number[][] =>
  [...taskViews(ds, [repeat('stage', stages, [{ kind: 'multi_stage', stages, uniform, stage: null }])], seed)].map((v) =>
    rowsOf(v.gather(range(v.n)).x, 4),
  );

describe('multi_stage (Berariu et al. App. A.3)', () => {
  it('builds nested stages whose last one is all the data', () => {
    const stages = stagesOf(3, 0.3);
    expect(stages).toHaveLength(3);
    for (let i = 1; i < 3; i++) {
      const prev = new Set(stages[i - 1]);
      const cur = new Set(stages[i]);
      for (const r of prev) expect(cur.has(r)).toBe(true);
      expect(cur.size).toBeGreaterThan(prev.size);
    }
    expect(stages[2]).toEqual(range(600));
  });

  it('follows D_i = D_(i-1) ∪ D_(u,i) ∪ {(x, c) ∈ D_c : c ∈ C_i}', () => {
    const labels = Int32Array.from(range(600), (i) => i % 10);
    const { classGroup, inUniform, firstStage } = assignStages(labels, 10, 3, 0.3, 1);
    // 10 classes in 3 groups of sizes 3/3/4; |D_u| = 0.3 · 600 = 180 in 3 parts of 60
    expect([0, 1, 2].map((g) => classGroup.filter((x) => x === g).length).sort()).toEqual([3, 3, 4]);
    expect(inUniform.reduce((a, b) => a + b, 0)).toBe(180);
    for (let part = 0; part < 3; part++) {
      expect(range(600).filter((r) => inUniform[r] === 1 && firstStage[r] === part)).toHaveLength(60);
    }
    const stages = stagesOf(3, 0.3);
    let previous = new Set<number>();
    for (let s = 0; s < 3; s++) {
      const expected = new Set(previous);
      for (let r = 0; r < 600; r++) {
        if (inUniform[r] === 1 ? firstStage[r] === s : classGroup[r % 10] === s) expected.add(r);
      }
      expect(new Set(stages[s])).toEqual(expected);
      previous = expected;
      // imbalance: a class of a later group enters only through D_u, ~ 0.3 · 60 · (s+1)/3 examples of its 60
      for (let c = 0; c < 10; c++) {
        const count = stages[s]!.filter((r) => r % 10 === c).length;
        if (classGroup[c]! > s) expect(count).toBeLessThan(30);
        else expect(count).toBeGreaterThanOrEqual(30); // all of its D_c (~42) plus some of D_u
      }
    }
  });

  it('with uniform = 0 stage i holds exactly the classes of groups 0..i', () => {
    const labels = Int32Array.from(range(600), (i) => i % 10);
    const { classGroup } = assignStages(labels, 10, 2, 0, 1);
    const [first] = stagesOf(2, 0);
    const classes = new Set(first!.map((r) => r % 10));
    expect(classes).toEqual(new Set(range(10).filter((c) => classGroup[c] === 0)));
    expect(first).toHaveLength(classes.size * 60);
  });

  it('takes the stage from the `stage` field in a phase, and is fixed per seed', () => {
    const v = makeTaskView(ds, phase('warm', [{ kind: 'multi_stage', stages: 3, uniform: 0.3, stage: 1 }]), 0, 1);
    expect(rowsOf(v.gather(range(v.n)).x, 4)).toEqual(stagesOf(3, 0.3)[1]);
    expect(stagesOf(3, 0.3, 2)[0]).not.toEqual(stagesOf(3, 0.3, 1)[0]);
    expect(v.test.n).toBe(20); // test set stays whole
  });

  it('refuses a stage past the end and more stages than classes', () => {
    expect(() => [...taskViews(ds, [repeat('t', 4, [{ kind: 'multi_stage', stages: 3, uniform: 0.3, stage: null }])], 1)]).toThrow(
      /task 3 of 't' asks for stage 3, but the stages are 0..2/,
    );
    expect(() => makeTaskView(ds, phase('p', [{ kind: 'multi_stage', stages: 11, uniform: 0, stage: 0 }]), 0, 1)).toThrow(
      /stages must be an integer in 1..10/,
    );
  });
});
