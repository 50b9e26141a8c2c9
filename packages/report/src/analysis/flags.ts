/** Problems the report states at its top: few seeds, missing, diverged and failed cells, short or empty windows. */
import type { ExperimentIR } from '@plas/dsl';
import type { ArmStats, CellSummary, Flag } from './types.ts';

export const MIN_SEEDS = 3;

const where = (c: CellSummary): string => `arm '${c.arm}'${c.point ? ` at ${c.point}` : ''}, seed ${c.seed}`;

/**
 * Which (arm, point, seed) combinations have no record. A missing cell is known only by its hash, so the
 * combinations are inferred: every arm × sweep point × seed of the IR that no record covers.
 */
export function absentCombinations(ir: ExperimentIR, points: readonly string[], cells: readonly CellSummary[]): string[] {
  const present = new Set(cells.filter((c) => c.status !== 'missing').map((c) => `${c.arm}\u0000${c.point}\u0000${c.seed}`));
  const absent: string[] = [];
  for (const point of points)
    for (const arm of ir.arms)
      for (const seed of ir.seeds)
        if (!present.has(`${arm.name}\u0000${point}\u0000${seed}`)) absent.push(`arm '${arm.name}'${point ? ` at ${point}` : ''} seed ${seed}`);
  return absent;
}

export function cellFlags(cells: readonly CellSummary[], absent: readonly string[] = []): Flag[] {
  const flags: Flag[] = [];
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
    } else if (c.status === 'complete' && c.windowNote !== null) {
      flags.push({ kind: 'window', message: `${where(c)}: ${c.windowNote}` });
    }
  }
  return flags;
}

export function seedFlags(ir: ExperimentIR, stats: readonly ArmStats[]): Flag[] {
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
        message: `arm '${s.arm}'${s.point ? ` at ${s.point}` : ''} has a comparison value for only ${s.n} of ${ir.seeds.length} seeds`,
      });
    }
  }
  return flags;
}
