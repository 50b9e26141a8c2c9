/**
 * Records the measured series of a cell (record.ts SeriesPoint) at each MeasureSpec's cadence:
 *   every(n, steps)   after every n-th step over the stream (and once at step 0, before training)
 *   every(n, epochs)  after every n-th epoch completed over the stream (and at step 0)
 *   every(n, tasks)   at the end of every n-th task of the stream
 *   phase_end         at the end of every phase / task
 * and always at the end of each phase and of each task (for every(n, tasks): of each phase, and the last task of
 * a repeat), so final values exist for comparisons. No point is recorded twice at one position.
 * Non-finite scalar values are stored as null.
 */
import type { MeasureSpec } from '@plas/dsl';
import type { Diagnostic, RunContext } from '../core/contracts.ts';
import type { SeriesPoint } from '../record.ts';
import { isOnlineMetric, OnlineMean } from './online.ts';

interface Series {
  spec: MeasureSpec;
  diagnostic: Diagnostic | null;
  online: OnlineMean | null;
  points: SeriesPoint[];
}

export class Recorder {
  private readonly all: Series[];

  constructor(measures: MeasureSpec[], resolve: (metric: string) => Diagnostic) {
    this.all = measures.map((spec) => {
      const online = isOnlineMetric(spec.metric);
      return { spec, diagnostic: online ? null : resolve(spec.metric), online: online ? new OnlineMean() : null, points: [] };
    });
  }

  /** The batch just scored before its update. */
  observeBatch(meanLoss: number, correct: number | null, k: number): void {
    for (const s of this.all) s.online?.add(meanLoss, correct, k);
  }

  /**
   * Before the first step: records the step-0 point of step/epoch cadences and measures every other series once
   * without recording, so that a metric that cannot be computed fails before training (not for online metrics:
   * nothing seen yet).
   */
  start(ctx: RunContext, onError: (spec: MeasureSpec, err: unknown) => never): void {
    for (const s of this.all) {
      if (!s.diagnostic) continue;
      const c = s.spec.cadence;
      try {
        if (c.kind === 'every' && c.unit !== 'tasks') this.record(s, ctx);
        else s.diagnostic(ctx, s.spec.params);
      } catch (err) {
        onError(s.spec, err);
      }
    }
  }

  afterStep(ctx: RunContext, totalSteps: number, totalEpochs: number, epochEnded: boolean): void {
    for (const s of this.all) if (dueAfter(s.spec, totalSteps, totalEpochs, epochEnded)) this.record(s, ctx);
  }

  /** Whether afterStep at this point measures anything (a stacked cell must then bring its weights up to date). */
  dueAfterStep(totalSteps: number, totalEpochs: number, epochEnded: boolean): boolean {
    return this.all.some((s) => dueAfter(s.spec, totalSteps, totalEpochs, epochEnded));
  }

  /** `streamTask` counts tasks over the stream from 0; `lastOfItem` is true for a plain phase and a repeat's last task. */
  taskEnd(ctx: RunContext, streamTask: number, lastOfItem: boolean): void {
    for (const s of this.all) {
      const c = s.spec.cadence;
      if (c.kind === 'every' && c.unit === 'tasks' && !lastOfItem && (streamTask + 1) % c.n !== 0) continue;
      this.record(s, ctx);
    }
  }

  /**
   * Right after interventions fired: every series measured every N steps or epochs gets a second point at this
   * step, marked `afterIntervention` (online metrics have seen no batch since; per-task and phase-end series keep
   * their one point per task).
   */
  afterIntervention(ctx: RunContext): void {
    for (const s of this.all) {
      const c = s.spec.cadence;
      if (s.online || c.kind !== 'every' || c.unit === 'tasks') continue;
      this.record(s, ctx, true);
    }
  }

  series(): Record<string, SeriesPoint[]> {
    const out: Record<string, SeriesPoint[]> = {};
    for (const s of this.all) out[s.spec.key] = s.points;
    return out;
  }

  private record(s: Series, ctx: RunContext, afterIntervention = false): void {
    const p = ctx.position;
    const last = s.points[s.points.length - 1];
    if (!afterIntervention && last && last.step === p.step && last.phase === p.phase && last.task === p.task) return;
    const raw = s.online ? s.online.take(s.spec.metric as 'online.loss') : s.diagnostic!(ctx, s.spec.params);
    const value = typeof raw === 'number' && !Number.isFinite(raw) ? null : raw;
    const point: SeriesPoint = { step: p.step, epoch: p.epoch, examples: p.examples, phase: p.phase, task: p.task, value };
    if (afterIntervention) point.afterIntervention = true;
    if (afterIntervention && last && last.afterIntervention && last.step === p.step && last.phase === p.phase && last.task === p.task) {
      s.points[s.points.length - 1] = point; // interventions fired twice at one step (at a task start and every N): one point after both
    } else {
      s.points.push(point);
    }
  }
}

function dueAfter(spec: MeasureSpec, totalSteps: number, totalEpochs: number, epochEnded: boolean): boolean {
  const c = spec.cadence;
  if (c.kind !== 'every') return false;
  return (c.unit === 'steps' && totalSteps % c.n === 0) || (c.unit === 'epochs' && epochEnded && totalEpochs % c.n === 0);
}
