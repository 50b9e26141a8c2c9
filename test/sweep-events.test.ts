/**
 * examples/shrink-perturb-sweep.plas in its quick profile with the built CLI: a λ × σ grid over an arm's
 * intervention parameters, each point a cell of its own with its resolved parameters (the fresh baseline, which no
 * axis touches, one cell per seed trained once and paired with every point), an event per firing in the
 * record (with the norms it changed), a measurement right after it at the same step, and the report with its
 * sensitivity chart (accuracy against λ, one panel per σ) and the firings marked on every curve. A rerun with
 * --force gives the same records bit for bit (timings aside): events are record content.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CellRecord } from '@plas/engine';
import { cellFiles, plas, ROOT, tempDir } from './helpers.ts';

const FILE = join(ROOT, 'examples/shrink-perturb-sweep.plas');

function records(store: string): CellRecord[] {
  return [...cellFiles(store).values()].map((text) => JSON.parse(text) as CellRecord);
}

const content = (r: CellRecord): unknown => ({ ...r, timing: null, checksum: null });

describe('the shrink-and-perturb sweep, quick profile', () => {
  const store = tempDir('sweep-store');
  const out = tempDir('sweep-reports');
  let run: Awaited<ReturnType<typeof plas>>;

  beforeAll(async () => {
    run = await plas(['run', FILE, '--quick', '--store', store, '--out', out, '--workers', '2']);
  }, 180_000);

  it('runs the swept arm at every point of the quick grid and the untouched baseline once per seed', () => {
    expect(run.stderr).not.toMatch(/Error|at .*\.ts:\d+/);
    expect(run.code).toBe(0);
    // 2 arms × 4 points × 2 seeds = 16 combinations; the fresh baseline's 8 are 2 cells, one per seed
    expect(run.stdout).toMatch(/10 cells for 16 arm × point × seed combinations \(6 share a cell: arms the sweep leaves unchanged run once per seed\): 0 cached, 10 completed/);
    const all = records(store);
    expect(all).toHaveLength(10);
    const fresh = all.filter((r) => r.cell.arm === 'fresh');
    expect(fresh.map((r) => [r.cell.seed, r.cell.pointLabel, r.cell.point]).sort((a, b) => (a[0] as number) - (b[0] as number))).toEqual([
      [0, 'default', {}],
      [1, 'default', {}],
    ]);
    const labels = [...new Set(all.filter((r) => r.cell.arm !== 'fresh').map((r) => r.cell.pointLabel))].sort();
    expect(labels).toEqual([
      'shrink_perturb.shrink=0.4,shrink_perturb.perturb=0',
      'shrink_perturb.shrink=0.4,shrink_perturb.perturb=0.1',
      'shrink_perturb.shrink=1,shrink_perturb.perturb=0',
      'shrink_perturb.shrink=1,shrink_perturb.perturb=0.1',
    ]);
  });

  it('records an event per firing with the point’s parameters, and what it did per layer', () => {
    for (const r of records(store)) {
      const events = r.events!;
      expect(events.map((e) => [e.name, e.phase, e.task, e.trigger, e.firings])).toEqual(
        r.cell.arm === 'fresh'
          ? [
              ['reset', 'tune', 0, 'at', 1],
              ['reset_optimizer', 'tune', 0, 'at', 1],
            ]
          : [
              ['shrink_perturb', 'tune', 0, 'at', 1],
              ['reset_optimizer', 'tune', 0, 'at', 1],
            ],
      );
      const first = events[0]!;
      const tuneStart = r.series['test.accuracy']!.find((p) => p.phase === 'tune')!.step;
      expect(first.step).toBe(tuneStart);
      if (r.cell.arm === 'fresh') {
        expect(first.layers.map((l) => [l.layer, l.units])).toEqual([
          ['dense0', 16],
          ['dense1', 16],
          ['head', 10],
        ]);
        continue;
      }
      expect(first.params).toEqual({ shrink: r.cell.point['shrink_perturb.shrink'], perturb: r.cell.point['shrink_perturb.perturb'], noise: 'fresh_init' });
      const identity = first.params['shrink'] === 1 && first.params['perturb'] === 0;
      // λ = 1, σ = 0 leaves every weight as it was: no layer changed; otherwise all three did, by λ·‖θ‖ for σ = 0
      expect(first.layers.length).toBe(identity ? 0 : 3);
      for (const l of first.layers) {
        // nearly every parameter changes: one that is 0 (and whose ε is 0: fresh biases are 0) stays 0
        expect(l.changed).toBeGreaterThan(0.9);
        if (first.params['perturb'] === 0) expect(l.normAfter!).toBeCloseTo((first.params['shrink'] as number) * l.normBefore!, 4);
      }
    }
  });

  it('measures again right after the interventions, at the same step', () => {
    for (const r of records(store)) {
      const norms = r.series['weight_norm']!;
      const after = norms.filter((p) => p.afterIntervention === true);
      expect(after).toHaveLength(1);
      const before = norms[norms.indexOf(after[0]!) - 1]!;
      expect([before.step, before.phase, after[0]!.phase]).toEqual([after[0]!.step, 'pretrain', 'tune']);
    }
  });

  it('writes the report, pairing the swept arm at every point with the shared baseline cells', () => {
    const dir = join(out, 'shrink_perturb_sweep');
    for (const file of ['report.md', 'report.html', 'summary.json']) expect(existsSync(join(dir, file))).toBe(true);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toContain('shrink_perturb.shrink=0.4,shrink_perturb.perturb=0.1');
    const comparisons = JSON.parse(readFileSync(join(dir, 'comparisons.json'), 'utf8')) as { arm: string; baseline: string; point: string; n: number }[];
    expect(comparisons.map((c) => [c.arm, c.baseline, c.n])).toEqual(Array(4).fill(['shrink_perturb', 'fresh', 2]));
    expect(new Set(comparisons.map((c) => c.point)).size).toBe(4);
    const cells = JSON.parse(readFileSync(join(dir, 'cells.json'), 'utf8')) as { arm: string; point: string }[];
    expect(cells.filter((c) => c.arm === 'fresh').map((c) => c.point)).toEqual(['every point', 'every point']);
  });

  it('the report shows the sensitivity chart: accuracy against λ, one panel per σ, the baseline as a band', () => {
    const dir = join(out, 'shrink_perturb_sweep');
    const md = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(md).toContain('## Sensitivity to the swept values');
    expect(md).toContain('![Sensitivity: test.accuracy against shrink_perturb.shrink](sensitivity-test.accuracy.svg)');
    expect(md).toMatch(/against shrink_perturb\.shrink on a linear axis: per arm and swept value the mean over 2 seeds \(point\) with the min–max over the seeds \(bar; fewer than 3 seeds: no t-interval\)\. The baseline 'fresh' is the black dashed line, its interval the grey band\. One panel per value of shrink_perturb\.perturb\./);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('<figure class="chart" data-chart="sensitivity-test.accuracy">');
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as {
      files: string[];
      sensitivity: { axis: string; scale: string; panels: string[]; rows: { arm: string; x: number; panel: string; n: number; band: string }[] };
    };
    expect(summary.files).toEqual(expect.arrayContaining(['sensitivity-test.accuracy.svg', 'sensitivity-test.accuracy.csv', 'sensitivity-test.accuracy.json']));
    const s = summary.sensitivity;
    expect([s.axis, s.scale, s.panels]).toEqual(['shrink_perturb.shrink', 'linear', ['shrink_perturb.perturb=0', 'shrink_perturb.perturb=0.1']]);
    expect(s.rows.map((r) => [r.panel, r.x, r.arm, r.n, r.band])).toEqual(
      // the grid's order: λ outermost, then σ, then the arms
      [0.4, 1].flatMap((x) =>
        ['shrink_perturb.perturb=0', 'shrink_perturb.perturb=0.1'].flatMap((panel) => [
          [panel, x, 'fresh', 2, 'min-max'],
          [panel, x, 'shrink_perturb', 2, 'min-max'],
        ]),
      ),
    );
    const svg = readFileSync(join(dir, 'sensitivity-test.accuracy.svg'), 'utf8');
    const marks = (name: string): string[] => [...svg.matchAll(new RegExp(`<g class="mark-[a-z]+ role-mark ${name}_marks"[^>]*>(.*?)</g>`, 'g'))].map((m) => m[1] ?? '');
    // per σ panel: one mean per λ for the one swept arm, and the baseline's band
    expect(marks('arm_means').map((g) => g.match(/<path /g)?.length)).toEqual([2, 2]);
    expect(marks('baseline_band').map((g) => g.match(/<path /g)?.length)).toEqual([1, 1]);
  });

  it('every curve marks the interventions’ firings at the tune boundary, in the event track and as rules', () => {
    const dir = join(out, 'shrink_perturb_sweep');
    const tuneStart = records(store).find((r) => r.cell.arm === 'fresh')!.events![0]!.step;
    const curves = readdirSync(dir).filter((f) => /^(learning-curve|diagnostic|difference)-.*\.svg$/.test(f));
    expect(curves.length).toBe(4 * 3); // test.accuracy, weight_norm and the difference, at 4 points
    for (const f of curves) {
      const svg = readFileSync(join(dir, f), 'utf8');
      expect(svg, f).toContain('role-mark event_rules_marks');
      expect(svg, f).toContain('role-mark event_track_marks');
      expect(svg, f).toContain(`arm: shrink_perturb; intervention: shrink_perturb; step: ${tuneStart}; phase: tune`);
      if (!f.startsWith('difference-')) expect(svg, f).toContain(`arm: fresh; intervention: reset; step: ${tuneStart}; phase: tune`);
    }
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toContain('Triangles in the track above the plot, one lane per arm and intervention');
  });

  it('a forced rerun gives the same records, events included, bit for bit', async () => {
    const before = records(store).map(content);
    const again = await plas(['run', FILE, '--quick', '--store', store, '--out', out, '--workers', '1', '--force', '--no-report']);
    expect(again.code).toBe(0);
    expect(records(store).map(content)).toEqual(before);
  }, 180_000);
});
