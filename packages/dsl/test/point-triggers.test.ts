/** `at epoch N:` / `at step N:`: parsing, lowering to `at_point`, the stream-length rule, formatting, sweeping `ARM.at`. */
import { describe, expect, it } from 'vitest';
import { compileSource, expandCells, formatSource, parseSource, type ExperimentIR } from '../src/index.ts';
import { streamLength } from '../src/contract/index.ts';
import { twoPhaseExperiment, type TwoPhaseParts } from './two-phase-experiment.ts';

const file = (arms: string, parts: Omit<TwoPhaseParts, 'arms'> = {}): string => twoPhaseExperiment({ ...parts, arms });

const problems = (text: string): string[] => compileSource(text, 'e.plas').diagnostics.map((d) => `e.plas:${d.line}:${d.column} ${d.severity} ${d.code}: ${d.message}`);

function compile(text: string, quick = false): ExperimentIR {
  const r = compileSource(text, 'e.plas', { quick });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.ir!;
}

describe('at epoch|step N', () => {
  it('lowers to one at_point trigger shared by the clause; `at PHASE` stays a phase trigger', () => {
    const ir = compile(file('arm late: at epoch 4: reset head, reset optimizer\n  arm early: at step 0: reset all\n  arm tune: at b: reset head'));
    const triggers = ir.arms.slice(1).map((a) => a.interventions.map((i) => i.trigger));
    expect(triggers).toEqual([
      [
        { kind: 'at_point', n: 4, unit: 'epochs' },
        { kind: 'at_point', n: 4, unit: 'epochs' },
      ],
      [{ kind: 'at_point', n: 0, unit: 'steps' }],
      [{ kind: 'at', phase: 'b' }],
    ]);
  });

  it('keeps the AST shape: the unit as written and the number with its span', () => {
    const parsed = parseSource('experiment e {\n  arm late: at epochs 12: reset head\n}\n', 'p.plas');
    const arm = parsed.ast!.experiments[0]!.statements[0]!;
    expect(arm.kind === 'arm' && arm.clauses[0]!.trigger).toMatchObject({ kind: 'point', unit: { name: 'epochs' }, n: { value: 12, span: { line: 2, column: 23 } } });
  });

  it('takes N in [0, the stream length]: the end of the stream is a point, one past it is an error at the value', () => {
    expect(problems(file('arm late: at epoch 5: reset head'))).toEqual([]);
    expect(problems(file('arm late: at epoch 6: reset head'))).toEqual([
      'e.plas:12:22 error out-of-range: `at epoch 6` is past the end of the stream, which trains 5 epochs: N must be in [0, 5]',
    ]);
    expect(problems(file('arm late: at epoch 2.5: reset head'))).toEqual(['e.plas:12:22 error out-of-range: the N of `at epoch N` must be an integer ≥ 0, got 2.5']);
    expect(problems(file('arm late: at task 2: reset head'))).toEqual(['e.plas:12:16 error unit-mismatch: an `at N` trigger cannot be counted in tasks; allowed here: steps, epochs']);
    expect(problems(file('arm late: at epok 2: reset head'))[0]).toBe('e.plas:12:16 error unknown-unit: `epok` is not a unit; allowed here: steps, epochs');
  });

  it('says nothing when the durations do not give the length (an until phase, epochs of a phase in steps)', () => {
    const until = 'phase a: train on all for 2 epochs\n    phase b: train on all until train.accuracy >= 0.9 max 3 epochs';
    expect(problems(file('arm late: at epoch 99: reset head', { stream: until }))).toEqual([]);
    const steps = 'phase a: train on all for 20 steps\n    phase b: train on all for 2 epochs';
    expect(problems(file('arm late: at step 5000: reset head', { stream: steps }))).toEqual([]);
    expect(problems(file('arm late: at epoch 5000: reset head', { stream: steps }))).toEqual([]);
  });

  it('counts a repeat`s tasks in the length', () => {
    const ir = compile(file('', { stream: 'phase a: train on all for 50 steps\n    repeat 4 tasks as b: train on permute_pixels for 25 steps' }));
    expect(streamLength(ir.stream, 'steps')).toBe(150);
    expect(streamLength(ir.stream, 'epochs')).toBeNull();
  });

  it('warns (no error) when the quick profile shortens the stream past the point', () => {
    const text = file('arm late: at epoch 4: reset head', { quick: 'quick {\n    phase b: for 1 epoch\n  }' });
    expect(problems(text)).toEqual(['e.plas:12:22 warning quick-mismatch: in the quick profile the stream trains 3 epochs: `at epoch 4` does not fire there']);
    expect(compile(text, true).arms[1]!.interventions[0]!.trigger).toEqual({ kind: 'at_point', n: 4, unit: 'epochs' });
  });

  it('formats as written and round-trips; a negative N keeps its sign attached', () => {
    const text = file('arm late:   at  epoch 4 :reset head\n  arm neg: at step -2: reset head');
    const once = formatSource(text, 'e.plas').text!;
    expect(once).toContain('  arm late: at epoch 4: reset head\n');
    expect(once).toContain('  arm neg: at step -2: reset head\n');
    expect(formatSource(once, 'e.plas').text).toBe(once);
  });

  it('an arm with a point added to a file keeps the keys of the cells it had', () => {
    const plain = compile(file('arm sp: at b: shrink_perturb(0.5, 0.1)'));
    const withPoint = compile(file('arm sp: at b: shrink_perturb(0.5, 0.1)\n  arm late: at epoch 3: reset head'));
    const key = (ir: ExperimentIR): string[] => expandCells(ir).filter((c) => c.arm !== 'late').map((c) => c.hash);
    expect(key(withPoint)).toEqual(key(plain));
  });
});

describe('sweeping ARM.at', () => {
  it('sweeps the N of the clause, moving all its interventions; values are checked against the stream', () => {
    const ir = compile(file('arm late: at epoch 2: reset head, reset optimizer', { sweep: 'sweep grid(late.at: [0, 3, 5])' }));
    expect(ir.sweep!.axes).toEqual([{ key: 'late.at', path: ['interventions', 0, 'trigger', 'n'], values: [0, 3, 5], arm: 'late', alsoPaths: [['interventions', 1, 'trigger', 'n']] }]);
    const cells = expandCells(ir).filter((c) => c.arm === 'late' && c.seed === 0);
    expect(cells.map((c) => [c.pointLabel, ...c.interventions.map((i) => (i.trigger.kind === 'at_point' ? i.trigger.n : null))])).toEqual([
      ['late.at=0', 0, 0],
      ['late.at=3', 3, 3],
      ['late.at=5', 5, 5],
    ]);
    expect(problems(file('arm late: at epoch 2: reset head', { sweep: 'sweep grid(late.at: [1, 6])' }))).toEqual([
      'e.plas:15:27 error out-of-range: the N of `at epoch N` (the stream trains 5 epochs) must be an integer in [0, 5], got 6',
    ]);
  });

  it('names the intervention when two clauses have a point; `at` and `every` of one arm are separate keys', () => {
    const arms = 'arm two: at epoch 1: reset head\n  at step 30: shrink_perturb(0.5, 0.1)\n  every 2 epochs: redo(tau: 0.1)';
    expect(problems(file(arms, { sweep: 'sweep grid(two.at: [1, 2])' }))).toEqual([
      'e.plas:17:14 error unknown-param: `two.at` is ambiguous: arm `two` has it in `reset` and `shrink_perturb`; write `two.reset.at` or `two.shrink_perturb.at`',
    ]);
    const ir = compile(file(arms, { sweep: 'sweep zip(two.shrink_perturb.at: [10, 40], two.every: [1, 3])' }));
    expect(ir.sweep!.axes.map((a) => [a.key, a.path])).toEqual([
      ['two.shrink_perturb.at', ['interventions', 1, 'trigger', 'n']],
      ['two.every', ['interventions', 2, 'trigger', 'n']],
    ]);
  });

  it('an until stream leaves a swept point unbounded above', () => {
    const until = 'phase a: train on all for 2 epochs\n    phase b: train on all until train.accuracy >= 0.9 max 3 epochs';
    expect(compile(file('arm late: at epoch 2: reset head', { stream: until, sweep: 'sweep grid(late.at: [1, 50])' })).sweep!.axes[0]!.values).toEqual([1, 50]);
    expect(problems(file('arm late: at epoch 2: reset head', { stream: until, sweep: 'sweep grid(late.at: [-1])' }))).toEqual([
      'e.plas:15:24 error out-of-range: the N of `at epoch N` must be an integer ≥ 0, got -1',
    ]);
  });
});
