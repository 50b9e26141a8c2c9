/** The warm-start cross-check of a swept file (benchmark 11) runs the script at the first sweep point only. */
import { compileFile, type ExperimentIR } from '@plas/dsl';
import { describe, expect, it } from 'vitest';
import { plasLine } from '../src/compare-torch.ts';
import { benchmarkName, suiteFiles } from '../src/suite.ts';
import { firstSweepPoint, torchArgs, TorchProtocolError } from '../src/torch.ts';

function suiteIr(name: string): ExperimentIR {
  const file = suiteFiles().find((f) => benchmarkName(f) === name);
  const ir = file === undefined ? null : compileFile(file, { quick: false }).ir;
  if (ir === null) throw new Error(`${name} does not compile`);
  return ir;
}

describe('firstSweepPoint', () => {
  it("narrows benchmark 11 to its narrowest width, and the script's options follow", () => {
    const swept = suiteIr('11-warm-start-capacity');
    expect(() => torchArgs(swept)).toThrow(TorchProtocolError);
    const { ir, point } = firstSweepPoint(swept);
    expect(point).toBe('hidden=[16,16]');
    expect(ir.sweep).toBeNull();
    const args = torchArgs(ir, () => '/data'); // the data folder is resolved through the built engine
    expect(args[args.indexOf('--hidden') + 1]).toBe('16,16');
    expect(args[args.indexOf('--seeds') + 1]).toBe('10');
    expect(swept.sweep).not.toBeNull(); // the original IR is left as it was
  });

  it('returns a file without a sweep as it is', () => {
    const ir = suiteIr('01-warm-start-mlp-adam');
    expect(firstSweepPoint(ir)).toEqual({ ir, point: null });
  });
});

describe('plasLine at a sweep point', () => {
  const arm = (point: string, name: string, mean: number) => ({ point, arm: name, mean, tLow: mean - 0.01, tHigh: mean + 0.01, n: 10 });
  const gap = (point: string, mean: number) => ({ point, left: 'fresh', right: 'warm', mean, low: mean - 0.01, high: mean + 0.01, n: 10 });
  const report = {
    arms: [arm('hidden=[32,32]', 'fresh', 0.8), arm('hidden=[16,16]', 'fresh', 0.7), arm('hidden=[16,16]', 'warm', 0.69)],
    expectations: [gap('hidden=[32,32]', 0.5), gap('hidden=[16,16]', 0.01)],
  } as unknown as Parameters<typeof plasLine>[0];

  it("reads the arms and the gap of that point, not the first one listed", () => {
    const line = plasLine(report, 'Plas', 'hidden=[16,16]');
    expect(line.fresh.mean).toBe(0.7);
    expect(line.warm.mean).toBe(0.69);
    expect(line.gap.mean).toBe(0.01);
  });
});
