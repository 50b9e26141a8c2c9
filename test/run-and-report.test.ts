/**
 * The whole path a user takes: a `.plas` file → `plas run` → a run store → a report, with the guarantees that
 * matter to a researcher: bitwise-identical reruns, results independent of the worker count, cached cells skipped,
 * divergence and bad values reported instead of crashes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cellFiles, cellRecords, fixture, plas, tempDir } from './helpers.ts';

describe('plas run on a tiny MNIST warm-start experiment', () => {
  const store = tempDir('store');
  const out = tempDir('reports');
  let first: Awaited<ReturnType<typeof plas>>;

  beforeAll(async () => {
    first = await plas(['run', fixture('tiny-warm-start.plas'), '--store', store, '--out', out, '--workers', '2']);
  });

  it('trains every cell and records config, hash, versions and backend', () => {
    expect(first.stderr).not.toMatch(/Error|at .*\.ts:\d+/);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/9 cells: 0 cached, 9 completed/);
    // each worker's high-water mark, in MiB: a Node process with tfjs-wasm holds well over 30 MiB, and these tiny
    // cells stay far under issue 14's 1.5 GiB ceiling (KiB or bytes mistaken for MiB would fail one bound)
    const peak = Number(/; peak memory per worker (\d+) MiB$/m.exec(first.stdout)?.[1]);
    expect(peak).toBeGreaterThan(30);
    expect(peak).toBeLessThan(1536);
    const records = cellRecords(store);
    expect(records).toHaveLength(9);
    for (const record of records) {
      expect(record.status).toBe('complete');
      // wasm, or wasm+openblas where the native accelerator (@plas/accel) is built; its BLAS is then in the versions
      expect(record.backend).toMatch(/^wasm(\+openblas)?$/);
      expect(record.versions['openblas (@plas/accel)'] !== undefined).toBe(record.backend === 'wasm+openblas');
      expect(record.cell.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(record.versions['@tensorflow/tfjs-core']).toBe('4.22.0');
      expect(record.versions['@plas/engine']).toBeDefined();
      // 2 + 2 epochs, measured at every epoch and at phase starts/ends: a real series, not a placeholder.
      const accuracy = record.series['test.accuracy'] ?? [];
      expect(accuracy.length).toBeGreaterThanOrEqual(4);
      const last = accuracy.at(-1)?.value as number;
      expect(last).toBeGreaterThan(0.3); // 10 classes: chance is 0.1
    }
  });

  it('writes the report (Markdown, HTML, charts, data) at the end', () => {
    const dir = join(out, 'tiny_warm_start');
    for (const file of ['report.md', 'report.html', 'summary.json', 'arms.csv']) expect(existsSync(join(dir, file))).toBe(true);
    const md = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(md).toContain('fresh - warm > 0');
    expect(md).toMatch(/\| warm \|/);
  });

  it('skips every cached cell on a rerun and leaves the records untouched', async () => {
    const before = cellFiles(store);
    const again = await plas(['run', fixture('tiny-warm-start.plas'), '--store', store, '--out', out, '--no-report']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/cells: 9 \(9 cached, 0 to run/);
    expect(cellFiles(store)).toEqual(before);
  });

  it('gives bitwise-identical series on a forced rerun with another worker count', async () => {
    const other = tempDir('store-1-worker');
    const rerun = await plas(['run', fixture('tiny-warm-start.plas'), '--store', other, '--workers', '1', '--no-report']);
    expect(rerun.code).toBe(0);
    const series = (dir: string) =>
      new Map(cellRecords(dir).map((r) => [r.cell.hash, JSON.stringify(r.series)]));
    expect(series(other)).toEqual(series(store));
  });
});

describe('plas run when things go wrong', () => {
  it('records a diverging cell as diverged, with its step, and finishes the others', async () => {
    const store = tempDir('diverge');
    const result = await plas(['run', fixture('diverging.plas'), '--store', store, '--no-report', '--workers', '1']);
    expect(result.stdout).toMatch(/DIVERGED/);
    const records = cellRecords(store);
    expect(records).toHaveLength(2);
    for (const record of records) {
      expect(record.status).toBe('diverged');
      expect(record.divergence?.step).toBeGreaterThanOrEqual(0);
      expect(['NaN', 'Infinity', '-Infinity']).toContain(record.divergence?.value);
    }
  });

  it('refuses a layer that does not exist before training, naming the .plas location', async () => {
    const store = tempDir('bad-layer');
    const result = await plas(['run', fixture('bad-layer.plas'), '--store', store, '--no-report', '--workers', '1']);
    expect(result.code).toBe(1);
    // The contract's shape inference finds it while compiling (before any worker starts), as `plas check` does.
    expect(result.stderr).toMatch(/bad-layer\.plas:13:30: error\[out-of-range\]: `reset`: layer selector: start index -5 is out of range/);
    expect(result.stderr).toMatch(/\n\s+\| +\^{5,}/); // the source line, underlined
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(cellRecords(store).filter((r) => r.cell.arm === 'deep_reset')).toHaveLength(0);
  });

  it('reports .plas errors with file:line:column and exits 1', async () => {
    const result = await plas(['run', fixture('../fixtures/does-not-exist.plas')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/does-not-exist\.plas/);
  });
});
