/** What the report's text says about its curves, and its table of contents. */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MeasureSpec } from '@plas/dsl';
import { writeReport } from '../src/index.ts';
import { makeCell, makeIr, standardCells, writeStore } from './fixtures.ts';

const tmp = mkdtempSync(join(tmpdir(), 'plas-report-contents-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let counter = 0;
const dir = (name: string): string => join(tmp, `${name}-${counter++}`);

async function report(cells: Parameters<typeof writeStore>[2], ir = makeIr()): Promise<string> {
  const store = dir('store');
  writeStore(store, ir, cells);
  const out = dir('out');
  await writeReport({ store, out });
  return out;
}

const read = (out: string, file: string): string => readFileSync(join(out, file), 'utf8');

/** The caption of a chart, as report.md writes it under the image. */
function caption(md: string, chart: string): string {
  const line = md.split('\n').find((l) => l.startsWith('_') && l.includes(`[${chart}.csv]`));
  if (line === undefined) throw new Error(`no caption for ${chart}`);
  return line;
}

describe('table of contents', () => {
  it('links every section and chart to its heading, with the same anchors in Markdown and HTML', async () => {
    const out = await report(standardCells());
    const md = read(out, 'report.md');
    const links = [...md.matchAll(/^ *- \[[^\]]+\]\(#([^)]+)\)$/gm)].map((m) => m[1]);
    expect(links).toEqual(expect.arrayContaining(['summary', 'final-comparison-testaccuracy', 'learning-curve-testaccuracy', 'diagnostic-dead_units', 'against-the-baseline-fresh-paired-by-seed', 'method']));
    // GitHub's heading ids: every heading of level 2 and 3 has a link
    const headings = md.split('\n').filter((l) => /^###? /.test(l));
    expect(links.length).toBe(headings.length);

    const html = read(out, 'report.html');
    const ids = [...html.matchAll(/<h[1-3] id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    const hrefs = [...html.matchAll(/<nav class="toc"[^]*?<\/nav>/g)].flatMap((n) => [...n[0].matchAll(/href="#([^"]+)"/g)].map((m) => m[1]));
    expect(hrefs).toEqual(links);
    for (const h of hrefs) expect(ids).toContain(h);
  });
});

describe('curve captions', () => {
  it('say min–max with fewer than 3 seeds, and bands stay within an accuracy’s [0, 1]', async () => {
    const ir = makeIr({ seeds: [0, 3] });
    // seeds 0 and 3 of shrink differ by 0.08: a t-band over 2 seeds would reach beyond ±0.5
    const out = await report(standardCells(ir), ir);
    const md = read(out, 'report.md');
    expect(caption(md, 'learning-curve-test.accuracy')).toContain('mean over 2 seeds with a min–max band (fewer than 3 seeds');
    expect(caption(md, 'learning-curve-test.accuracy')).toContain('Bands are clipped to [0, 1]');
    expect(caption(md, 'final-test.accuracy')).toContain('min–max over the seeds (fewer than 3: no t-interval)');
    const rows = JSON.parse(read(out, 'learning-curve-test.accuracy.json')) as { low: number | null; high: number | null; band: string; arm: string }[];
    expect(rows.every((r) => r.band === 'min-max')).toBe(true);
    for (const r of rows) expect((r.low ?? 0) >= 0 && (r.high ?? 0) <= 1).toBe(true);
  });

  it('clip to the domain: an accuracy near 1 with 3 seeds keeps its band below 1', async () => {
    const ir = makeIr({ seeds: [0, 1, 2] });
    const cells = standardCells(ir).map((c) => {
      const acc = c.series['test.accuracy'] ?? [];
      // seed 0 at 0.9, seed 1 at 1.0, seed 2 at 1.0: mean 0.967, t-band up to 1.11
      c.series['test.accuracy'] = acc.map((p) => ({ ...p, value: c.cell.seed === 0 ? 0.9 : 1 }));
      return c;
    });
    const out = await report(cells, ir);
    const rows = JSON.parse(read(out, 'learning-curve-test.accuracy.json')) as { high: number | null; band: string }[];
    expect(rows.every((r) => r.band === 't')).toBe(true);
    expect(rows.every((r) => r.high === 1)).toBe(true);
  });

  it('name the baseline and the shared pretraining, and tell how to read distance_from_init', async () => {
    const span = { file: 'warm.plas', line: 1, column: 1, length: 1 };
    const distance: MeasureSpec = { metric: 'distance_from_init', params: {}, key: 'distance_from_init', cadence: { kind: 'every', n: 1, unit: 'epochs' }, span };
    const base = makeIr();
    const ir = makeIr({ measure: [...base.measure, distance] });
    const cells = ir.arms.flatMap((a) =>
      ir.seeds.map((s) => {
        const c = makeCell(ir, a.name, s, { afterIntervention: true });
        c.series['distance_from_init'] = (c.series['weight_norm'] ?? []).map((p) => ({ ...p }));
        return c;
      }),
    );
    const out = await report(cells, ir);
    const md = read(out, 'report.md');
    const acc = caption(md, 'learning-curve-test.accuracy');
    expect(acc).toContain("The baseline 'fresh' is black and dashed.");
    expect(acc).toContain("one grey line, 'all arms (identical)'");
    expect(acc).toContain('Lines break at phase and task boundaries and at interventions');
    expect(caption(md, 'diagnostic-distance_from_init')).toContain("from the cell's own initial parameters θ0 (step 0)");
    expect(readdirSync(out)).toContain('diagnostic-distance_from_init.svg');
  });
});
