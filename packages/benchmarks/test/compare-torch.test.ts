import { describe, expect, it } from 'vitest';
import { formatComparison, formatEstimate, plasLine, torchLine } from '../src/compare-torch.ts';
import { parseTorchOutput, type TorchResult } from '../src/torch.ts';

const result: TorchResult = {
  seeds: [0, 1, 2],
  fresh: [0.85, 0.86, 0.87],
  warm: [0.84, 0.84, 0.86],
  fresh_train: [1, 1, 1],
  warm_train: [1, 1, 1],
  pretrain_epochs: [30, 31, 29],
  seconds: 12.5,
  torch: '1.13.1',
};

describe('parseTorchOutput', () => {
  it('reads the JSON of the last line', () => {
    const parsed = parseTorchOutput(`warming up\n${JSON.stringify(result)}\n`);
    expect(parsed.fresh).toEqual([0.85, 0.86, 0.87]);
  });

  it('rejects output without JSON or with mismatched lists', () => {
    expect(() => parseTorchOutput('Traceback (most recent call last):')).toThrow(/printed no JSON/);
    expect(() => parseTorchOutput(JSON.stringify({ ...result, warm: [0.1] }))).toThrow(/matching fresh\/warm/);
  });
});

describe('the side-by-side table', () => {
  it('computes PyTorch intervals over seeds and the paired gap', () => {
    const line = torchLine(result);
    expect(line.fresh.mean).toBeCloseTo(0.86, 10);
    expect(line.fresh.n).toBe(3);
    // gaps 0.01, 0.02, 0.01: mean 0.01333, sd 0.005774, t(2) = 4.3027 → half-width 0.014343
    expect(line.gap.mean).toBeCloseTo(0.013333, 5);
    expect(((line.gap.high ?? 0) - (line.gap.low ?? 0)) / 2).toBeCloseTo(0.014343, 5);
  });

  it('takes Plas numbers from the report summary', () => {
    const line = plasLine({
      arms: [
        { point: '', arm: 'fresh', role: 'baseline', n: 3, seeds: [0, 1, 2], values: [], mean: 0.8, sd: 0.01, tLow: 0.78, tHigh: 0.82, bootLow: null, bootHigh: null },
        { point: '', arm: 'warm', role: 'arm', n: 3, seeds: [0, 1, 2], values: [], mean: 0.79, sd: 0.01, tLow: 0.77, tHigh: 0.81, bootLow: null, bootHigh: null },
      ],
      expectations: [
        { text: 'fresh - warm > 0', left: 'fresh', right: 'warm', op: '>', value: 0, point: '', verdict: 'PASSED', n: 3, mean: 0.01, low: 0.004, high: 0.016, level: 0.95, reason: '' },
      ],
    });
    expect(formatEstimate(line.fresh)).toBe('0.8000 ± 0.0200 (n=3)');
    expect(formatEstimate(line.gap, true)).toBe('+0.0100 ± 0.0060 (n=3)');
    const table = formatComparison([line, torchLine(result)]).split('\n');
    expect(table[0]).toMatch(/^\s+fresh test acc\s+warm test acc\s+gap fresh - warm$/);
    expect(table[2]).toMatch(/^Plas\s+0\.8000 ± 0\.0200 \(n=3\)\s+0\.7900 ± 0\.0200 \(n=3\)\s+\+0\.0100 ± 0\.0060 \(n=3\)$/);
    expect(table[3]).toMatch(/^PyTorch 1\.13\.1\s+0\.8600 ± /);
  });

  it('shows a dash for a missing arm', () => {
    expect(formatEstimate({ mean: null, low: null, high: null, n: 0 })).toBe('—');
  });
});
