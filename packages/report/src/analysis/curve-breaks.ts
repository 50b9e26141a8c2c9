/**
 * Where a seed's curve must not be joined to its previous measurement, so that a line never suggests a gradual
 * change across something abrupt:
 *   - a new phase or task begins (the data changed, and `at` / `each_task` interventions fire there);
 *   - the measurement has the same step as the one before it: a measurement taken right after an intervention
 *     (the engine records it at the step the intervention fired), drawn as a second point at the same x;
 *   - an `every N steps|epochs` intervention of the cell fired between the two measurements (inferred from the
 *     cell's triggers: it fires after the measurements due at its step, so a point at the firing step is before it).
 * Epochs are counted over the stream as the engine does: the completed epochs of earlier tasks (their last
 * measurement's `epoch`) plus the current task's.
 */
import type { CellRecord, SeriesPoint } from '@plas/engine';

type EveryTrigger = { n: number; unit: 'steps' | 'epochs' };

function everyTriggers(record: CellRecord): EveryTrigger[] {
  const out: EveryTrigger[] = [];
  for (const iv of record.cell.interventions) if (iv.trigger.kind === 'every') out.push({ n: iv.trigger.n, unit: iv.trigger.unit });
  return out;
}

/** Is there a positive multiple of n in [from, to), or in (from, to) when the point at `from` already shows it? */
function multipleBetween(n: number, from: number, to: number, fromIsAfter: boolean): boolean {
  const first = Math.max(n, fromIsAfter ? Math.floor(from / n) * n + n : Math.ceil(from / n) * n);
  return first < to;
}

/** Stream epoch count at each point. */
function streamEpochs(points: readonly SeriesPoint[]): number[] {
  let offset = 0;
  let prev: SeriesPoint | undefined;
  return points.map((p) => {
    if (prev !== undefined && (p.phase !== prev.phase || p.task !== prev.task)) offset += prev.epoch;
    prev = p;
    return offset + p.epoch;
  });
}

/**
 * breakBefore[i]: point i starts a new stretch of line. `acrossTasks` false keeps per-task series (one point per
 * task, x = task) joined: there every point is in its own task.
 */
export function breaksOf(record: CellRecord, points: readonly SeriesPoint[], acrossTasks: boolean): boolean[] {
  const triggers = everyTriggers(record);
  const epochs = triggers.some((t) => t.unit === 'epochs') ? streamEpochs(points) : [];
  let afterIntervention = false;
  return points.map((q, i) => {
    const p = points[i - 1];
    if (p === undefined) return false;
    const newTask = q.phase !== p.phase || q.task !== p.task;
    const sameStep = q.step === p.step;
    const pWasAfter = afterIntervention;
    afterIntervention = sameStep;
    if (!acrossTasks) return sameStep;
    if (newTask || sameStep) return true;
    return triggers.some((t) =>
      t.unit === 'steps'
        ? multipleBetween(t.n, p.step, q.step, pWasAfter)
        : multipleBetween(t.n, epochs[i - 1] as number, epochs[i] as number, pWasAfter),
    );
  });
}
