/**
 * `plas status`, and what happens to records that cannot be trusted (issues 12 and 15): an edited value, a
 * truncated file and a series of nulls are each named by `plas status` with the reason, left out of the report,
 * and recomputed by the next `plas run` — never used.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellFiles, fixture, plas, tempDir } from './helpers.ts';

interface StatusJson {
  experiments: { name: string; counts: Record<string, number>; remainingSteps: number; totalSteps: number; cells: { hash: string; state: string; reason: string | null }[] }[];
}

const seriesOf = (text: string): string => JSON.stringify((JSON.parse(text) as { series: unknown }).series);

describe('plas status', () => {
  it('names corrupt records; the report leaves them out; the next run recomputes exactly them', async () => {
    const store = tempDir('status');
    const file = fixture('tiny-warm-start.plas');
    expect((await plas(['run', file, '--store', store, '--workers', '2', '--no-report'])).code).toBe(0);

    const clean = await plas(['status', '--store', store]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('tiny_warm_start (default profile');
    expect(clean.stdout).toContain('9 done, 0 missing');
    expect(clean.stdout).toContain('every cell is done');

    // Four ways a record goes bad: a tampered value, a torn file, a series of nulls (issue 12, items 6 and 7).
    const original = cellFiles(store);
    const [edited, truncated, nulled, unsigned] = [...original.keys()];
    const path = (hash: string) => join(store, 'cells', `${hash}.json`);
    const record = JSON.parse(original.get(edited!)!) as { series: Record<string, { value: unknown }[]> };
    record.series['test.accuracy']![0]!.value = 1e308;
    writeFileSync(path(edited!), JSON.stringify(record));
    writeFileSync(path(truncated!), original.get(truncated!)!.slice(0, 200));
    const empty = JSON.parse(original.get(nulled!)!) as { series: unknown };
    empty.series = null;
    writeFileSync(path(nulled!), JSON.stringify(empty));
    // Without a checksum (as Plas 0.1.0 wrote them) a record is still checked for shape and metric domains.
    const legacy = JSON.parse(original.get(unsigned!)!) as { checksum?: string; series: Record<string, { value: unknown }[]> };
    delete legacy.checksum;
    legacy.series['test.accuracy']![1]!.value = 1.5;
    writeFileSync(path(unsigned!), JSON.stringify(legacy));

    const status = await plas(['status', file, '--store', store]);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('5 done, 4 corrupt, 0 missing');
    expect(status.stdout).toMatch(new RegExp(`corrupt  ${edited!.slice(0, 12)} \\(arm \\w+, seed \\d\\): checksum mismatch`));
    expect(status.stdout).toMatch(new RegExp(`corrupt  ${unsigned!.slice(0, 12)} \\(arm \\w+, seed \\d\\): test\\.accuracy = 1\\.5 at step \\d+ is outside its domain \\(within \\[0, 1\\]\\)`));
    expect(status.stdout).toContain(`corrupt  ${truncated!.slice(0, 12)}`);
    expect(status.stdout).toContain('not valid JSON');
    expect(status.stdout).toContain(`corrupt  ${nulled!.slice(0, 12)}`);
    expect(status.stdout).toContain('series is not an object');
    expect(status.stdout).toMatch(/remaining: 4 cells, ~120 of 270 estimated training steps/);
    const json = JSON.parse((await plas(['status', file, '--store', store, '--json'])).stdout) as StatusJson;
    expect(json.experiments[0]!.counts).toEqual({ done: 5, failed: 0, claimed: 0, stale: 0, corrupt: 4, missing: 0 });

    // The report names them as rejected and computes nothing from them (the mean is not 1e307).
    const out = tempDir('status-report');
    const report = await plas(['report', '--store', store, '--out', out]);
    expect(report.code).toBe(0);
    const md = readFileSync(join(out, 'tiny_warm_start', 'report.md'), 'utf8');
    expect(md).toContain('4 of 9 cells have no record');
    expect(md).toContain('rejected: checksum mismatch');
    expect(md).toContain('is outside its domain');
    expect(md).not.toMatch(/e\+30[0-9]/);

    // The next run says which records it does not use, recomputes those four and nothing else.
    const rerun = await plas(['run', file, '--store', store, '--workers', '2', '--no-report']);
    expect(rerun.code, rerun.stderr).toBe(0);
    for (const hash of [edited, truncated, nulled, unsigned]) expect(rerun.stdout).toContain(`the record of cell ${hash!.slice(0, 12)}`);
    expect(rerun.stdout).toContain('cells: 9 (5 cached, 4 to run');
    const after = cellFiles(store);
    for (const [hash, text] of original) {
      if ([edited, truncated, nulled, unsigned].includes(hash)) expect(seriesOf(after.get(hash)!)).toBe(seriesOf(text));
      else expect(after.get(hash)).toBe(text); // untouched records are not rewritten
    }
    expect((await plas(['status', '--store', store])).stdout).toContain('9 done');
  });

  it('explains a store that is not there or not a folder, without a stack trace', async () => {
    const dir = tempDir('status-bad');
    const none = await plas(['status', '--store', join(dir, 'nothing')]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("no run store at '");
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const notDir = await plas(['status', '--store', file]);
    expect(notDir.code).toBe(1);
    expect(notDir.stderr).toContain('is a file, not a run store folder');
    // With a .plas file, an empty store is simply "all missing".
    const fresh = await plas(['status', fixture('tiny-warm-start.plas'), '--store', join(dir, 'empty')]);
    expect(fresh.code).toBe(0);
    expect(fresh.stdout).toContain('0 done, 9 missing');
    for (const r of [none, notDir, fresh]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
