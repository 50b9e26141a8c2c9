/** IR hash and cell expansion: order, counts, sweeps, stability of identities. */
import { describe, expect, it } from 'vitest';
import { canonicalJson, compileSource, expandCells, sha256Hex, sweepPoints, type ExperimentIR } from '../src/index.ts';

const base = (extra = '', arms = 'baseline fresh: at a: reset all\n  arm warm') => `
experiment e {
  data mnist(train: 1000, test: 100)
  model mlp(hidden: [16])
  optimizer adam(lr: 1e-3)
  batch 10
  seeds 2
  stream { phase a: train on all for 2 epochs }
  ${arms}
  measure every 1 epoch: test.accuracy
  ${extra}
}
`;

function ir(text: string): ExperimentIR {
  const r = compileSource(text, 'e.plas');
  expect(r.diagnostics).toEqual([]);
  return r.ir!;
}

describe('hashes', () => {
  it('canonical JSON sorts keys and sha256 is hex', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 1, c: 2 }] })).toBe('{"a":[2,{"c":2,"d":1}],"b":1}');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('ignores comments, formatting and file names', () => {
    const a = ir(base());
    const b = compileSource(`// a comment\n${base().replace(/\n\s+/g, '\n    ')}`, 'elsewhere/other.plas').ir!;
    expect(b.hash).toBe(a.hash);
  });

  it('changes with any meaningful value', () => {
    expect(ir(base()).hash).not.toBe(ir(base().replace('lr: 1e-3', 'lr: 2e-3')).hash);
    // Same value, different spelling: same experiment.
    expect(ir(base().replace('1e-3', '0.001')).hash).toBe(ir(base()).hash);
  });
});

describe('expandCells', () => {
  it('orders cells arm × point × seed', () => {
    const cells = expandCells(ir(base('sweep grid(lr: [0.1, 0.01], batch: [8, 16])')));
    expect(cells.length).toBe(2 * 4 * 2);
    expect(cells.slice(0, 4).map((c) => [c.arm, c.pointLabel, c.seed])).toEqual([
      ['fresh', 'lr=0.1,batch=8', 0],
      ['fresh', 'lr=0.1,batch=8', 1],
      ['fresh', 'lr=0.1,batch=16', 0],
      ['fresh', 'lr=0.1,batch=16', 1],
    ]);
    const c = cells.find((x) => x.pointLabel === 'lr=0.01,batch=16')!;
    expect(c.optimizer).toMatchObject({ lr: 0.01 });
    expect(c.batch).toBe(16);
    expect(new Set(cells.map((x) => x.hash)).size).toBe(cells.length);
  });

  it('zips paired axes', () => {
    const pts = sweepPoints(ir(base('sweep zip(lr: [0.1, 0.01], hidden: [[4], [8, 8]])')).sweep);
    expect(pts.map((p) => p.label)).toEqual(['lr=0.1,hidden=[4]', 'lr=0.01,hidden=[8,8]']);
  });

  it('keeps a cell hash when another arm is added or comments change', () => {
    const before = expandCells(ir(base()));
    const after = expandCells(ir(`// new\n${base('', 'baseline fresh: at a: reset all\n  arm warm\n  arm extra: every step: l2(strength: 1e-3)')}`));
    expect(after.length).toBe(before.length + 2);
    for (const c of before) expect(after.find((a) => a.arm === c.arm && a.seed === c.seed)!.hash).toBe(c.hash);
  });

  it('distinguishes arms with identical content by name', () => {
    const cells = expandCells(ir(base('', 'baseline fresh: at a: reset all\n  arm warm\n  arm warm2')));
    const w = cells.filter((c) => c.seed === 0 && c.arm.startsWith('warm'));
    expect(w[0]!.hash).not.toBe(w[1]!.hash);
  });

  it('cells carry no spans in their hash and their own hash matches', async () => {
    const { hashCell } = await import('../src/index.ts');
    for (const c of expandCells(ir(base()))) expect(hashCell(c)).toBe(c.hash);
  });
});

describe('quick profile', () => {
  it('applies overrides and marks the profile', () => {
    const text = base('quick { seeds 1 batch 5 data(train: 50) phase a: for 1 epoch }');
    const full = compileSource(text, 'e.plas').ir!;
    const quick = compileSource(text, 'e.plas', { quick: true }).ir!;
    expect(full.profile).toBe('default');
    expect(quick.profile).toBe('quick');
    expect(quick.seeds).toEqual([0]);
    expect(quick.batch).toBe(5);
    expect(quick.data).toEqual({ kind: 'mnist', train: 50, test: 100 });
    expect(quick.stream[0]!.duration).toEqual({ kind: 'fixed', amount: 1, unit: 'epochs' });
    expect(quick.hash).not.toBe(full.hash);
  });
});
