/**
 * `plas run` trains small-step cells of one arm in lockstep, one stacked step for all (runner/stack-groups.ts,
 * train/step-gate.ts). The records must not depend on it: the same experiment with stacking switched off
 * (PLAS_STACK=0) gives bit-for-bit the same series and events. Stacking needs the native accelerator; where it is
 * missing the run says nothing of stacking and the records still agree.
 */
import { describe, expect, it } from 'vitest';
import { cellFiles, cellRecords, fixture, killOnceStored, plasWithEnv, tempDir } from './helpers.ts';

const results = (store: string) =>
  new Map(cellRecords(store).map((r) => [r.cell.hash, JSON.stringify([r.status, r.divergence, r.series, r.events ?? null])]));

describe('plas run with cells trained stacked', () => {
  const alone = tempDir('alone');

  it('gives every cell the results it gets alone, and says how many cells trained stacked', { timeout: 300_000 }, async () => {
    const stacked = tempDir('stacked');
    const args = (store: string) => ['run', fixture('small-steps.plas'), '--store', store, '--workers', '2', '--no-report'];
    const withStacks = await plasWithEnv(args(stacked), { ...process.env, PLAS_STACK: '1' });
    const without = await plasWithEnv(args(alone), { ...process.env, PLAS_STACK: '0' });
    for (const run of [withStacks, without]) {
      expect(run.stderr).not.toMatch(/Error|at .*\.ts:\d+/);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/9 cells: 0 cached, 9 completed/);
    }
    expect(without.stdout).not.toMatch(/trained stacked/);
    const accelerated = cellRecords(stacked)[0]!.backend === 'wasm+openblas';
    // 3 arms x 3 seeds on 2 workers: each arm's seeds go to one worker together
    if (accelerated) expect(withStacks.stdout).toMatch(/; 9 trained stacked, in lockstep with others of their arm/);
    else expect(withStacks.stdout).not.toMatch(/trained stacked/);
    const a = results(stacked);
    expect(a.size).toBe(9);
    expect(a).toEqual(results(alone));
  });

  it('keeps finished cells when killed mid-group and resumes to the same records', { timeout: 300_000 }, async () => {
    const store = tempDir('stacked-kill');
    const args = ['run', fixture('small-steps.plas'), '--store', store, '--workers', '1', '--no-report'];
    // a short claim lease: the killed run's claims on its group expire in seconds, not the default 2 minutes
    const env = { ...process.env, PLAS_STACK: '1', PLAS_LEASE_MS: '1500' };
    // one worker takes the arms' groups of 3 in turn: kill it once the first group is stored
    await killOnceStored(args, store, 3, env);
    const survivors = cellFiles(store);
    expect(survivors.size).toBeGreaterThanOrEqual(3);
    expect(survivors.size).toBeLessThan(9);
    for (const text of survivors.values()) expect(JSON.parse(text).status).toBe('complete');

    const resumed = await plasWithEnv(args, env);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`cells: 9 (${survivors.size} cached, ${9 - survivors.size} to run`);
    const after = cellFiles(store);
    for (const [hash, text] of survivors) expect(after.get(hash)).toBe(text);
    expect(results(store)).toEqual(results(alone));
  });
});
