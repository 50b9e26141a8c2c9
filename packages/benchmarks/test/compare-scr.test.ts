/**
 * Benchmark 10's PyTorch cross-check: the IR → script options translation, the side-by-side statistics (hand-computed
 * values), and the script itself on a tiny stream where torch is installed (its continual-backprop bookkeeping
 * replaces exactly the number of units the accumulator promises, and two runs are identical).
 */
import { compileFile, type ExperimentIR } from '@plas/dsl';
import { describe, expect, it } from 'vitest';
import { scrLines } from '../src/compare-scr.ts';
import { benchmarkName, suiteFiles } from '../src/suite.ts';
import { findTorchPython, runTorchScript, TorchProtocolError } from '../src/torch.ts';
import { parseScrTorchOutput, SCR_TORCH_SCRIPT, scrTorchArgs } from '../src/torch-scr.ts';

function suiteIr(name: string): ExperimentIR {
  const file = suiteFiles().find((f) => benchmarkName(f) === name);
  if (file === undefined) throw new Error(`no suite file ${name}`);
  const { ir } = compileFile(file, { quick: false });
  if (ir === null) throw new Error(`${name} does not compile`);
  return ir;
}

describe('scrTorchArgs', () => {
  it("passes benchmark 10's own settings and arms", () => {
    const args = scrTorchArgs(suiteIr('10-slowly-changing-regression'));
    const option = (name: string): string | undefined => args[args.indexOf(name) + 1];
    expect(option('--flipping-bits')).toBe('15');
    expect(option('--random-bits')).toBe('5');
    expect(option('--flip')).toBe('all');
    expect(option('--bias')).toBe('layer');
    expect(option('--threshold')).toBe('dohare');
    expect(option('--train')).toBe('1000000');
    expect(option('--window')).toBe('10000');
    expect(option('--lr')).toBe('0.01');
    expect(args.filter((a, i) => args[i - 1] === '--arm')).toEqual([
      'backprop=backprop',
      'cbp=cbp:0.0001:10:0.99:adaptable_contribution',
      'l2=l2:0.001',
    ]);
  });

  it('refuses a file the script does not implement, naming what differs', () => {
    expect(() => scrTorchArgs(suiteIr('01-warm-start-mlp-adam'))).toThrow(TorchProtocolError);
    expect(() => scrTorchArgs(suiteIr('01-warm-start-mlp-adam'))).toThrow(/slowly_changing_regression/);
  });
});

describe('scrLines', () => {
  it('computes first/last windows, the rise and the paired lead of the baseline', () => {
    const lines = scrLines(
      'X',
      {
        bp: [
          [1, 1, 2, 2],
          [1, 1, 3, 3],
        ],
        cbp: [
          [1, 1, 1, 1],
          [2, 2, 1, 1],
        ],
      },
      'bp',
      2,
    );
    const [bp, cbp] = lines;
    expect(bp?.first.mean).toBe(1);
    expect(bp?.last.mean).toBe(2.5);
    expect(bp?.rise.mean).toBe(1.5);
    expect(bp?.rising).toBe(2);
    expect(bp?.lead).toBeNull();
    expect(cbp?.rise.mean).toBe(-0.5); // rises 0 and -1
    expect(cbp?.rising).toBe(0);
    expect(cbp?.lead?.mean).toBe(1.5); // leads 2 - 1 and 3 - 1
  });

  it('leaves out a seed whose cell has not run', () => {
    const [bp] = scrLines('X', { bp: [[1, 2], []] }, 'bp', 1);
    expect(bp?.rise.n).toBe(1);
    expect(bp?.rise.mean).toBe(1);
  });
});

const python = findTorchPython();

describe.skipIf(python === null)('the PyTorch script (torch installed)', () => {
  const args = [
    ...['--flipping-bits', '6', '--random-bits', '2', '--flip-every', '500', '--flip', 'all', '--bias', 'layer'],
    ...['--threshold', 'dohare', '--target-hidden', '10', '--train', '2000', '--hidden', '5', '--lr', '0.01'],
    ...['--window', '500', '--seeds', '2', '--arm', 'bp=backprop', '--arm', 'cbp=cbp:0.01:10:0.99:adaptable_contribution', '--arm', 'l2=l2:0.001'],
    ...['--arm', 'never=cbp:0.01:100000:0.99:adaptable_contribution'],
  ];

  it('reports every window of every arm and seed, and replaces as many units as the accumulator promises', () => {
    const result = parseScrTorchOutput(runTorchScript(python ?? 'python3', [SCR_TORCH_SCRIPT, ...args]));
    expect(Object.keys(result.arms)).toEqual(['bp', 'cbp', 'l2', 'never']);
    for (const seeds of Object.values(result.arms)) {
      expect(seeds).toHaveLength(2);
      for (const windows of seeds) {
        expect(windows).toHaveLength(4);
        for (const w of windows) expect(Number.isFinite(w) && w >= 0).toBe(true);
      }
    }
    // At most floor(0.01 · 5 · (2000 − 10)) = 99 per seed (fewer: a replaced unit is young for 10 steps); none
    // when no unit ever matures.
    const replaced = Object.entries(result.replaced);
    for (const [name, count] of replaced) {
      if (name.startsWith('never/')) expect(count).toBe(0);
      else expect(count > 50 && count <= 99).toBe(true);
    }
    // Same stream and same initial weights: a continual backprop that never replaces is plain backprop, exactly;
    // one that replaces is not.
    expect(result.arms['never']).toEqual(result.arms['bp']);
    expect(result.arms['cbp']?.[0]).not.toEqual(result.arms['bp']?.[0]);
    const again = parseScrTorchOutput(runTorchScript(python ?? 'python3', [SCR_TORCH_SCRIPT, ...args]));
    expect(again.arms).toEqual(result.arms);
  }, 120_000);
});
