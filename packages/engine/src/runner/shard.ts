/**
 * Sharding: split an experiment's cells into N parts of about equal cost, so N machines (a Slurm job array, a
 * Kubernetes Indexed Job) each run one part with `plas run --shard K/N`.
 *
 * Cost is the plan's estimate of training steps per cell (@plas/dsl planSummary: per sweep point), not the cell
 * count, so a sweep over 1 and 10 epochs does not put all the long cells in one shard. The partition is the
 * classic longest-processing-time greedy (Graham 1969): cells by decreasing cost, ties by hash, each to the
 * least-loaded shard, ties to the lowest index. It depends only on the cells, so every array task computes the
 * same partition, and every cell lands in exactly one shard.
 */
import { planSummary, type CellSpec, type ExperimentIR } from '@plas/dsl/contract';

/** Shard `index` (1-based, 1..count) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

export class ShardError extends Error {
  override name = 'ShardError';
}

/** Parse `K/N` (1 ≤ K ≤ N); throws ShardError with a message that says what is wrong and what is expected. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match) throw new ShardError(`--shard takes K/N with whole numbers 1 ≤ K ≤ N (e.g. 2/4), got '${text}'`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1) throw new ShardError(`--shard ${text}: the number of shards N must be at least 1`);
  if (index < 1 || index > count) throw new ShardError(`--shard ${text}: K must be between 1 and ${count} (shards are numbered from 1)`);
  return { index, count };
}

/** Estimated training steps of each cell, by hash. */
export function cellCosts(ir: ExperimentIR, cells: CellSpec[]): Map<string, number> {
  const perPoint = planSummary(ir).stepsPerCell;
  // A cell shared by every point (label 'default' in a sweep) costs what any point's does: only arm-scoped axes,
  // which change no step count, leave an arm shared.
  const any = Object.values(perPoint)[0] ?? 1;
  return new Map(cells.map((cell) => [cell.hash, Math.max(1, perPoint[cell.pointLabel] ?? any)]));
}

/** The shard number (1-based) of every cell, by hash. */
export function partitionCells(cells: CellSpec[], costs: Map<string, number>, count: number): Map<string, number> {
  const order = [...cells].sort((a, b) => (costs.get(b.hash) ?? 1) - (costs.get(a.hash) ?? 1) || (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
  const load = new Array<number>(count).fill(0);
  const shardOf = new Map<string, number>();
  for (const cell of order) {
    let best = 0;
    for (let s = 1; s < count; s++) if (load[s]! < load[best]!) best = s;
    load[best]! += costs.get(cell.hash) ?? 1;
    shardOf.set(cell.hash, best + 1);
  }
  return shardOf;
}

/** The cells of one shard, in their original (expansion) order. */
export function shardCells(ir: ExperimentIR, cells: CellSpec[], shard: Shard): CellSpec[] {
  const shardOf = partitionCells(cells, cellCosts(ir, cells), shard.count);
  return cells.filter((cell) => shardOf.get(cell.hash) === shard.index);
}
