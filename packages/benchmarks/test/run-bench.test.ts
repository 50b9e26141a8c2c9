/** The runner's paths that train nothing: help, bad arguments, unknown files, --plan, and the finding rows. */
import { describe, expect, it } from 'vitest';
import { errorRow, findingRows } from '../src/findings.ts';
import { main, type BenchIO } from '../src/run-bench.ts';

function capture(): BenchIO & { text: () => { out: string; err: string } } {
  const out: string[] = [];
  const err: string[] = [];
  return { out: (l) => out.push(l), err: (l) => err.push(l), text: () => ({ out: out.join('\n'), err: err.join('\n') }) };
}

describe('main', () => {
  it('prints help and exits 0', async () => {
    const io = capture();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.text().out).toContain('usage: pnpm bench');
  });

  it('rejects a bad option with a message and exit code 2', async () => {
    const io = capture();
    expect(await main(['--workers', 'many'], io)).toBe(2);
    expect(io.text().err).toContain("--workers must be a whole number ≥ 1, got 'many'");
  });

  it('says which files exist when --only matches none', async () => {
    const io = capture();
    expect(await main(['--only', 'no-such-benchmark'], io)).toBe(2);
    expect(io.text().err).toMatch(/no suite file matches 'no-such-benchmark'; files: 01-warm-start/);
  });

  it('plans every quick profile without training', async () => {
    const io = capture();
    expect(await main(['--plan', '--quick', '--workers', '2'], io)).toBe(0);
    const { out } = io.text();
    expect(out).toMatch(/^01-warm-start-mlp-adam\s+6 cells/m);
    expect(out).toMatch(/^total: \d+ cells, ≤ \d+ training steps, ~\S+ on 2 workers$/m);
  });
});

describe('finding rows', () => {
  const outcome = { left: 'fresh', right: 'warm', op: '>' as const, value: 0, verdict: 'PASSED' as const, n: 5, mean: 0.01, low: 0.002, high: 0.018, level: 0.95, reason: '' };

  it('makes one row per expectation, naming the sweep point only when there are several', () => {
    const figures = { wallMs: 1000, cellMs: 5000, cpuMs: 1900, load: { start: 1.2, end: 2.5 }, peakRssMiB: 300 };
    const single = findingRows('01-x', { expectations: [{ ...outcome, text: 'fresh - warm > 0', point: '' }] }, figures);
    expect(single).toEqual([{ benchmark: '01-x', finding: 'fresh - warm > 0', effect: 0.01, low: 0.002, high: 0.018, n: 5, verdict: 'PASSED', ...figures }]);
    const swept = findingRows('01-x', { expectations: [{ ...outcome, text: 'fresh - warm > 0', point: 'lr=0.001' }, { ...outcome, text: 'fresh - warm > 0', point: 'lr=0.01' }] }, figures);
    expect(swept.map((r) => r.finding)).toEqual(['fresh - warm > 0 @ lr=0.001', 'fresh - warm > 0 @ lr=0.01']);
  });

  it('makes an ERROR row for a benchmark that could not run', () => {
    expect(errorRow('02-y', 'does not compile', { wallMs: 10 })).toMatchObject({ verdict: 'ERROR', effect: null, n: 0, finding: 'does not compile', cpuMs: null, load: null, peakRssMiB: null });
  });
});
