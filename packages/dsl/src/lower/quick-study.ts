/**
 * The quick profile's `compare` and `sweep`: a quick run is short, so its compare window (and often its sweep)
 * must be shorter too. `compare ...` in quick replaces the experiment's compare; `sweep grid(key: [...])` replaces
 * the lists of the named axes (same mode, axes of the experiment's sweep only; a zip keeps equal lengths).
 */
import type { CompareAst, SweepAst } from '../ast.ts';
import { diagnosticAt } from '../diagnostics.ts';
import type { CompareSpec, JsonValue, MeasureSpec, OptimizerSpec, StreamItem, SweepSpec } from '../ir.ts';
import { suggestion } from '../suggest.ts';
import { lowerCompare, type MeasureContext } from './measure.ts';
import { lowerSweep, type SweepArms } from './sweep.ts';

/** What the quick compare and sweep are checked against: the experiment as lowered. */
export interface QuickStudyContext {
  measure: MeasureContext;
  measured: readonly MeasureSpec[];
  stream: readonly StreamItem[];
  compare: CompareSpec | null;
  sweep: SweepSpec | null;
  optimizer: OptimizerSpec | null;
  arms: SweepArms;
  /** Whether the experiment writes a compare / sweep (one that failed to lower gives no second diagnostic here). */
  stated: { compare: boolean; sweep: boolean };
}

export function lowerQuickCompare(c: CompareAst, q: QuickStudyContext): CompareSpec | null {
  const ctx = q.measure;
  if (q.compare === null) {
    if (q.stated.compare) return null;
    ctx.diags.push(diagnosticAt(c.span, 'quick-mismatch', 'quick overrides `compare`, but the experiment has none: state it outside `quick` first'));
    return null;
  }
  const spec = lowerCompare(c, ctx);
  if (spec === null) return null;
  if (!q.measured.some((m) => m.key === spec.metric)) {
    ctx.diags.push(diagnosticAt(c.metric.span, 'not-measured', `\`compare\` uses \`${spec.metric}\`, which no \`measure\` line records`, suggestion(spec.metric, q.measured.map((m) => m.key))));
    return null;
  }
  const phase = spec.window.phase;
  if (phase !== null && !q.stream.some((s) => s.name === phase)) {
    ctx.diags.push(diagnosticAt(c.of?.span ?? c.span, 'unknown-phase', `the stream has no phase or repeat \`${phase}\``, suggestion(phase, q.stream.map((s) => s.name))));
    return null;
  }
  if (spec.window.unit === 'tasks' && !q.stream.some((s) => s.kind === 'repeat')) {
    ctx.diags.push(diagnosticAt(c.span, 'unit-mismatch', 'a window in tasks needs a `repeat N tasks` in the stream'));
    return null;
  }
  return spec;
}

/** The replaced lists by axis key, or null (with diagnostics). */
export function lowerQuickSweep(s: SweepAst, q: QuickStudyContext): Record<string, JsonValue[]> | null {
  const ctx = q.measure;
  const main = q.sweep;
  if (main === null) {
    if (q.stated.sweep) return null;
    ctx.diags.push(diagnosticAt(s.span, 'quick-mismatch', 'quick overrides `sweep`, but the experiment has none: state it outside `quick` first'));
    return null;
  }
  if (s.mode.name !== main.kind) {
    ctx.diags.push(diagnosticAt(s.mode.span, 'quick-mismatch', `the experiment's sweep is \`${main.kind}\`: write \`sweep ${main.kind}(...)\` in quick`));
    return null;
  }
  const keys = main.axes.map((a) => a.key);
  let ok = true;
  for (const arg of s.args) {
    if (arg.key && !keys.includes(arg.key.name)) {
      ctx.diags.push(diagnosticAt(arg.key.span, 'quick-mismatch', `quick overrides sweep axis \`${arg.key.name}\`, which the experiment's sweep does not have (axes: ${keys.join(', ')})`, suggestion(arg.key.name, keys)));
      ok = false;
    }
  }
  if (!ok) return null;
  const lowered = lowerSweep(s, q.optimizer, ctx, q.arms);
  if (lowered === null) return null;
  const lists: Record<string, JsonValue[]> = {};
  for (const a of lowered.axes) lists[a.key] = a.values;
  if (main.kind === 'zip') {
    const lengths = main.axes.map((a) => `${a.key}: ${(lists[a.key] ?? a.values).length}`);
    if (new Set(main.axes.map((a) => (lists[a.key] ?? a.values).length)).size > 1) {
      ctx.diags.push(diagnosticAt(s.span, 'sweep-mismatch', `zip needs lists of equal length; in quick got ${lengths.join(', ')}`));
      return null;
    }
  }
  return lists;
}
