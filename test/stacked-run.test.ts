/**
 * `plas run` trains small-step cells of one arm in lockstep, one stacked step for all (runner/stack-groups.ts,
 * train/step-gate.ts). The records must not depend on it: the same experiment with stacking switched off
 * (PLAS_STACK=0) gives bit-for-bit the same series and events. Stacking needs the native accelerator; where it is
 * missing the run says nothing of stacking and the records still agree.
 */
import { describe, expect, it } from 'vitest';
import { cellRecords, fixture, plasWithEnv, tempDir } from './helpers.ts';

const results = (store: string) =>
  new Map(cellRecords(store).map((r) => [r.cell.hash, JSON.stringify([r.status, r.divergence, r.series, r.events ?? null])]));

describe('plas run with cells trained stacked', () => {
  it('gives every cell the results it gets alone, and says how many cells trained stacked', { timeout: 300_000 }, async () => {
    const stacked = tempDir('stacked');
    const alone = tempDir('alone');
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
});
