/**
 * The trigger rules, once: a trigger must name a phase or repeat of the stream (`each task of` a repeat), and an
 * intervention the catalog marks `everyStep` fires only `every step:`. The language reports these on the text
 * (validate/references.ts), the engine on a hand-written spec (train/validate.ts), with these words.
 */
import { interventionEntry } from '../catalog/interventions.ts';
import type { DiagnosticCode } from '../diagnostics.ts';
import type { InterventionSpec, StreamItem, Trigger } from '../ir.ts';

export interface TriggerProblem {
  code: Extract<DiagnosticCode, 'unknown-phase' | 'unit-mismatch' | 'penalty-trigger' | 'out-of-range'>;
  message: string;
}

/** Null when `trigger` fits `stream`. */
export function triggerProblem(trigger: Trigger, stream: readonly Pick<StreamItem, 'name' | 'kind'>[]): TriggerProblem | null {
  if (trigger.kind === 'every') {
    return Number.isInteger(trigger.n) && trigger.n >= 1 ? null : { code: 'out-of-range', message: `the trigger interval must be a positive integer, got ${trigger.n}` };
  }
  if (trigger.kind === 'every_step' || (trigger.kind === 'each_task' && trigger.phase === null)) return null;
  const target = stream.find((s) => s.name === trigger.phase);
  if (!target) return { code: 'unknown-phase', message: `the stream has no phase or repeat \`${trigger.phase}\`` };
  if (trigger.kind === 'each_task' && target.kind !== 'repeat') {
    return { code: 'unit-mismatch', message: `\`${trigger.phase}\` is a phase, not a repeat: use \`at ${trigger.phase}:\`` };
  }
  return null;
}

/** Null when the intervention may fire on its trigger (an `everyStep` one only `every step:`). */
export function everyStepProblem(iv: Pick<InterventionSpec, 'name' | 'trigger'>): TriggerProblem | null {
  const needs = interventionEntry(iv.name)?.everyStep;
  if (needs === undefined || iv.trigger.kind === 'every_step') return null;
  const why = needs === 'penalty' ? 'is a loss penalty' : 'tracks every unit at every step';
  return { code: 'penalty-trigger', message: `\`${iv.name}\` ${why}: it applies \`every step:\`` };
}
