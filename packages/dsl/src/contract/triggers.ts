/**
 * The trigger rules, once: a trigger must name a phase or repeat of the stream (`each task of` a repeat), the N of
 * `every N` is a positive integer and that of `at epoch|step N` a non-negative one, and an intervention the catalog
 * marks `everyStep` fires only `every step:`. The language reports these on the text (validate/references.ts), the
 * engine on a hand-written spec (train/validate.ts), with these words. Whether `at epoch|step N` falls within the
 * stream (`pointProblem`) is the language's check only: a quick profile may shorten the stream past it.
 */
import { interventionEntry } from '../catalog/interventions.ts';
import type { DiagnosticCode } from '../diagnostics.ts';
import type { InterventionSpec, StreamItem, Trigger } from '../ir.ts';

export interface TriggerProblem {
  code: Extract<DiagnosticCode, 'unknown-phase' | 'unit-mismatch' | 'penalty-trigger' | 'out-of-range'>;
  message: string;
}

type PointTrigger = Extract<Trigger, { kind: 'at_point' }>;

/** `at epoch 20`: the trigger as written, for messages. */
export function pointText(t: Pick<PointTrigger, 'n' | 'unit'>): string {
  return `at ${t.unit === 'steps' ? 'step' : 'epoch'} ${t.n}`;
}

/** Null when `trigger` fits `stream`. */
export function triggerProblem(trigger: Trigger, stream: readonly Pick<StreamItem, 'name' | 'kind'>[]): TriggerProblem | null {
  if (trigger.kind === 'every') {
    return Number.isInteger(trigger.n) && trigger.n >= 1 ? null : { code: 'out-of-range', message: `the trigger interval must be a positive integer, got ${trigger.n}` };
  }
  if (trigger.kind === 'at_point') {
    if (Number.isInteger(trigger.n) && trigger.n >= 0) return null;
    return { code: 'out-of-range', message: `the N of \`at ${trigger.unit === 'steps' ? 'step' : 'epoch'} N\` must be an integer ≥ 0, got ${trigger.n}` };
  }
  if (trigger.kind === 'every_step' || (trigger.kind === 'each_task' && trigger.phase === null)) return null;
  const target = stream.find((s) => s.name === trigger.phase);
  if (!target) return { code: 'unknown-phase', message: `the stream has no phase or repeat \`${trigger.phase}\`` };
  if (trigger.kind === 'each_task' && target.kind !== 'repeat') {
    return { code: 'unit-mismatch', message: `\`${trigger.phase}\` is a phase, not a repeat: use \`at ${trigger.phase}:\`` };
  }
  return null;
}

/**
 * The stream's length in steps or epochs when its durations alone give it: every phase and repeat trains a fixed
 * number of that unit (a repeat counts its tasks). Null otherwise: an `until` phase stops when its metric says, and
 * epochs of a duration in steps (or steps of one in epochs) depend on the data's size and the batch.
 */
export function streamLength(stream: readonly StreamItem[], unit: 'steps' | 'epochs'): number | null {
  let total = 0;
  for (const item of stream) {
    const d = item.duration;
    if (d.kind !== 'fixed' || d.unit !== unit) return null;
    total += d.amount * (item.kind === 'repeat' ? item.count : 1);
  }
  return total;
}

/** Null unless `trigger` is an `at epoch|step N` past the end of a stream whose length is known. */
export function pointProblem(trigger: Trigger, stream: readonly StreamItem[]): TriggerProblem | null {
  if (trigger.kind !== 'at_point') return null;
  const length = streamLength(stream, trigger.unit);
  if (length === null || trigger.n <= length) return null;
  return { code: 'out-of-range', message: `\`${pointText(trigger)}\` is past the end of the stream, which trains ${length} ${trigger.unit}: N must be in [0, ${length}]` };
}

/** Null when the intervention may fire on its trigger (an `everyStep` one only `every step:`). */
export function everyStepProblem(iv: Pick<InterventionSpec, 'name' | 'trigger'>): TriggerProblem | null {
  const needs = interventionEntry(iv.name)?.everyStep;
  if (needs === undefined || iv.trigger.kind === 'every_step') return null;
  const why = needs === 'penalty' ? 'is a loss penalty' : 'tracks every unit at every step';
  return { code: 'penalty-trigger', message: `\`${iv.name}\` ${why}: it applies \`every step:\`` };
}
