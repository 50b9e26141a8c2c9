/**
 * The sensitivity chart and the intervention markers as Chromium draws them (chromium.ts): in the λ × σ sweep of
 * sweep-fixtures.ts, one mean mark per swept value per arm in each σ panel, on a linear λ axis, with the baseline
 * as a black band around its dashed mean; the gap chart's differences on the side of its zero rule their sign says;
 * and on a learning curve, the reset's rule and its triangle in the event track at the x where the baseline's line
 * restarts after the reset.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASELINE_COLOR, PALETTE } from '../src/charts/chart.ts';
import { writeReport } from '../src/index.ts';
import { openChromium, skipBrowser } from './chromium.ts';
import { writeStore } from './fixtures.ts';
import { LAMBDAS, SIGMAS, sweepCells, sweepIr } from './sweep-fixtures.ts';

const tmp = mkdtempSync(join(tmpdir(), 'plas-sensitivity-browser-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Box {
  cx: number;
  cy: number;
  top: number;
  bottom: number;
  fill: string | null;
  stroke: string | null;
  dash: string | null;
  label: string | null;
}

/** The drawn items of one named vega mark of one chart, with their page boxes and paint. */
async function items(page: Page, chart: string, mark: string): Promise<Box[][]> {
  return page.$$eval(`figure[data-chart="${chart}"] g.${mark}_marks`, (groups) =>
    groups.map((g) =>
      Array.from((g as unknown as { children: ArrayLike<unknown> }).children).map((node) => {
        const el = node as { getBoundingClientRect(): { x: number; y: number; width: number; height: number }; getAttribute(n: string): string | null };
        const r = el.getBoundingClientRect();
        return {
          cx: r.x + r.width / 2,
          cy: r.y + r.height / 2,
          top: r.y,
          bottom: r.y + r.height,
          fill: el.getAttribute('fill'),
          stroke: el.getAttribute('stroke'),
          dash: el.getAttribute('stroke-dasharray'),
          label: el.getAttribute('aria-label'),
        };
      }),
    ),
  );
}

const distinct = (xs: number[]): number[] => [...new Set(xs.map((x) => Math.round(x * 10) / 10))].sort((a, b) => a - b);

describe.skipIf(skipBrowser)('the sensitivity chart and event markers in Chromium', () => {
  let page: Page;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const ir = sweepIr();
    writeStore(join(tmp, 'store'), ir, sweepCells(ir, { afterIntervention: true }));
    const out = join(tmp, 'report');
    await writeReport({ store: join(tmp, 'store'), out });
    const context = await openChromium(tmp);
    close = () => context.close();
    page = await context.newPage();
    await page.goto(pathToFileURL(join(out, 'report.html')).href, { waitUntil: 'load' });
    const artifacts = resolve(import.meta.dirname, '..', 'test-artifacts');
    mkdirSync(artifacts, { recursive: true });
    await page.locator('figure[data-chart="sensitivity-test.accuracy"]').screenshot({ path: join(artifacts, 'sensitivity.png') });
  }, 60_000);
  afterAll(async () => close?.());

  it('one mean per swept value per arm in each panel, on a linear x axis', async () => {
    const panels = await items(page, 'sensitivity-test.accuracy', 'arm_means');
    expect(panels).toHaveLength(SIGMAS.length);
    for (const means of panels) {
      expect(means).toHaveLength(LAMBDAS.length * 2); // warm and shrink; the baseline is a band, not points
      const xs = distinct(means.map((m) => m.cx));
      expect(xs).toHaveLength(LAMBDAS.length);
      // λ = 0.2, 0.4, 0.6 are evenly spaced on a linear axis
      expect(Math.abs(xs[2]! - xs[1]! - (xs[1]! - xs[0]!))).toBeLessThan(1);
      expect(new Set(means.map((m) => m.fill))).toEqual(new Set([PALETTE[0], PALETTE[1]]));
      expect(means.every((m) => /arm: (warm|shrink)/.test(m.label ?? ''))).toBe(true);
    }
  });

  it('the baseline is a black band around its black dashed mean, in every panel', async () => {
    const bands = (await items(page, 'sensitivity-test.accuracy', 'baseline_band')).flat();
    const lines = (await items(page, 'sensitivity-test.accuracy', 'baseline_mean')).flat();
    expect(bands).toHaveLength(SIGMAS.length);
    expect(lines).toHaveLength(SIGMAS.length);
    bands.forEach((band, i) => {
      const line = lines[i]!;
      expect(band.fill).toBe(BASELINE_COLOR);
      expect([line.stroke, line.dash !== null]).toEqual([BASELINE_COLOR, true]);
      expect(band.bottom - band.top).toBeGreaterThan(10);
      expect(line.cy).toBeGreaterThan(band.top);
      expect(line.cy).toBeLessThan(band.bottom);
    });
  });

  it('the gap chart: each arm’s paired difference on the side of the dotted zero rule its sign says, in every panel', async () => {
    const rules = (await items(page, 'sensitivity-gap-test.accuracy', 'zero_rule')).flat();
    const panels = await items(page, 'sensitivity-gap-test.accuracy', 'arm_means');
    expect(rules).toHaveLength(SIGMAS.length);
    expect(panels).toHaveLength(SIGMAS.length);
    panels.forEach((means, i) => {
      const zero = rules[i]!;
      expect([zero.stroke, zero.dash !== null]).toEqual([BASELINE_COLOR, true]);
      expect(means).toHaveLength(LAMBDAS.length * 2);
      const signs = means.map((m) => {
        const mean = Number(/mean: (-?[\d.e-]+)/.exec(m.label ?? '')?.[1]);
        expect(Number.isFinite(mean) && mean !== 0).toBe(true);
        expect(m.cy < zero.cy).toBe(mean > 0);
        return Math.sign(mean);
      });
      // The fixtures add 0.1·λ to the shrink arm's tune accuracy: some of its gaps lie above the rule.
      expect(new Set(signs).has(1)).toBe(true);
    });
  });

  it('the reset is marked at the x where the baseline restarts, with a rule and a triangle in its lane', async () => {
    const chart = 'learning-curve-test.accuracy-shrink.shrink-0.4-shrink.perturb-0.01';
    const rules = (await items(page, chart, 'event_rules')).flat();
    const track = (await items(page, chart, 'event_track')).flat();
    const reset = rules.find((r) => /intervention: reset;/.test(r.label ?? ''));
    const triangle = track.find((r) => /intervention: reset;/.test(r.label ?? ''));
    if (reset === undefined || triangle === undefined) throw new Error('no marker of the reset');
    expect(reset.stroke).toBe(BASELINE_COLOR);
    expect(Math.abs(triangle.cx - reset.cx)).toBeLessThan(1);
    expect(triangle.bottom).toBeLessThan(reset.top + 1);
    // The baseline's tune line starts at the measurement right after the reset: at the reset's x.
    const starts = await page.$$eval(`figure[data-chart="${chart}"] path[aria-roledescription="line mark"]`, (els) =>
      els.map((el) => {
        const path = el as unknown as { getAttribute(n: string): string | null; getScreenCTM(): Record<'a' | 'c' | 'e', number> };
        const m = /^M(-?[\d.]+),(-?[\d.]+)/.exec(path.getAttribute('d') ?? '');
        const ctm = path.getScreenCTM();
        return { stroke: path.getAttribute('stroke'), x: ctm.a * Number(m?.[1]) + ctm.c * Number(m?.[2]) + ctm.e };
      }),
    );
    const fresh = starts.filter((s) => s.stroke === BASELINE_COLOR);
    expect(fresh).toHaveLength(1);
    expect(Math.abs(fresh[0]!.x - reset.cx)).toBeLessThan(1);
    const lanes = await page.$$eval(`figure[data-chart="${chart}"] g.role-axis-label text`, (ts) => ts.map((t) => t.textContent));
    expect(lanes).toEqual(expect.arrayContaining(['fresh · reset', 'shrink · shrink_perturb']));
  });
});
