/** Unit words: singular or plural as written, canonical plural in the IR. */
import type { Amount, Ident, NumberValue } from '../ast.ts';
import { diagnosticAt } from '../diagnostics.ts';
import { suggestion } from '../suggest.ts';
import type { LowerContext } from './args.ts';

export type Unit = 'steps' | 'epochs' | 'examples' | 'tasks' | 'evals';

const words: Record<string, Unit> = {
  step: 'steps', steps: 'steps',
  epoch: 'epochs', epochs: 'epochs',
  example: 'examples', examples: 'examples',
  task: 'tasks', tasks: 'tasks',
  eval: 'evals', evals: 'evals',
};

/** The canonical unit of a word if it is one of `allowed`, else a diagnostic naming the allowed units. */
export function unitOf<U extends Unit>(word: Ident, allowed: readonly U[], where: string, ctx: LowerContext): U | null {
  const u = words[word.name];
  if (u !== undefined && (allowed as readonly Unit[]).includes(u)) return u as U;
  const code = u === undefined ? 'unknown-unit' : 'unit-mismatch';
  const msg = u === undefined ? `\`${word.name}\` is not a unit` : `${where} cannot be counted in ${u}`;
  ctx.diags.push(diagnosticAt(word.span, code, `${msg}; allowed here: ${allowed.join(', ')}`, u === undefined ? suggestion(word.name, allowed) : undefined));
  return null;
}

/** A positive integer count (`3 epochs`, `100 tasks`). */
export function countOf(n: NumberValue, where: string, ctx: LowerContext): number | null {
  if (!Number.isInteger(n.value) || n.value < 1) {
    ctx.diags.push(diagnosticAt(n.span, 'out-of-range', `${where} must be an integer ≥ 1, got ${n.text}`));
    return null;
  }
  return n.value;
}

export function amountOf<U extends Unit>(a: Amount, allowed: readonly U[], where: string, ctx: LowerContext): { amount: number; unit: U } | null {
  const amount = countOf(a.value, where, ctx);
  const unit = unitOf(a.unit, allowed, where, ctx);
  return amount === null || unit === null ? null : { amount, unit };
}
