/**
 * The sensitivity chart's data: the compared metric per sweep point and arm at its swept value, the interval rule
 * of the final comparison (t from 3 seeds, min–max for 2, clipped), the x axis and panels chosen from the sweep.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExperimentIR, SweepSpec } from '@plas/dsl';
import { sensitivity, xScaleOf, type Sensitivity } from '../src/analysis/sensitivity.ts';
import { renderSvg } from '../src/charts/render-svg.ts';
import { sensitivitySpec } from '../src/charts/sensitivity-spec.ts';
import type { ArmStats, Comparison } from '../src/analysis/types.ts';
import { tInterval, writeReport } from '../src/index.ts';
import { accuracy, makeIr, writeStore } from './fixtures.ts';
import { LAMBDAS, SIGMAS, lambdaGain, sweepCells, sweepIr } from './sweep-fixtures.ts';

const tmp = mkdtempSync(join(tmpdir(), 'plas-sensitivity-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The fixtures' window value of a cell: the mean of the last 3 tune epochs (3, 4, 5). */
const windowValue = (arm: string, seed: number): number => [3, 4, 5].reduce((s, e) => s + accuracy(arm, seed, 'tune', e), 0) / 3;

function stats(point: string, arm: string, role: ArmStats['role'], values: number[]): ArmStats {
  const t = tInterval(values);
  const mean = values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null;
  return { point, arm, role, n: values.length, seeds: values.map((_, i) => i), values, mean, sd: null, tLow: t?.low ?? null, tHigh: t?.high ?? null, bootLow: null, bootHigh: null };
}

const compare = { metric: 'test.accuracy', window: { count: 1, unit: 'evals' as const, phase: null }, better: 'higher' as const, stated: true, description: 'the last' };
const withSweep = (sweep: SweepSpec): ExperimentIR => makeIr({ sweep });

describe('the sensitivity data', () => {
  it('a λ × σ grid: λ (3 values) on x, one panel per σ, every arm at every point with its t-interval', async () => {
    const ir = sweepIr();
    writeStore(join(tmp, 'grid'), ir, sweepCells(ir));
    const out = join(tmp, 'grid-out');
    const s = (await writeReport({ store: join(tmp, 'grid'), out })).sensitivity;
    if (s === null) throw new Error('no sensitivity');
    expect([s.axis, s.scale, s.values, s.panelAxes, s.panels]).toEqual([
      'shrink.shrink',
      'linear',
      ['0.2', '0.4', '0.6'],
      ['shrink.perturb'],
      ['shrink.perturb=0', 'shrink.perturb=0.01'],
    ]);
    expect(s.rows).toHaveLength(LAMBDAS.length * SIGMAS.length * 3);
    for (const lambda of LAMBDAS) {
      for (const sigma of SIGMAS) {
        const at = s.rows.filter((r) => r.x === lambda && r.panel === `shrink.perturb=${sigma}`);
        expect(at.map((r) => [r.arm, r.role])).toEqual([
          ['fresh', 'baseline'],
          ['warm', 'arm'],
          ['shrink', 'arm'],
        ]);
        const shrink = at.find((r) => r.arm === 'shrink')!;
        const values = [0, 1, 2, 3].map((seed) => windowValue('shrink', seed) + lambdaGain(lambda));
        const t = tInterval(values)!;
        expect(shrink.mean).toBeCloseTo(t.mean, 12);
        expect(shrink.low).toBeCloseTo(t.low, 12);
        expect(shrink.high).toBeCloseTo(t.high, 12);
        expect([shrink.band, shrink.n]).toEqual(['t', 4]);
        expect(at.find((r) => r.arm === 'fresh')!.mean).toBeCloseTo([0, 1, 2, 3].reduce((a, seed) => a + windowValue('fresh', seed), 0) / 4, 12);
      }
    }
    // The gap to the baseline at every point: the paired differences seed by seed, their t-interval.
    expect(s.baseline).toBe('fresh');
    expect(s.gaps).toHaveLength(LAMBDAS.length * SIGMAS.length * 2);
    for (const lambda of LAMBDAS) {
      const gap = s.gaps.find((r) => r.x === lambda && r.panel === 'shrink.perturb=0' && r.arm === 'shrink')!;
      const t = tInterval([0, 1, 2, 3].map((seed) => windowValue('shrink', seed) + lambdaGain(lambda) - windowValue('fresh', seed)))!;
      expect([gap.mean, gap.low, gap.high].map((v) => v!.toFixed(12))).toEqual([t.mean, t.low, t.high].map((v) => v.toFixed(12)));
      expect([gap.band, gap.n, gap.role]).toEqual(['t', 4, 'arm']);
    }
    const gapCsv = readFileSync(join(out, 'sensitivity-gap-test.accuracy.csv'), 'utf8').trim().split(/\r?\n/);
    expect(gapCsv).toHaveLength(1 + s.gaps.length);
    const csv = readFileSync(join(out, 'sensitivity-test.accuracy.csv'), 'utf8');
    expect(csv.split(/\r?\n/)[0]).toBe('point,arm,role,x,xLabel,panel,n,mean,low,high,band');
    expect(csv.trim().split(/\r?\n/)).toHaveLength(1 + s.rows.length);
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    expect(md).toContain('- [Sensitivity to the swept values](#sensitivity-to-the-swept-values)');
    expect(md).toContain('![Sensitivity: test.accuracy against shrink.shrink](sensitivity-test.accuracy.svg)');
    expect(md).toMatch(/against shrink\.shrink on a linear axis: .*One panel per value of shrink\.perturb\./);
    expect(md).toContain('![Gap to fresh: test.accuracy against shrink.shrink](sensitivity-gap-test.accuracy.svg)');
    expect(md).toMatch(/The paired difference arm − fresh in test\.accuracy.*The dotted rule is 0: an arm below it ends worse than fresh/);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('data-chart="sensitivity-test.accuracy"');
  });

  it('min–max under 3 seeds, clipped to the metric’s domain', () => {
    const ir = withSweep({ kind: 'grid', axes: [{ key: 'lr', path: ['optimizer', 'lr'], values: [0.1, 0.2] }] });
    const s = sensitivity(ir, compare, [stats('lr=0.1', 'warm', 'arm', [0.9, 0.99]), stats('lr=0.2', 'warm', 'arm', [0.98, 0.99, 0.999])])!;
    expect(s.rows.map((r) => [r.x, r.band, r.low, r.high])).toEqual([
      [0.1, 'min-max', 0.9, 0.99],
      [0.2, 't', expect.any(Number), 1],
    ]);
    expect(tInterval([0.98, 0.99, 0.999])!.high).toBeGreaterThan(1);
  });

  it('gaps: the comparison’s t-interval from 3 seeds, min–max of the paired differences for 2; none without a baseline', () => {
    const ir = withSweep({ kind: 'grid', axes: [{ key: 'lr', path: ['optimizer', 'lr'], values: [0.1, 0.2] }] });
    const pairs = (point: string, diffs: number[]) => diffs.map((diff, seed) => ({ point, seed, arm: 0.5 + diff, base: 0.5, diff }));
    const comparison = (point: string, diffs: number[]): Comparison => {
      const t = tInterval(diffs);
      return { point, arm: 'warm', baseline: 'fresh', n: diffs.length, meanDiff: t?.mean ?? diffs[0]!, sd: null, tLow: t?.low ?? null, tHigh: t?.high ?? null, bootLow: null, bootHigh: null, seedWinRate: null, pairwise: null, pairs: pairs(point, diffs) };
    };
    const st = [stats('lr=0.1', 'warm', 'arm', [0.5, 0.6]), stats('lr=0.2', 'warm', 'arm', [0.5, 0.6, 0.7])];
    const three = [-0.02, 0.01, 0.04];
    const s = sensitivity(ir, compare, st, [comparison('lr=0.1', [-0.03, 0.05]), comparison('lr=0.2', three)])!;
    expect(s.gaps.map((r) => [r.x, r.band, r.low, r.high])).toEqual([
      [0.1, 'min-max', -0.03, 0.05],
      [0.2, 't', tInterval(three)!.low, tInterval(three)!.high],
    ]);
    const none = sensitivity(ir, compare, st)!;
    expect([none.baseline, none.gaps]).toEqual([null, []]);
  });

  it('a zip of non-numeric values: ordinal categories in the sweep’s order, the other axis named with x', () => {
    const ir = withSweep({
      kind: 'zip',
      axes: [
        { key: 'hidden', path: ['model', 'hidden'], values: [[10], [5], [20, 20]] },
        { key: 'lr', path: ['optimizer', 'lr'], values: [0.1, 0.01, 0.001] },
      ],
    });
    const labels = ['hidden=[10],lr=0.1', 'hidden=[5],lr=0.01', 'hidden=[20,20],lr=0.001'];
    const s = sensitivity(ir, compare, labels.map((l, i) => stats(l, 'warm', 'arm', [0.5 + i / 10])))!;
    expect([s.axis, s.scale, s.values, s.zipped, s.panels]).toEqual(['hidden', 'ordinal', ['[10]', '[5]', '[20,20]'], ['lr'], ['']]);
    expect(s.rows.map((r) => [r.x, r.xLabel, r.band, r.low])).toEqual([
      [null, '[10]', 'none', null],
      [null, '[5]', 'none', null],
      [null, '[20,20]', 'none', null],
    ]);
  });

  it('x: log when all positive over 2 decades, linear otherwise; none without a sweep or with one value', () => {
    expect(xScaleOf([1e-4, 1e-3, 1e-2])).toBe('log');
    expect(xScaleOf([1, 10])).toBe('linear');
    expect(xScaleOf([0, 0.01, 1])).toBe('linear');
    expect(xScaleOf([-1, 100])).toBe('linear');
    expect(xScaleOf(['relu', 'tanh'])).toBe('ordinal');
    expect(sensitivity(makeIr(), compare, [stats('default', 'warm', 'arm', [0.5])])).toBeNull();
    const one = withSweep({ kind: 'grid', axes: [{ key: 'lr', path: ['optimizer', 'lr'], values: [0.1] }] });
    expect(sensitivity(one, compare, [stats('lr=0.1', 'warm', 'arm', [0.5])])).toBeNull();
    expect(sensitivity(withSweep({ kind: 'grid', axes: [{ key: 'lr', path: ['optimizer', 'lr'], values: [0.1, 0.2] }] }), null, [])).toBeNull();
  });

  it('picks the axis with the most values for x; the first on a tie', () => {
    const grid = (a: number[], b: number[]): ExperimentIR =>
      withSweep({
        kind: 'grid',
        axes: [
          { key: 'lr', path: ['optimizer', 'lr'], values: a },
          { key: 'batch', path: ['batch'], values: b },
        ],
      });
    const st = [stats('lr=0.1,batch=8', 'warm', 'arm', [0.5])];
    expect(sensitivity(grid([0.1, 0.2], [8, 16, 32]), compare, st)!.axis).toBe('batch');
    expect(sensitivity(grid([0.1, 0.2], [8, 16]), compare, st)!.axis).toBe('lr');
  });
});

describe('the sensitivity spec renders every kind of x axis', () => {
  const render = (s: Sensitivity): Promise<string> =>
    renderSvg(
      sensitivitySpec({
        title: 't',
        subtitle: 's',
        rows: s.rows.map((r) => ({ ...r })),
        arms: ['fresh', 'warm'],
        baseline: 'fresh',
        xTitle: s.axis,
        yTitle: s.metric,
        scale: s.scale,
        values: s.values,
        panels: s.panels,
        panelTitle: null,
      }),
    );
  const means = (svg: string): number => /<g class="mark-symbol role-mark arm_means_marks"[^>]*>(.*?)<\/g>/.exec(svg)?.[1]?.match(/<path /g)?.length ?? 0;

  it('categories in the sweep’s order, labelled by value', async () => {
    const ir = withSweep({ kind: 'grid', axes: [{ key: 'hidden', path: ['model', 'hidden'], values: [[10], [5]] }] });
    const st = ['hidden=[10]', 'hidden=[5]'].flatMap((p, i) => [stats(p, 'fresh', 'baseline', [0.5, 0.6, 0.7]), stats(p, 'warm', 'arm', [0.4 + i / 10, 0.5, 0.6])]);
    const svg = await render(sensitivity(ir, compare, st)!);
    expect(means(svg)).toBe(2);
    const labels = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(labels.indexOf('[10]')).toBeGreaterThan(-1);
    expect(labels.indexOf('[10]')).toBeLessThan(labels.indexOf('[5]'));
    expect(svg).toContain('baseline_band_marks');
  });

  it('the gap chart rules 0 and keeps it on the y axis, even when every interval lies above it', async () => {
    const ir = withSweep({ kind: 'grid', axes: [{ key: 'lr', path: ['optimizer', 'lr'], values: [0.1, 0.2] }] });
    const gaps = ['lr=0.1', 'lr=0.2'].map((point, i) => ({ point, arm: 'warm', role: 'arm' as const, x: 0.1 * (i + 1), xLabel: String(0.1 * (i + 1)), panel: '', n: 3, mean: 0.3, low: 0.2, high: 0.4, band: 't' as const }));
    const svg = await renderSvg(
      sensitivitySpec({ title: 't', subtitle: 's', rows: gaps, arms: ['fresh', 'warm'], baseline: 'fresh', xTitle: 'lr', yTitle: 'gap', scale: 'linear', values: ['0.1', '0.2'], panels: [''], panelTitle: null, zero: true }),
    );
    expect(svg).toContain('zero_rule_marks');
    const yLabels = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(yLabels.some((l) => /^0(\.0+)?$/.test(l ?? ''))).toBe(true);
    const plain = await renderSvg(
      sensitivitySpec({ title: 't', subtitle: 's', rows: gaps, arms: ['fresh', 'warm'], baseline: 'fresh', xTitle: 'lr', yTitle: 'gap', scale: 'linear', values: ['0.1', '0.2'], panels: [''], panelTitle: null }),
    );
    expect(plain).not.toContain('zero_rule_marks');
    expect([...plain.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].some((m) => /^0(\.0+)?$/.test(m[1] ?? ''))).toBe(false);
  });

  it('a log axis over 3 decades', async () => {
    const ir = withSweep({ kind: 'grid', axes: [{ key: 'lr', path: ['optimizer', 'lr'], values: [1e-4, 1e-3, 1e-2, 1e-1] }] });
    const labels = ['lr=0.0001', 'lr=0.001', 'lr=0.01', 'lr=0.1'];
    const s = sensitivity(ir, compare, labels.map((p) => stats(p, 'warm', 'arm', [0.5, 0.55])))!;
    expect(s.scale).toBe('log');
    const svg = await render(s);
    expect(means(svg)).toBe(4);
    // evenly spaced on a log axis
    const xs = [...(/<g class="mark-symbol role-mark arm_means_marks"[^>]*>(.*?)<\/g>/.exec(svg)?.[1] ?? '').matchAll(/translate\(([\d.]+),/g)].map((m) => Number(m[1]));
    expect(xs).toHaveLength(4);
    expect(Math.abs(xs[3]! - xs[2]! - (xs[1]! - xs[0]!))).toBeLessThan(0.01);
  });
});
