/**
 * Opens report.html in headless Chromium (Debian's /usr/bin/chromium via playwright-core; never a downloaded
 * browser): every chart renders, no console error, no request other than file: and data:, and a screenshot lands
 * in test-artifacts/ for a human look.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { writeReport } from '../src/index.ts';
import { openChromium, skipBrowser } from './chromium.ts';
import { makeCell, makeIr, standardCells, writeStore } from './fixtures.ts';

const tmp = mkdtempSync(join(tmpdir(), 'plas-report-browser-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(skipBrowser)('report.html in Chromium', () => {
  it('renders every chart, logs no error and makes no network request', async () => {
    const ir = makeIr();
    const cells = standardCells(ir);
    cells[4] = makeCell(ir, 'warm', 0, { divergeAtStep: 28 });
    writeStore(join(tmp, 'store'), ir, cells);
    const out = join(tmp, 'report');
    await writeReport({ store: join(tmp, 'store'), out });
    const svgFiles = readdirSync(out).filter((f) => f.endsWith('.svg'));
    expect(svgFiles.length).toBe(7);

    const context = await openChromium(tmp);
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(pathToFileURL(join(out, 'report.html')).href, { waitUntil: 'load' });

      const boxes = await page.$$eval('figure.chart > svg', (svgs) =>
        svgs.map((s) => {
          const r = s.getBoundingClientRect();
          return { width: r.width, height: r.height, marks: s.querySelectorAll('path, line, text').length };
        }),
      );
      expect(boxes.length).toBe(svgFiles.length);
      for (const b of boxes) {
        expect(b.width).toBeGreaterThan(100);
        expect(b.height).toBeGreaterThan(100);
        expect(b.marks).toBeGreaterThan(10);
      }
      expect(await page.locator('table[data-table="arms"] tbody tr').count()).toBe(3);
      expect(await page.locator('.verdict-PASSED').count()).toBe(1);
      expect(await page.locator('details summary').textContent()).toMatch(/configuration/i);

      const artifacts = resolve(import.meta.dirname, '..', 'test-artifacts');
      mkdirSync(artifacts, { recursive: true });
      await page.screenshot({ path: join(artifacts, 'report.png'), fullPage: true });

      expect(errors).toEqual([]);
      expect(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
