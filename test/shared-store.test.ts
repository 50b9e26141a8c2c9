/**
 * Several `plas run` processes on one store (issue 15): cells are claimed before they train, so two concurrent runs
 * split the work and never compute a cell twice; a runner killed with SIGKILL while it holds a claim blocks nobody
 * for longer than its lease, after which another runner takes the cell over and finishes it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellFiles, fixture, plas, plasDetachedWithEnv, plasWithEnv, sleep, tempDir } from './helpers.ts';

interface RunJson {
  cells: { total: number; cached: number; ran: number; completed: number; elsewhere: number; wallMs: number; workerCpuMs: number; peakWorkerRssMiB: number | null };
}

const claimFiles = (store: string): string[] => {
  try {
    return readdirSync(join(store, 'claims')).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
};

describe('two plas run processes on one store', () => {
  it('split the cells between them and compute none twice', async () => {
    const store = tempDir('shared');
    const args = ['run', fixture('slow-cells.plas'), '--store', store, '--workers', '1', '--no-report', '--json'];
    const [a, b] = await Promise.all([plas(args), plas(args)]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const ra = (JSON.parse(a.stdout) as RunJson).cells;
    const rb = (JSON.parse(b.stdout) as RunJson).cells;
    // Every cell was trained by exactly one of the two; each saw the other's cells finish.
    expect(ra.ran + rb.ran).toBe(4);
    expect(ra.ran).toBeGreaterThan(0);
    expect(rb.ran).toBeGreaterThan(0);
    expect(ra.completed + ra.cached).toBe(4);
    expect(rb.completed + rb.cached).toBe(4);
    // each run's one worker reports its CPU time (ms: well above 0, and not above a few times the wall time) and memory
    for (const r of [ra, rb]) {
      expect(r.workerCpuMs).toBeGreaterThan(100);
      expect(r.workerCpuMs).toBeLessThan(4 * r.wallMs);
      expect(r.peakWorkerRssMiB).toBeGreaterThan(30);
    }
    // The cell lines each run printed (on stderr with --json) name disjoint cells.
    const trained = (text: string) => new Set([...text.matchAll(/done\s+(\w+ \w+ seed \d+)/g)].map((m) => m[1]));
    expect(trained(a.stderr).size + trained(b.stderr).size).toBe(4);
    const overlap = [...trained(a.stderr)].filter((cell) => trained(b.stderr).has(cell));
    expect(overlap).toEqual([]);
    expect(claimFiles(store)).toEqual([]);

    // Every record is whole and passes its checks (no interleaved writes): plas status counts 4 done.
    const status = JSON.parse((await plas(['status', fixture('slow-cells.plas'), '--store', store, '--json'])).stdout) as { experiments: { counts: Record<string, number> }[] };
    expect(status.experiments[0]!.counts).toEqual({ done: 4, failed: 0, claimed: 0, stale: 0, corrupt: 0, missing: 0 });
  });
});

describe('a runner killed while it holds a claim', () => {
  it('blocks its cell only until the lease ends; a later runner takes it over and finishes it', async () => {
    const store = tempDir('lease');
    // Long enough that `plas status` starts and reads the claim within it even on a loaded machine (at 5 s a
    // status process slowed by a load average of 9 read it after the lease had ended).
    const lease = 12_000;
    const env = { ...process.env, PLAS_LEASE_MS: String(lease) };
    // One cell (shard 1 of 4), so the second runner has nothing to do but wait for the dead runner's lease.
    const args = ['run', fixture('slow-cells.plas'), '--store', store, '--workers', '1', '--no-report', '--shard', '1/4'];

    // Kill the first runner's whole tree (parent and worker) while it trains the cell.
    const first = plasDetachedWithEnv(args, env);
    const deadline = Date.now() + 120_000;
    while (claimFiles(store).length === 0 && Date.now() < deadline) await sleep(50);
    expect(claimFiles(store)).toHaveLength(1);
    await sleep(500);
    process.kill(-(first.child.pid as number), 'SIGKILL');
    await first.done;
    const [claimName] = claimFiles(store);
    const claimed = claimName!.replace(/\.json$/, '');
    const claim = JSON.parse(readFileSync(join(store, 'claims', claimName!), 'utf8')) as { pid: number; host: string; expires: number };
    expect(claim.pid).toBe(first.child.pid);
    expect(cellFiles(store).has(claimed)).toBe(false); // killed mid-cell: no record

    // While the lease runs, plas status names the holder.
    const status = await plasWithEnv(['status', fixture('slow-cells.plas'), '--store', store, '--json'], env);
    const rows = (JSON.parse(status.stdout) as { experiments: { cells: { hash: string; state: string; claim: { pid: number } | null }[] }[] }).experiments[0]!.cells;
    const row = rows.find((r) => r.hash === claimed)!;
    // Status read the claim before it returned: if that was before the lease's end, the cell must show as claimed.
    expect(row.state).toBe(Date.now() < claim.expires ? 'claimed' : 'stale');
    expect(row.claim?.pid).toBe(claim.pid);

    // The next runner waits for the lease to end, takes the claim over and finishes the cell.
    const second = await plasWithEnv([...args, '--json'], env);
    expect(second.code, second.stderr).toBe(0);
    expect((JSON.parse(second.stdout) as RunJson).cells.ran).toBe(1);
    const record = JSON.parse(cellFiles(store).get(claimed) as string) as { status: string; timing: { startedAt: string } };
    expect(record.status).toBe('complete');
    expect(Date.parse(record.timing.startedAt)).toBeGreaterThanOrEqual(claim.expires - 50);
    expect(claimFiles(store)).toEqual([]);
    expect(readdirSync(join(store, 'claims'))).toEqual([]); // no takeover marker left either

    // After the takeover, plas status sees the cell done; the others of the experiment are simply missing.
    const after = JSON.parse((await plas(['status', fixture('slow-cells.plas'), '--store', store, '--json'])).stdout) as { experiments: { counts: Record<string, number> }[] };
    expect(after.experiments[0]!.counts).toMatchObject({ done: 1, claimed: 0, stale: 0, missing: 3 });
  });
});
