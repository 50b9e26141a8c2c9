/**
 * A run killed with SIGKILL mid-way loses no finished cell, and the next run computes only what is missing:
 * a real `plas run` process tree is killed while it trains.
 */
import { describe, expect, it } from 'vitest';
import { cellFiles, cellRecords, fixture, killOnceStored, plas, plasWithEnv, tempDir } from './helpers.ts';

describe('plas run killed with SIGKILL', () => {
  it('keeps every finished cell and resumes without recomputing them', async () => {
    const store = tempDir('kill');
    const args = ['run', fixture('tiny-warm-start.plas'), '--store', store, '--workers', '1', '--no-report'];
    // a short claim lease: the killed run's claim on its cell expires in seconds (the default is 2 minutes)
    const env = { ...process.env, PLAS_LEASE_MS: '1500' };
    // Once some cells, but not all, are finished, kill the whole process group at once.
    await killOnceStored(args, store, 2, env);

    const survivors = cellFiles(store);
    expect(survivors.size).toBeGreaterThanOrEqual(2);
    expect(survivors.size).toBeLessThan(9);
    for (const text of survivors.values()) expect(JSON.parse(text).status).toBe('complete'); // no torn file

    const resumed = await plasWithEnv(args, env);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`cells: 9 (${survivors.size} cached, ${9 - survivors.size} to run`);
    const after = cellFiles(store);
    expect(after.size).toBe(9);
    for (const [hash, text] of survivors) expect(after.get(hash)).toBe(text); // finished cells were not recomputed

    // The interrupted run and an uninterrupted one agree bit for bit.
    const clean = tempDir('kill-clean');
    expect((await plas(['run', fixture('tiny-warm-start.plas'), '--store', clean, '--workers', '2', '--no-report'])).code).toBe(0);
    const series = (dir: string) => new Map(cellRecords(dir).map((r) => [r.cell.hash, JSON.stringify(r.series)]));
    expect(series(store)).toEqual(series(clean));
  });
});
