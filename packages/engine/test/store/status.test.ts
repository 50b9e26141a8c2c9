/** experimentStatus: each cell's state from its record and its claim, and the estimated steps that remain. */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileSource, expandCells, planSummary, type CellSpec } from '@plas/dsl';
import { Claims, experimentStatus, readExperimentRecords, RunStore, type CellRecord } from '../../src/store/index.ts';

const SOURCE = `experiment six {
  data gaussian_mixture(train: 40, test: 20)
  model mlp(hidden: [4])
  optimizer adam(lr: 1e-3)
  batch 10
  seeds 6
  stream { phase p: train on all for 2 epochs }
  baseline fresh
  measure every 1 epoch: test.accuracy
}`;

const { ir } = compileSource(SOURCE, 'six.plas');
if (ir === null) throw new Error('fixture does not compile');
const cells = expandCells(ir);

function record(cell: CellSpec, status: CellRecord['status']): CellRecord {
  return {
    schema: 'plas.cell/1',
    status,
    cell,
    backend: 'cpu',
    versions: { node: '20' },
    timing: { startedAt: '2026-12-03T00:00:00.000Z', finishedAt: '2026-12-03T00:00:01.000Z', wallMs: 1000, steps: 8, stepsPerSecond: 8 },
    divergence: null,
    error: status === 'failed' ? 'out of memory' : null,
    series: { 'test.accuracy': [{ step: 8, epoch: 2, examples: 80, phase: 'p', task: 0, value: 0.5 }] },
  };
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('experimentStatus', () => {
  it('tells done, failed, claimed, stale, corrupt and missing apart, and counts the steps left', () => {
    const root = mkdtempSync(join(tmpdir(), 'plas-status-'));
    dirs.push(root);
    const store = new RunStore(root);
    const [done, failed, claimed, stale, corrupt] = cells;
    store.writeCell(record(done!, 'complete'));
    store.writeCell(record(failed!, 'failed'));
    writeFileSync(store.cellPath(corrupt!.hash), '{"schema": "plas.cell/1", "status": "comp');
    const now = 1_000_000;
    expect(new Claims(root, 60_000).tryClaim(claimed!.hash, now - 1_000)).toBe(true);
    expect(new Claims(root, 60_000).tryClaim(stale!.hash, now - 120_000)).toBe(true);

    const status = experimentStatus(root, ir, now);
    expect(status.counts).toEqual({ done: 1, failed: 1, claimed: 1, stale: 1, corrupt: 1, missing: 1 });
    const state = new Map(status.cells.map((c) => [c.hash, c]));
    expect(state.get(claimed!.hash)?.claim?.pid).toBe(process.pid);
    expect(state.get(stale!.hash)?.state).toBe('stale');
    expect(state.get(corrupt!.hash)?.reason).toContain('not valid JSON');
    expect(state.get(failed!.hash)?.reason).toBe('out of memory');
    const perCell = planSummary(ir).stepsPerCell['default']!;
    expect(perCell).toBe(8);
    expect(status.totalSteps).toBe(6 * perCell);
    expect(status.remainingSteps).toBe(5 * perCell);
  });

  it('creates nothing in the store it reads', () => {
    const root = join(mkdtempSync(join(tmpdir(), 'plas-status-')), 'store');
    dirs.push(root);
    const status = experimentStatus(root, ir);
    expect(status.counts.missing).toBe(6);
    expect(existsSync(root)).toBe(false);
    expect(readExperimentRecords(root)).toEqual({ experiments: [], problems: [] });
    mkdirSync(join(root, 'experiments'), { recursive: true });
    writeFileSync(join(root, 'experiments', 'x.json'), '{');
    expect(readExperimentRecords(root).problems).toEqual(['experiments/x.json: not valid JSON (truncated or edited)']);
    expect(readdirSync(root)).toEqual(['experiments']);
  });
});
