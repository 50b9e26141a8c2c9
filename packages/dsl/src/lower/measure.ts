/** Lowers `measure`, `compare` and `expect`: metric references become catalog names with resolved parameters and keys. */
import type { CadenceAst, CompareAst, Definition, ExpectAst, MeasureAst, MetricRef, Span } from '../ast.ts';
import { metricCatalog, metricEntry } from '../catalog/metrics.ts';
import { diagnosticAt } from '../diagnostics.ts';
import type { Cadence, CompareSpec, ExpectSpec, MeasureSpec, ParamValue } from '../ir.ts';
import { suggestion } from '../suggest.ts';
import { noteSpan, resolveArgs, type LowerContext } from './args.ts';
import { sourceSpan } from './spans.ts';
import { countOf, unitOf } from './units.ts';

export interface MeasureContext extends LowerContext {
  definitions: ReadonlyMap<string, Definition>;
}

/** The stored series name: `dead_units(probe=2000)`; parameterless metrics are just their name. */
export function metricKey(metric: string, params: Record<string, ParamValue>): string {
  const keys = Object.keys(params).sort();
  if (keys.length === 0) return metric;
  return `${metric}(${keys.map((k) => `${k}=${formatParam(params[k]!)}`).join(',')})`;
}

function formatParam(v: ParamValue): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return JSON.stringify(v);
}

export function lowerCadence(c: CadenceAst, ctx: LowerContext): Cadence | null {
  if (c.kind === 'each_end') {
    if (c.what.name !== 'phase' && c.what.name !== 'task') {
      ctx.diags.push(diagnosticAt(c.what.span, 'unknown-name', `expected \`at each phase end\``, suggestion(c.what.name, ['phase', 'task'])));
      return null;
    }
    return { kind: 'phase_end' };
  }
  const unit = unitOf(c.unit, ['steps', 'epochs', 'tasks'] as const, 'a measure cadence', ctx);
  const n = c.n === null ? 1 : countOf(c.n, 'the measure interval', ctx);
  return unit && n !== null ? { kind: 'every', n, unit } : null;
}

/** One metric reference, resolved; a `metrics NAME = ...` definition expands to its list. */
export function lowerMetricRefs(ref: MetricRef, ctx: MeasureContext): { metric: string; params: Record<string, ParamValue>; key: string; span: Span }[] | null {
  const entry = metricEntry(ref.name.name);
  if (!entry) {
    const def = ctx.definitions.get(`metrics:${ref.name.name}`);
    if (def && def.kind === 'metrics' && ref.args === null) {
      const all = def.metrics.map((m) => lowerMetricRefs(m, ctx));
      return all.every((x) => x !== null) ? all.flat() : null;
    }
    const defs = [...ctx.definitions.values()].filter((d) => d.kind === 'metrics').map((d) => d.name.name);
    ctx.diags.push(diagnosticAt(ref.name.span, 'unknown-name', `unknown metric \`${ref.name.name}\``, suggestion(ref.name.name, [...Object.keys(metricCatalog), ...defs])));
    return null;
  }
  const r = resolveArgs(entry, 'metric', ref.args ?? [], ref.span, ctx);
  if (!r.ok) return null;
  const params = r.values as Record<string, ParamValue>;
  // `grad_norm(on: pretrain.data)` reads as "the data of phase pretrain": the same as `on: pretrain`.
  if (typeof params['on'] === 'string' && params['on'].endsWith('.data')) params['on'] = params['on'].slice(0, -'.data'.length);
  for (const [k, sp] of Object.entries(r.spans)) noteSpan(ctx, params, k, sp);
  return [{ metric: entry.name, params, key: metricKey(entry.name, params), span: ref.span }];
}

export function lowerMeasure(m: MeasureAst, ctx: MeasureContext): MeasureSpec[] | null {
  const cadence = lowerCadence(m.cadence, ctx);
  const out: MeasureSpec[] = [];
  let ok = cadence !== null;
  for (const ref of m.metrics) {
    const lowered = lowerMetricRefs(ref, ctx);
    if (!lowered) {
      ok = false;
      continue;
    }
    for (const l of lowered) {
      if (cadence) out.push({ metric: l.metric, params: l.params, key: l.key, cadence: { ...cadence }, span: sourceSpan(l.span) });
    }
  }
  return ok ? out : null;
}

export function lowerCompare(c: CompareAst, ctx: MeasureContext): CompareSpec | null {
  const lowered = metricEntry(c.metric.name.name) ? lowerMetricRefs(c.metric, ctx) : null;
  if (!lowered) {
    if (!metricEntry(c.metric.name.name)) {
      ctx.diags.push(diagnosticAt(c.metric.name.span, 'unknown-name', `unknown metric \`${c.metric.name.name}\``, suggestion(c.metric.name.name, Object.keys(metricCatalog))));
    }
    return null;
  }
  const count = countOf(c.last.value, 'the compare window', ctx);
  const unit = unitOf(c.last.unit, ['epochs', 'tasks', 'steps', 'evals'] as const, 'a compare window', ctx);
  // the catalog says which way is better; a metric with no good direction defaults to higher
  let better: 'higher' | 'lower' = metricEntry(c.metric.name.name)?.better ?? 'higher';
  if (c.better) {
    if (c.better.name !== 'higher' && c.better.name !== 'lower') {
      ctx.diags.push(diagnosticAt(c.better.span, 'unknown-name', '`better:` must be `higher` or `lower`', suggestion(c.better.name, ['higher', 'lower'])));
      return null;
    }
    better = c.better.name;
  }
  if (count === null || unit === null) return null;
  return { metric: lowered[0]!.key, window: { count, unit, phase: c.of?.name ?? null }, better, span: sourceSpan(c.span) };
}

/**
 * The IR keeps the parsed finding, and its `text` is printed from it, not copied from the source: so formatting
 * (`fresh-warm>0` vs `fresh - warm > 0`) never changes an experiment's hash.
 */
export function lowerExpect(e: ExpectAst): ExpectSpec {
  const [left, right, op, value] = [e.left.name, e.right.name, e.op, e.value.value];
  if (e.leftWindow !== null || e.rightWindow !== null) {
    // Checked by validate (expectArms): only `last(A) - first(A)` compiles.
    const text = `${e.leftWindow?.name ?? ''}(${left}) - ${e.rightWindow?.name ?? ''}(${right}) ${op} ${value}`;
    return { left, right, op, value, trend: true, text, span: sourceSpan(e.span) };
  }
  return { left, right, op, value, text: `${left} - ${right} ${op} ${value}`, span: sourceSpan(e.span) };
}
