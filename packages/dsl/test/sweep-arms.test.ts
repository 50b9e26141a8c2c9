/** Sweeps over an arm's intervention and trigger parameters, and the quick profile's compare and sweep. */
import { describe, expect, it } from 'vitest';
import { cellSlots, compileSource, expandCells, type ExperimentIR } from '../src/index.ts';
import { TWO_EPOCHS_EACH, twoPhaseExperiment } from './two-phase-experiment.ts';

// The leading newline keeps the sweep on line 18, where the diagnostics below expect it.
const file = (sweep: string, quick = '', arms = ''): string =>
  `\n${twoPhaseExperiment({
    stream: TWO_EPOCHS_EACH,
    arms: `arm sp: at b: shrink_perturb(shrink: 0.4, perturb: 0.1)\n  arm periodic: every 2 epochs: shrink_perturb(0.9, 0.01), reset optimizer\n  ${arms}`,
    sweep,
    quick,
  })}`;

function compile(text: string, quick = false): ExperimentIR {
  const r = compileSource(text, 'e.plas', { quick });
  expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}: ${d.message}`)).toEqual([]);
  return r.ir!;
}

function problems(text: string, quick = false): string[] {
  return compileSource(text, 'e.plas', { quick }).diagnostics.map((d) => `${d.line}:${d.column} ${d.code}: ${d.message}`);
}

describe('sweeping an arm parameter', () => {
  it('a grid over λ × σ overrides that arm only; every point has its own label and every arm runs at it', () => {
    const ir = compile(file('sweep grid(sp.shrink: [0.2, 0.6], sp.perturb: [0, 0.01])'));
    expect(ir.sweep!.axes[0]).toEqual({ key: 'sp.shrink', path: ['interventions', 0, 'params', 'shrink'], values: [0.2, 0.6], arm: 'sp' });
    const cells = cellSlots(ir).map((s) => ({ ...s.cell, pointLabel: s.pointLabel }));
    expect(cells).toHaveLength(3 * 4 * 2);
    const sp = cells.filter((c) => c.arm === 'sp' && c.seed === 0);
    expect(sp.map((c) => c.pointLabel)).toEqual([
      'sp.shrink=0.2,sp.perturb=0',
      'sp.shrink=0.2,sp.perturb=0.01',
      'sp.shrink=0.6,sp.perturb=0',
      'sp.shrink=0.6,sp.perturb=0.01',
    ]);
    expect(sp.map((c) => [c.interventions[0]!.params['shrink'], c.interventions[0]!.params['perturb']])).toEqual([
      [0.2, 0],
      [0.2, 0.01],
      [0.6, 0],
      [0.6, 0.01],
    ]);
    // the other arms keep their declared interventions at every point (and so differ only by the point)
    const periodic = cells.filter((c) => c.arm === 'periodic');
    expect(new Set(periodic.map((c) => JSON.stringify(c.interventions))).size).toBe(1);
    // ... so they are one cell per seed, shared by every point; sp's cells differ at every point
    expect(new Set(periodic.map((c) => c.hash)).size).toBe(2);
    expect(new Set(cells.filter((c) => c.arm === 'sp').map((c) => c.hash)).size).toBe(4 * 2);
    expect(expandCells(ir)).toHaveLength((4 + 1 + 1) * 2);
  });

  it('`ARM.every` sweeps the N of an every-trigger, for every intervention of its clause', () => {
    const ir = compile(file('sweep zip(periodic.every: [1, 3], periodic.shrink: [0.5, 0.9])'));
    const axis = ir.sweep!.axes[0]!;
    expect(axis.path).toEqual(['interventions', 0, 'trigger', 'n']);
    expect(axis.alsoPaths).toEqual([['interventions', 1, 'trigger', 'n']]);
    const cells = expandCells(ir).filter((c) => c.arm === 'periodic' && c.seed === 0);
    expect(cells.map((c) => c.interventions.map((i) => (i.trigger.kind === 'every' ? i.trigger.n : null)))).toEqual([
      [1, 1],
      [3, 3],
    ]);
    expect(cells[1]!.interventions[0]!.params['shrink']).toBe(0.9);
  });

  it('an ambiguous short key names the qualified ones; the qualified key works', () => {
    const twice = 'arm two: at b: shrink_perturb(0.5, 0.1), redo(tau: 0.1)\n  arm l2arm: every step: l2(strength: 1e-3)';
    expect(compile(file('sweep grid(two.redo.tau: [0, 0.1], l2arm.strength: [1e-4, 1e-2])', '', twice)).sweep!.axes[1]!.path).toEqual(['interventions', 0, 'params', 'strength']);
    const set = 'arm hot: at b: set lr = 1e-2';
    expect(compile(file('sweep grid(hot.lr: [1e-2, 3e-2])', '', set)).sweep!.axes[0]!.path).toEqual(['interventions', 0, 'params', 'lr']);
    const both = 'arm both: at b: shrink_perturb(0.5, 0.1)\n  every 2 epochs: shrink_perturb(0.9, 0.01)';
    expect(problems(file('sweep grid(both.shrink: [0.1])', '', both))).toEqual([
      '19:14 unknown-param: `both.shrink` is ambiguous: arm `both` has it 2 times, in the same intervention; a sweep cannot tell them apart: write one arm per variant',
    ]);
  });

  it('a value out of range is reported at the value, in the resolver’s words', () => {
    expect(problems(file('sweep grid(sp.shrink: [0.2, 1.5])'))).toEqual(['18:31 out-of-range: `shrink` of intervention `shrink_perturb` must be a number in [0, 1], got 1.5']);
    expect(problems(file('sweep grid(periodic.every: [2, 0])'))).toEqual(['18:34 out-of-range: the N of `every N epochs` must be an integer ≥ 1, got 0']);
  });

  it('a parameter or arm that does not exist is reported at the key, with what exists', () => {
    expect(problems(file('sweep grid(sp.shrnk: [0.2])'))).toEqual([
      '18:14 unknown-param: arm `sp` has no sweepable parameter `shrnk` (it has sp.shrink, sp.perturb)',
    ]);
    expect(problems(file('sweep grid(spp.shrink: [0.2])'))[0]).toMatch(/^18:14 unknown-param: `spp.shrink` cannot be swept: there is no arm `spp`/);
    expect(problems(file('sweep grid(fresh.shrink: [0.2])'))).toEqual([
      '18:14 unknown-param: arm `fresh` has no sweepable parameter `shrink` (it has no numeric intervention or trigger parameter)',
    ]);
    expect(problems(file('sweep grid(sp.redo.tau: [0.2])'))).toEqual(['18:14 unknown-param: arm `sp` has no intervention `redo`']);
  });
});

describe('quick overrides compare and sweep lists', () => {
  const quick = 'quick { compare test.accuracy: mean over last 1 epoch of b  sweep grid(sp.shrink: [0.4]) }';
  const text = file('sweep grid(sp.shrink: [0.2, 0.6], sp.perturb: [0, 0.01])', quick);

  it('the default profile is untouched; quick has its own window and list', () => {
    const full = compile(text);
    expect(full.compare!.window.count).toBe(2);
    expect(full.sweep!.axes[0]!.values).toEqual([0.2, 0.6]);
    const q = compile(text, true);
    expect(q.compare!.window).toEqual({ count: 1, unit: 'epochs', phase: 'b' });
    expect(q.sweep!.axes.map((a) => a.values)).toEqual([[0.4], [0, 0.01]]);
    // sp at 2 points × 2 seeds; fresh and periodic, untouched by the sweep, one shared cell per seed
    expect(expandCells(q)).toHaveLength((2 + 2) * 2);
    expect(cellSlots(q)).toHaveLength(3 * 2 * 2);
  });

  it('refuses an axis the sweep does not have, another mode, a bad value and a zip of unequal lengths', () => {
    expect(problems(file('sweep grid(sp.shrink: [0.2])', 'quick { sweep grid(sp.perturb: [0]) }'))[0]).toMatch(/quick-mismatch: quick overrides sweep axis `sp.perturb`, which the experiment's sweep does not have \(axes: sp.shrink\)/);
    expect(problems(file('sweep grid(sp.shrink: [0.2])', 'quick { sweep zip(sp.shrink: [0.2]) }'))[0]).toMatch(/quick-mismatch: the experiment's sweep is `grid`/);
    expect(problems(file('sweep grid(sp.shrink: [0.2])', 'quick { sweep grid(sp.shrink: [2]) }'))[0]).toMatch(/out-of-range: `shrink` of intervention `shrink_perturb` must be a number in \[0, 1\], got 2/);
    expect(problems(file('sweep zip(sp.shrink: [0.2, 0.4], sp.perturb: [0, 1])', 'quick { sweep zip(sp.shrink: [0.2]) }'))[0]).toMatch(/sweep-mismatch: zip needs lists of equal length; in quick got sp.shrink: 1, sp.perturb: 2/);
    expect(problems(file('', 'quick { sweep grid(sp.shrink: [0.2]) }'))[0]).toMatch(/quick-mismatch: quick overrides `sweep`, but the experiment has none/);
    expect(problems(file('', 'quick { compare test.accuracy: mean over last 1 epoch of c }'))[0]).toMatch(/unknown-phase: the stream has no phase or repeat `c`/);
    expect(problems(file('', 'quick { compare test.loss: mean over last 1 epoch }'))[0]).toMatch(/not-measured: `compare` uses `test.loss`/);
  });
});
