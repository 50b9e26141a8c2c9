/**
 * When an intervention's trigger fires (see Trigger in @plas/dsl's ir.ts):
 *   at(phase)        once, before the first step of the named phase (the first task of a repeat)
 *   each_task(phase) before the first step of every task of the named repeat except its first; with no phase, of
 *                    every task/phase of the stream except the stream's first
 *   every(n, steps)  after every n-th training step, counted over the whole stream
 *   every(n, epochs) after every n-th completed epoch, counted over the whole stream
 *   at_point(n, u)   once, where every(n, u) fires first: after the n-th step / completed epoch of the stream; n = 0
 *                    before the stream's first step (with the `at` of its first phase). A stream that ends sooner
 *                    never fires it (the language checks N against the stream when its durations give the length)
 *   every_step       every step: penalties add their gradient before the update, others act after it
 */
import type { Trigger } from '@plas/dsl';

export interface TaskStart {
  phase: string;
  task: number;
  /** Index of this task among all tasks of the stream (0 = the stream's first). */
  streamTask: number;
}

export function firesAtTaskStart(trigger: Trigger, at: TaskStart): boolean {
  switch (trigger.kind) {
    case 'at':
      return trigger.phase === at.phase && at.task === 0;
    case 'each_task':
      return trigger.phase === null ? at.streamTask > 0 : trigger.phase === at.phase && at.task > 0;
    case 'at_point':
      return trigger.n === 0 && at.streamTask === 0;
    default:
      return false;
  }
}

/** After a step: `steps` and `epochs` are the totals over the stream; `epochEnded` says whether this step ended one. */
export function firesAfterStep(trigger: Trigger, steps: number, epochs: number, epochEnded: boolean): boolean {
  if (trigger.kind === 'at_point') {
    if (trigger.unit === 'steps') return steps === trigger.n;
    return epochEnded && epochs === trigger.n;
  }
  if (trigger.kind !== 'every') return false;
  if (trigger.unit === 'steps') return steps % trigger.n === 0;
  return epochEnded && epochs % trigger.n === 0;
}
