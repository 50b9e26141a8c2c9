/** Problems the report states at its top: few seeds, missing, diverged and failed cells, short or empty windows. */
import type { ExperimentIR } from '@plas/dsl';
import type { ArmStats, CellSummary, Flag } from './types.ts';

export const MIN_SEEDS = 3;

const at = (point: string | null, swept: boolean): string => (swept && point && point !== 'default' ? ` at ${point}` : '');
const whereOf = (swept: boolean) => (c: CellSummary): string => `arm '${c.arm}'${at(c.point, swept)}, seed ${c.seed}`;

/**
 * Which (arm, point, seed) combinations have no record. A missing cell is known only by its hash, so the
 * combinations are inferred: every arm × sweep point × seed of the IR that no record covers.
 */
export function absentCombinations(ir: ExperimentIR, points: readonly string[], cells: readonly CellSummary[], swept: boolean): string[] {
  const present = new Set(cells.filter((c) => c.status !== 'missing').map((c) => `${c.arm}\u0000${c.point}\u0000${c.seed}`));
  const absent: string[] = [];
  for (const point of points)
    for (const arm of ir.arms)
      for (const seed of ir.seeds)
        if (!present.has(`${arm.name}\u0000${point}\u0000${seed}`)) absent.push(`arm '${arm.name}'${at(point, swept)} seed ${seed}`);
  return absent;
}

export function cellFlags(cells: readonly CellSummary[], absent: readonly string[], swept: boolean): Flag[] {
  const flags: Flag[] = [];
  const where = whereOf(swept);
  const missing = cells.filter((c) => c.status === 'missing');
  if (missing.length > 0) {
    const list = missing.map((c) => `${c.hash.slice(0, 12)}${c.error ? ` (${c.error})` : ''}`).join(', ');
    const which = absent.length > 0 ? `; not covered: ${absent.join(', ')}` : '';
    flags.push({ kind: 'missing-cells', message: `${missing.length} of ${cells.length} cells have no record: ${list}${which}` });
  }
  for (const c of cells) {
    if (c.status === 'diverged') {
      const d = c.divergence;
      const at = d ? `at step ${d.step} (${d.phase}, task ${d.task}): ${d.what} = ${d.value}` : '(no details recorded)';
      flags.push({ kind: 'diverged', message: `${where(c)} diverged ${at}` });
    } else if (c.status === 'failed') {
      flags.push({ kind: 'failed', message: `${where(c)} failed: ${c.error ?? 'no error message recorded'}` });
    }
  }
  // One flag per distinct window note (a quick profile typically shortens the window of every cell alike).
  const complete = cells.filter((c) => c.status === 'complete');
  const notes = [...new Set(complete.map((c) => c.windowNote).filter((n): n is string => n !== null))];
  for (const note of notes) {
    const hit = complete.filter((c) => c.windowNote === note);
    const who = hit.length === complete.length ? `every complete cell (${hit.length})` : hit.map(where).join('; ');
    flags.push({ kind: 'window', message: `comparison window: ${note} — ${who}` });
  }
  return flags;
}

export function seedFlags(ir: ExperimentIR, stats: readonly ArmStats[], swept: boolean): Flag[] {
  const flags: Flag[] = [];
  if (ir.seeds.length < MIN_SEEDS) {
    flags.push({
      kind: 'few-seeds',
      message: `only ${ir.seeds.length} seed${ir.seeds.length === 1 ? '' : 's'} (fewer than ${MIN_SEEDS}): intervals are wide or undefined; treat the findings as preliminary`,
    });
  }
  for (const s of stats) {
    if (s.n < MIN_SEEDS && s.n < ir.seeds.length) {
      flags.push({
        kind: 'few-seeds',
        message: `arm '${s.arm}'${at(s.point, swept)} has a comparison value for only ${s.n} of ${ir.seeds.length} seeds`,
      });
    }
  }
  return flags;
}
