/**
 * Workers kept between runs (`pnpm bench`'s pool): a second experiment takes over the first one's workers instead of
 * starting its own, trains the same values as workers started for it, and a worker that dies while it waits is
 * dropped and replaced. close() makes the waiting workers exit.
 */
import { compileSource } from '@plas/dsl';
import { afterAll, describe, expect, it } from 'vitest';
import { runExperiment, WorkerPool, type RunEvent } from '@plas/engine';
import { cellRecords, processAlive, sleep, tempDir } from './helpers.ts';

const text = (name: string, seeds: number): string => `experiment ${name} {
  data gaussian_mixture(classes: 3, dim: 6, separation: 3, train: 120, test: 60)
  model mlp(hidden: [8])
  optimizer adam(lr: 1e-2)
  batch 16
  seeds ${seeds}
  stream {
    phase a: train on all for 3 epochs
  }
  baseline plain
  arm reset: at a: reset all
  measure every 1 epoch: test.accuracy
}
`;

const pools: WorkerPool[] = [];
afterAll(() => {
  for (const p of pools) p.close();
});

/** A fresh store and a pool for it (closed after the tests). */
function storeWithPool(prefix: string, keep: number): { store: string; pool: WorkerPool } {
  const store = tempDir(prefix);
  const pool = new WorkerPool({ store, backend: 'wasm', keep });
  pools.push(pool);
  return { store, pool };
}

const results = (store: string): Map<string, string> =>
  new Map(cellRecords(store).map((r) => [r.cell.hash, JSON.stringify([r.status, r.divergence, r.series, r.events ?? null])]));

function run(name: string, seeds: number, store: string, pool?: WorkerPool): Promise<{ ready: number; completed: number; cpuMs: number }> {
  const ir = compileSource(text(name, seeds), `${name}.plas`).ir!;
  const events: RunEvent[] = [];
  return runExperiment(ir, { file: `${name}.plas`, store, workers: 2, backend: 'wasm', onEvent: (e) => events.push(e), ...(pool ? { pool } : {}) }).then((r) => ({
    ready: events.filter((e) => e.type === 'worker-ready').length,
    completed: r.completed,
    cpuMs: r.workerCpuMs,
  }));
}

describe('a pool of workers kept between runs', () => {
  it('hands the first run\'s workers to the second, which trains the values of fresh workers', async () => {
    const { store, pool } = storeWithPool('pool', 2);
    const first = await run('first', 3, store, pool);
    expect(first.completed).toBe(6);
    expect(pool.size).toBe(2);
    const pids = pool.pids;
    expect(pids.every(processAlive)).toBe(true);

    const second = await run('second', 2, store, pool);
    expect(second.completed).toBe(4);
    expect(second.ready).toBe(2);
    // The same two processes, back in the pool; the second run counted only its own CPU time.
    expect(pool.pids.sort()).toEqual([...pids].sort());
    expect(second.cpuMs).toBeGreaterThan(0);
    expect(second.cpuMs).toBeLessThan(first.cpuMs + second.cpuMs);

    // The same records as workers started for each run.
    const fresh = tempDir('pool-fresh');
    await run('first', 3, fresh);
    await run('second', 2, fresh);
    expect(results(store)).toEqual(results(fresh));

    pool.close();
    await sleep(2000);
    expect(pids.filter(processAlive)).toEqual([]);
  }, 240_000);

  it('drops a worker that dies while it waits, and the next run starts one in its place', async () => {
    const { store, pool } = storeWithPool('pool-kill', 2);
    await run('first', 2, store, pool);
    const [victim, survivor] = pool.pids;
    process.kill(victim!, 'SIGKILL');
    for (let i = 0; i < 50 && pool.size > 1; i++) await sleep(100);
    expect(pool.pids).toEqual([survivor]);
    const second = await run('second', 2, store, pool);
    expect(second.completed).toBe(4);
    expect(pool.pids).toContain(survivor);
    expect(pool.pids).not.toContain(victim);
    expect(pool.size).toBe(2);
  }, 240_000);

  it('is not used for another store: that run starts its own workers', async () => {
    const { store, pool } = storeWithPool('pool-a', 4);
    await run('first', 2, store, pool);
    const pids = pool.pids;
    const otherStore = tempDir('pool-b');
    const other = await run('second', 2, otherStore, pool);
    expect(other.completed).toBe(4);
    // Each store holds its own run's records (a worker writes to the store it was started for).
    expect(cellRecords(otherStore)).toHaveLength(4);
    expect(cellRecords(store)).toHaveLength(4);
    // It started its own workers and let them exit (another store): the pool, room for four, holds the first run's two.
    expect(pool.pids.sort()).toEqual([...pids].sort());
  }, 240_000);
});
