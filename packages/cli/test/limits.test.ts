import { describe, expect, it } from 'vitest';
import type { PlanSummary } from '@plas/dsl';
import { cellCountProblem, DEFAULT_MAX_CELLS, parseMaxCells, workerCount, WORKER_MEMORY_BYTES } from '../src/limits.ts';

const plan = (arms: number, points: number, seeds: number): PlanSummary =>
  ({
    arms: Array.from({ length: arms }, (_, i) => ({ name: `a${i}`, role: 'arm', interventions: [] })),
    points: Array.from({ length: points }, (_, i) => `p${i}`),
    seeds: Array.from({ length: seeds }, (_, i) => i),
    cells: arms * points * seeds,
    combinations: arms * points * seeds,
    sharedArms: [],
  }) as unknown as PlanSummary;

describe('the cell cap', () => {
  it('passes an experiment at the cap and refuses one above it, naming the product and the flag', () => {
    expect(cellCountProblem(plan(2, 1, 5000), DEFAULT_MAX_CELLS)).toBeNull();
    expect(cellCountProblem(plan(3, 10000, 10000), DEFAULT_MAX_CELLS)).toBe(
      '300,000,000 cells (3 arms × 10000 sweep points × 10000 seeds) exceed the limit of 10,000: reduce seeds or sweep points, or raise the limit with --max-cells 300000000',
    );
  });

  it('parses --max-cells', () => {
    expect(parseMaxCells(undefined)).toBe(DEFAULT_MAX_CELLS);
    expect(parseMaxCells('50000')).toBe(50000);
    expect(parseMaxCells('0')).toBeNull();
    expect(parseMaxCells('lots')).toBeNull();
  });
});

describe('the worker count', () => {
  const machine = { cores: 2, freeBytes: 20 * 2 ** 30, totalBytes: 24 * 2 ** 30 };

  it('defaults to the cores, silently', () => {
    expect(workerCount(undefined, machine)).toEqual({ workers: 2, note: null });
    expect(workerCount(1, machine)).toEqual({ workers: 1, note: null });
  });

  it('caps a request above the cores, and says why', () => {
    expect(workerCount(64, machine)).toEqual({
      workers: 2,
      note: '--workers 64 capped to 2: this machine has 2 cores: more workers would only compete for them',
    });
  });

  it('caps by memory when memory is the tighter limit', () => {
    const small = { cores: 16, freeBytes: 3 * WORKER_MEMORY_BYTES, totalBytes: 8 * WORKER_MEMORY_BYTES };
    const { workers, note } = workerCount(16, small);
    expect(workers).toBe(3);
    expect(note).toMatch(/^--workers 16 capped to 3: each worker needs ~300 MB and .* GiB is free$/);
  });
});
