/**
 * Reads the path data of the rendered learning curves in Chromium (chromium.ts) and checks that an intervention
 * shows: lines never cross a phase boundary, and a measurement right after a reset is a second point at the same x
 * as the one before it, lower, and not joined to it.
 *
 * Two stores: a tiny real run (engine, wasm) of a reset baseline against a warm arm, as the engine records it
 * today; and records written with the real record types that also hold the measurement taken right after the
 * reset (fixtures.ts `afterIntervention`), as the engine is to record it.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { compileSource, expandCells } from '@plas/dsl';
import { RunStore, runCell, selectBackend, type CellRecord } from '@plas/engine';
import { BASELINE_COLOR, SHARED_COLOR } from '../src/charts/chart.ts';
import { writeReport } from '../src/index.ts';
import { openChromium, skipBrowser } from './chromium.ts';
import { makeCell, makeIr, writeStore } from './fixtures.ts';

const tmp = mkdtempSync(join(tmpdir(), 'plas-report-curves-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface LinePath {
  stroke: string;
  dash: string | null;
  /** Every vertex of the path, in page pixels. */
  points: { x: number; y: number }[];
}

/** The line marks of one chart: their `d` parsed (vega draws lines with M and L only), mapped to page pixels. */
async function linePaths(page: Page, chart: string): Promise<LinePath[]> {
  const paths = await page.$$eval(`figure[data-chart="${chart}"] path[aria-roledescription="line mark"]`, (els) =>
    els.map((el) => {
      // An SVGPathElement (the tests compile without the DOM library): its attributes and its matrix to the page.
      const path = el as unknown as { getAttribute(name: string): string | null; getScreenCTM(): Record<'a' | 'b' | 'c' | 'd' | 'e' | 'f', number> };
      const d = path.getAttribute('d') ?? '';
      const m = path.getScreenCTM();
      const points = [...d.matchAll(/[ML](-?[\d.]+(?:e-?\d+)?),(-?[\d.]+(?:e-?\d+)?)/g)].map((v) => {
        const [x, y] = [Number(v[1]), Number(v[2])];
        return { x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f };
      });
      return { d, stroke: path.getAttribute('stroke') ?? '', dash: path.getAttribute('stroke-dasharray'), points };
    }),
  );
  for (const p of paths) expect(p.d, 'a line path of M and L commands only').toMatch(/^(?:[ML]-?[\d.]+(?:e-?\d+)?,-?[\d.]+(?:e-?\d+)?)+$/);
  return paths.map(({ d: _d, ...rest }) => rest);
}

const first = (p: LinePath): { x: number; y: number } => p.points[0] as { x: number; y: number };
const last = (p: LinePath): { x: number; y: number } => p.points[p.points.length - 1] as { x: number; y: number };

async function openReport(out: string, name: string, check: (page: Page) => Promise<void>): Promise<void> {
  const context = await openChromium(tmp);
  try {
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(out, 'report.html')).href, { waitUntil: 'load' });
    const artifacts = resolve(import.meta.dirname, '..', 'test-artifacts');
    mkdirSync(artifacts, { recursive: true });
    await page.locator('figure[data-chart="learning-curve-test.accuracy"]').screenshot({ path: join(artifacts, `${name}.png`) });
    await check(page);
  } finally {
    await context.close();
  }
}

/** The x of the last shared (pretraining) vertex: where the phases meet. */
function boundary(paths: readonly LinePath[]): number {
  const shared = paths.filter((p) => p.stroke === SHARED_COLOR);
  expect(shared.length, 'the pretraining all arms share is drawn once, in grey').toBe(1);
  return last(shared[0] as LinePath).x;
}

describe.skipIf(skipBrowser)('curves in Chromium', () => {
  it('a tiny real run: no line crosses the phase boundary where the baseline resets', async () => {
    const source = `experiment reset_seen {
  data gaussian_mixture(classes: 3, dim: 4, separation: 2, train: 120, test: 60)
  model mlp(hidden: [8])
  optimizer sgd(lr: 0.1)
  batch 20
  seeds 2
  stream {
    phase pretrain: train on all for 3 epochs
    phase tune: train on all for 3 epochs
  }
  baseline fresh: at tune: reset all
  arm warm
  measure every 1 epoch: test.accuracy
}
`;
    const { ir, diagnostics } = compileSource(source, 'reset-seen.plas');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    if (ir === null) throw new Error('no IR');
    const backend = await selectBackend('wasm');
    const store = new RunStore(join(tmp, 'real-store'));
    const cells = expandCells(ir);
    const records: CellRecord[] = [];
    for (const cell of cells) records.push(await runCell(cell, { backend }));
    for (const r of records) store.writeCell(r);
    store.writeExperiment({ schema: 'plas.experiment/1', ir, file: 'reset-seen.plas', cells: cells.map((c) => c.hash), updatedAt: '2026-12-01T00:00:00.000Z', backend });
    expect(records.map((r) => r.status)).toEqual(['complete', 'complete', 'complete', 'complete']);
    const out = join(tmp, 'real-report');
    await writeReport({ store: join(tmp, 'real-store'), out });

    await openReport(out, 'curves-real-run', async (page) => {
      const paths = await linePaths(page, 'learning-curve-test.accuracy');
      const at = boundary(paths);
      for (const p of paths) {
        const crosses = p.points.some((q) => q.x < at - 0.5) && p.points.some((q) => q.x > at + 0.5);
        expect(crosses, `a ${p.stroke} line crosses the phase boundary`).toBe(false);
      }
      const fresh = paths.filter((p) => p.stroke === BASELINE_COLOR);
      expect(fresh.length).toBe(1);
      expect(fresh[0]?.dash, 'the baseline is dashed').toBeTruthy();
      // The engine measures right after the reset (a point at the boundary's step): the baseline's line starts at
      // the boundary's x, away from where the shared line ends — the reset is visible as two points at one x.
      const start = first(fresh[0] as LinePath);
      const sharedEnd = last(paths.find((p) => p.stroke === SHARED_COLOR) as LinePath);
      expect(Math.abs(start.x - at)).toBeLessThan(0.5);
      expect(Math.abs(start.y - sharedEnd.y)).toBeGreaterThan(1);
      const labels = await page.$$eval('figure[data-chart="learning-curve-test.accuracy"] text', (ts) => ts.map((t) => t.textContent));
      expect(labels).toEqual(expect.arrayContaining(['pretrain', 'tune']));
    });
  });

  it('a measurement right after a reset: two points at the same x, not joined', async () => {
    const ir = makeIr();
    writeStore(join(tmp, 'after-store'), ir, ir.arms.flatMap((a) => ir.seeds.map((s) => makeCell(ir, a.name, s, { afterIntervention: true }))));
    const out = join(tmp, 'after-report');
    await writeReport({ store: join(tmp, 'after-store'), out });

    await openReport(out, 'curves-reset-discontinuity', async (page) => {
      const paths = await linePaths(page, 'learning-curve-test.accuracy');
      const at = boundary(paths);
      const before = last(paths.find((p) => p.stroke === SHARED_COLOR) as LinePath);
      const fresh = paths.filter((p) => p.stroke === BASELINE_COLOR);
      expect(fresh.length).toBe(1);
      const after = first(fresh[0] as LinePath);
      // The same x (the step of the reset), far lower on the page's y (accuracy 0.58 → 0.355): a jump, not a slope.
      expect(Math.abs(after.x - at)).toBeLessThan(0.01);
      expect(after.y - before.y).toBeGreaterThan(30);
      // The warm arm has no intervention: its tune line starts at the next measurement, not at the boundary.
      for (const p of paths.filter((q) => q.stroke !== SHARED_COLOR && q.stroke !== BASELINE_COLOR)) {
        expect(p.points.every((q) => q.x >= at - 0.01)).toBe(true);
      }
    });
  });
});
