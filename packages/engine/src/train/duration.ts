/**
 * How long a task trains. A fixed duration counts steps, whole epochs (an epoch ends on the batch that completes a
 * pass over the task's pool) or examples within the task. `until` stops at the first check where `metric op value`
 * holds, and at `max` at the latest; checks happen every `checkEvery` within the task.
 */
import type { Duration, FixedDuration } from '@plas/dsl';

/** Progress within one task. */
export interface TaskCounters {
  steps: number;
  epochs: number;
  examples: number;
}

export function counterFor(unit: FixedDuration['unit'], c: TaskCounters): number {
  return unit === 'steps' ? c.steps : unit === 'epochs' ? c.epochs : c.examples;
}

/** True once the counters have reached a fixed duration. */
export function reached(d: FixedDuration, c: TaskCounters): boolean {
  return counterFor(d.unit, c) >= d.amount;
}

/** True when the step that just ended crossed a multiple of `every` (for periodic `until` checks). */
export function crossed(every: FixedDuration, before: TaskCounters, after: TaskCounters): boolean {
  const a = Math.floor(counterFor(every.unit, before) / every.amount);
  const b = Math.floor(counterFor(every.unit, after) / every.amount);
  return b > a;
}

/** The cap of a duration: itself when fixed, `max` for until. */
export function limitOf(d: Duration): FixedDuration {
  return d.kind === 'fixed' ? d : d.max;
}

/** Planned steps for a duration on a pool of n examples (exact for fixed steps/epochs/examples; the cap for until). */
export function plannedSteps(d: Duration, n: number, batch: number, smooth: boolean): number {
  const limit = limitOf(d);
  switch (limit.unit) {
    case 'steps':
      return limit.amount;
    case 'examples':
      return Math.ceil(limit.amount / batch);
    case 'epochs':
      // epoch samplers keep the last, partial batch; the smooth sampler always draws full batches
      return smooth ? Math.ceil((limit.amount * n) / batch) : limit.amount * Math.ceil(n / batch);
  }
}

export function checkDuration(d: Duration): string | null {
  const fixed = (f: FixedDuration, what: string): string | null =>
    Number.isFinite(f.amount) && f.amount > 0 ? null : `${what} must be positive, got ${f.amount} ${f.unit}`;
  if (d.kind === 'fixed') return fixed(d, 'duration');
  return fixed(d.max, 'until: max') ?? fixed(d.checkEvery, 'until: check every');
}
