import { describe, expect, it } from 'vitest';
import { formatEffect, formatSummaryMarkdown, formatSummaryTable, formatWall, signed, type SummaryRow } from '../src/summary.ts';

const rows: SummaryRow[] = [
  { benchmark: '01-warm-start-mlp-adam', finding: 'fresh - warm > 0', effect: 0.0123, low: 0.0042, high: 0.0204, n: 5, verdict: 'PASSED', wallMs: 312_000, cellMs: 600_000, cpuMs: 590_000, load: { start: 1.94, end: 3.4 }, peakRssMiB: 301 },
  { benchmark: '07-shrink-perturb', finding: 'shrink_perturb - warm > 0', effect: -0.002, low: -0.011, high: 0.004, n: 5, verdict: 'INCONCLUSIVE', wallMs: 45_400, cellMs: 90_000, cpuMs: 85_000, load: { start: 3.4, end: 3.1 }, peakRssMiB: 288 },
  { benchmark: '09-random-labels', finding: 'does not compile (see above)', effect: null, low: null, high: null, n: 0, verdict: 'ERROR', wallMs: 0, cellMs: 0, cpuMs: null, load: null, peakRssMiB: null },
];

describe('number formatting', () => {
  it('signs effects and never prints -0', () => {
    expect(signed(0.0123)).toBe('+0.0123');
    expect(signed(-0.0123)).toBe('-0.0123');
    expect(signed(-0.00001)).toBe('+0.0000');
    expect(signed(0.5, 2)).toBe('+0.50');
  });

  it('writes a symmetric interval as ± half-width, an asymmetric one as [low, high]', () => {
    expect(formatEffect({ effect: 0.0123, low: 0.0042, high: 0.0204 })).toBe('+0.0123 ± 0.0081');
    expect(formatEffect({ effect: -0.002, low: -0.011, high: 0.004 })).toBe('-0.0020 [-0.0110, +0.0040]');
    expect(formatEffect({ effect: 0.01, low: null, high: null })).toBe('+0.0100 (no interval)');
    expect(formatEffect({ effect: null, low: null, high: null })).toBe('—');
  });

  it('writes wall times in seconds or minutes', () => {
    expect(formatWall(0)).toBe('0s');
    expect(formatWall(45_400)).toBe('45s');
    expect(formatWall(312_000)).toBe('5m12s');
  });
});

describe('formatSummaryTable', () => {
  it('aligns the columns and ends with a tally', () => {
    const table = formatSummaryTable(rows, 400_000);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^benchmark\s+finding\s+effect \(95% CI\)\s+seeds\s+verdict\s+wall\s+cell time\s+worker CPU\s+load\s+worker peak$/);
    expect(lines[2]).toContain('01-warm-start-mlp-adam  fresh - warm > 0');
    expect(lines[2]).toContain('+0.0123 ± 0.0081');
    expect(lines[2]).toMatch(/PASSED\s+5m12s\s+10m00s\s+9m50s\s+1\.9 → 3\.4\s+301 MiB$/);
    expect(lines[4]).toMatch(/ERROR\s+0s\s+0s\s+—\s+—\s+—$/);
    // every body line puts the verdict column at the same offset
    const at = lines[0]!.indexOf('verdict');
    for (const line of lines.slice(2, 5)) expect(line.slice(at)).toMatch(/^(PASSED|INCONCLUSIVE|ERROR)/);
    expect(lines.at(-1)).toBe('3 findings: 1 passed, 0 failed, 1 inconclusive, 1 errors; wall time 6m40s, worker CPU 11m15s; largest worker peak 301 MiB (under the 1536 MiB ceiling)');
    expect(formatSummaryTable(rows, 400_000, { start: 1.94, end: 3.1 }).split('\n').at(-1)).toContain('wall time 6m40s, worker CPU 11m15s, load average 1.9 → 3.1;');
  });

  it('renders the same rows as a Markdown table, escaping pipes', () => {
    const md = formatSummaryMarkdown([{ ...rows[0]!, finding: 'a | b' }]);
    expect(md.split('\n')[0]).toBe('| benchmark | finding | effect (95% CI) | seeds | verdict | wall | cell time | worker CPU | load | worker peak |');
    expect(md).toContain('| 01-warm-start-mlp-adam | a \\| b | +0.0123 ± 0.0081 | 5 | PASSED | 5m12s | 10m00s | 9m50s | 1.9 → 3.4 | 301 MiB |');
    expect(md).toContain('1 findings: 1 passed, 0 failed, 0 inconclusive; wall time 5m12s, worker CPU 9m50s; largest worker peak 301 MiB');
  });

  it('names the files whose workers went over the 1.5 GiB ceiling, and says nothing of memory when all were cached', () => {
    const over = [{ ...rows[0]!, peakRssMiB: 2100 }, rows[1]!];
    expect(formatSummaryTable(over).split('\n').at(-1)).toMatch(/largest worker peak 2100 MiB \(OVER the 1536 MiB ceiling in 01-warm-start-mlp-adam\)$/);
    const cached = rows.map((r) => ({ ...r, cpuMs: null, peakRssMiB: null }));
    expect(formatSummaryTable(cached, 1000).split('\n').at(-1)).toBe('3 findings: 1 passed, 0 failed, 1 inconclusive, 1 errors; wall time 1s');
  });
});
