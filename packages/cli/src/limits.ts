/**
 * Limits that keep one command from exhausting the machine: the number of cells an experiment may expand to,
 * and the number of worker processes (each holds a tfjs backend and a data set: ~250 MB).
 */
import { availableParallelism, freemem, totalmem } from 'node:os';
import type { PlanSummary } from '@plas/dsl';

/** Cells a run may have without `--max-cells`: far above any published protocol at CPU scale. */
export const DEFAULT_MAX_CELLS = 10_000;

/** What one worker process needs, measured on the suite's largest files (peak RSS ~230 MB), with headroom. */
export const WORKER_MEMORY_BYTES = 300 * 2 ** 20;

/** null when the plan is within `max` cells; else a message naming the product and the ways out. */
export function cellCountProblem(plan: PlanSummary, max: number): string | null {
  if (plan.cells <= max) return null;
  const product = `${plan.arms.length} arm${plan.arms.length === 1 ? '' : 's'} × ${plan.points.length} sweep point${plan.points.length === 1 ? '' : 's'} × ${plan.seeds.length} seed${plan.seeds.length === 1 ? '' : 's'}`;
  const n = plan.sharedArms.length;
  const shared = n === 0 ? '' : `; ${n} arm${n === 1 ? '' : 's'} the sweep leaves unchanged run${n === 1 ? 's' : ''} once per seed`;
  return `${plan.cells.toLocaleString('en-US')} cells (${product}${shared}) exceed the limit of ${max.toLocaleString('en-US')}: reduce seeds or sweep points, or raise the limit with --max-cells ${plan.cells}`;
}

/** Sweep points from which `plas plan` says so and `plas run` asks for `--yes` (the language allows up to 100,000). */
export const LARGE_SWEEP_POINTS = 10_000;

/** null for a sweep under LARGE_SWEEP_POINTS points; else what it means, for plan's note and run's refusal. */
export function largeSweepNote(plan: PlanSummary): string | null {
  if (plan.points.length < LARGE_SWEEP_POINTS) return null;
  return `the sweep has ${plan.points.length.toLocaleString('en-US')} points (${plan.cells.toLocaleString('en-US')} cells, ${plan.totalSteps.toLocaleString('en-US')} training steps)`;
}

export function parseMaxCells(value: string | undefined): number | null {
  if (value === undefined) return DEFAULT_MAX_CELLS;
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : null;
}

/** The workers to start: the request, capped by cores and by memory, with the reason when it was capped. */
export function workerCount(
  requested: number | undefined,
  machine = { cores: availableParallelism(), freeBytes: freemem(), totalBytes: totalmem() },
): { workers: number; note: string | null } {
  const byMemory = Math.max(1, Math.floor(Math.max(machine.freeBytes, machine.totalBytes / 4) / WORKER_MEMORY_BYTES));
  const cap = Math.min(machine.cores, byMemory);
  const wanted = requested ?? machine.cores;
  if (wanted <= cap) return { workers: wanted, note: null };
  const why =
    cap === machine.cores
      ? `this machine has ${machine.cores} core${machine.cores === 1 ? '' : 's'}: more workers would only compete for them`
      : `each worker needs ~${WORKER_MEMORY_BYTES / 2 ** 20} MB and ${(machine.freeBytes / 2 ** 30).toFixed(1)} GiB is free`;
  return { workers: cap, note: requested === undefined ? null : `--workers ${requested} capped to ${cap}: ${why}` };
}
