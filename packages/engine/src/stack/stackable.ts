/**
 * Which cells of an experiment may train as one stack (cell-stack.ts) and with which others: cells that differ in
 * nothing but their seed (an arm at one sweep point), on an MLP (either loss: test/train/step-gate.test.ts checks
 * both bit for bit), and with no every-step intervention (penalties and per-step interventions work on one cell's
 * gradients and activations, which a stacked step does not hand out).
 */
import { canonicalJson, withoutKeys, type CellSpec } from '@plas/dsl/contract';

/** What differs between the cells of one stack, and so is left out of the key. */
const PER_CELL = new Set(['seed', 'hash', 'span']);

/** Cells with the same key can share a stack; null for a cell that always trains alone. */
export function stackKey(cell: CellSpec): string | null {
  if (cell.model.kind !== 'mlp') return null;
  if (cell.interventions.some((iv) => iv.trigger.kind === 'every_step')) return null;
  return canonicalJson(withoutKeys(cell, PER_CELL));
}
