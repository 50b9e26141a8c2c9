/**
 * The state of every cell of an experiment in a (possibly shared) run store, for `plas status`: done, failed,
 * claimed by a live runner, claimed by a runner whose lease has expired (stale), corrupt, or missing; and how many
 * estimated training steps remain. Read-only: it creates nothing, so it works on a store it may not write.
 */
import { expandCells, type ExperimentIR } from '@plas/dsl/contract';
import type { ExperimentRecord } from '../record.ts';
import { experimentFileNames, readExperimentFile } from './experiment-file.ts';
import { readCellFile } from './run-store.ts';
import { Claims, type Claim } from './claims.ts';
import { cellCosts } from '../runner/shard.ts';

/**
 * - done: a complete or diverged record (what a run keeps);
 * - failed: a record of an error (the next run retries it);
 * - claimed: a runner is training it (its lease runs);
 * - stale: claimed, but the lease expired (the runner died or stalled): the next runner takes it over;
 * - corrupt: a record that fails its checks (the next run recomputes it);
 * - missing: nothing yet.
 */
export type CellState = 'done' | 'failed' | 'claimed' | 'stale' | 'corrupt' | 'missing';
export const CELL_STATES: readonly CellState[] = ['done', 'failed', 'claimed', 'stale', 'corrupt', 'missing'];

export interface CellStatusRow {
  hash: string;
  arm: string;
  point: string;
  seed: number;
  state: CellState;
  /** The plan's estimate of the cell's training steps. */
  steps: number;
  /** The lease, for claimed and stale cells. */
  claim: Claim | null;
  /** Why the record was rejected (corrupt) or the cell's error (failed). */
  reason: string | null;
}

export interface ExperimentStatus {
  name: string;
  hash: string;
  profile: ExperimentIR['profile'];
  cells: CellStatusRow[];
  counts: Record<CellState, number>;
  totalSteps: number;
  /** Estimated steps of every cell that is not done. */
  remainingSteps: number;
}

/** The status of each cell of `ir` in the store at `root`, at time `now`. */
export function experimentStatus(root: string, ir: ExperimentIR, now: number = Date.now()): ExperimentStatus {
  const cells = expandCells(ir);
  const costs = cellCosts(ir, cells);
  const claims = new Claims(root).list();
  const counts = Object.fromEntries(CELL_STATES.map((s) => [s, 0])) as Record<CellState, number>;
  let totalSteps = 0;
  let remainingSteps = 0;
  const rows = cells.map((cell): CellStatusRow => {
    const file = readCellFile(root, cell.hash);
    const claim = claims.get(cell.hash) ?? null;
    const steps = costs.get(cell.hash) ?? 0;
    let state: CellState;
    let reason: string | null = null;
    if (file.state === 'ok' && file.record.status !== 'failed') state = 'done';
    else if (claim) state = claim.expires > now ? 'claimed' : 'stale';
    else if (file.state === 'invalid') state = 'corrupt';
    else if (file.state === 'ok') state = 'failed';
    else state = 'missing';
    if (file.state === 'invalid') reason = file.reason;
    else if (file.state === 'ok' && file.record.status === 'failed') reason = file.record.error;
    counts[state]++;
    totalSteps += steps;
    if (state !== 'done') remainingSteps += steps;
    return { hash: cell.hash, arm: cell.arm, point: cell.pointLabel, seed: cell.seed, state, steps, claim: state === 'claimed' || state === 'stale' ? claim : null, reason };
  });
  return { name: ir.name, hash: ir.hash, profile: ir.profile, cells: rows, counts, totalSteps, remainingSteps };
}

/**
 * The experiment records of a store, sorted by name then hash, without creating anything; records that cannot be
 * read are listed in `problems`. An absent experiments/ folder gives no experiments (a store nothing ran in yet).
 */
export function readExperimentRecords(root: string): { experiments: ExperimentRecord[]; problems: string[] } {
  const experiments: ExperimentRecord[] = [];
  const problems: string[] = [];
  for (const name of experimentFileNames(root)) {
    const file = readExperimentFile(root, name);
    if (file.state === 'ok') experiments.push(file.record);
    else if (file.state === 'invalid') problems.push(`experiments/${name}: ${file.reason}`);
  }
  experiments.sort((a, b) => (a.ir.name < b.ir.name ? -1 : a.ir.name > b.ir.name ? 1 : a.ir.hash < b.ir.hash ? -1 : a.ir.hash > b.ir.hash ? 1 : 0));
  return { experiments, problems };
}
