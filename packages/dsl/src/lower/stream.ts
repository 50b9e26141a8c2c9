/** Lowers `stream { phase ...; repeat ... }`: selector pipelines and durations. */
import type { DurationAst, StreamItemAst, Value } from '../ast.ts';
import { selectorCatalog } from '../catalog/selectors.ts';
import { diagnosticAt } from '../diagnostics.ts';
import type { Duration, FixedDuration, Selector, StreamItem } from '../ir.ts';
import { suggestion } from '../suggest.ts';
import { noteSpan, resolveArgs, type LowerContext } from './args.ts';
import { sourceSpan } from './spans.ts';
import { amountOf } from './units.ts';

const durationUnits = ['steps', 'epochs', 'examples'] as const;

/** One selector: `all`, `permute_pixels`, `subset(fraction: 0.5)`, `subset(0.5)`. */
export function lowerSelector(v: Value, ctx: LowerContext): Selector | null {
  if (v.kind !== 'call' && v.kind !== 'name') {
    ctx.diags.push(diagnosticAt(v.span, 'type-mismatch', 'expected a data selector such as `all`, `subset(fraction: 0.5)` or `permute_pixels`'));
    return null;
  }
  const name = v.kind === 'call' ? v.name : { name: v.name, span: v.span };
  const entry = selectorCatalog[name.name];
  if (!entry) {
    ctx.diags.push(diagnosticAt(name.span, 'unknown-name', `unknown data selector \`${name.name}\``, suggestion(name.name, Object.keys(selectorCatalog))));
    return null;
  }
  const perTask = v.kind === 'call' ? v.args.find((a) => a.key === null && a.value.kind === 'name' && a.value.name === 'per_task') : undefined;
  if (perTask && entry.params.length === 0) {
    ctx.diags.push(
      diagnosticAt(perTask.span, 'too-many-args', `selector \`${entry.name}\` takes no arguments: it draws a new transform for every task already`, {
        message: `write \`${entry.name}\``,
        replacement: '',
      }),
    );
    return null;
  }
  const withPipeline: LowerContext = { ...ctx, lowerSelectors: (p) => lowerPipeline(p, ctx) };
  const r = resolveArgs(entry, 'selector', v.kind === 'call' ? v.args : [], v.span, withPipeline);
  if (!r.ok) return null;
  if (entry.name === 'smooth' && r.values['from'] === null) r.values['from'] = [{ kind: 'subset', fraction: 0.5 }];
  const sel = { kind: entry.name, ...r.values } as unknown as Selector;
  noteSpan(ctx, sel, 'self', v.span);
  for (const [k, s] of Object.entries(r.spans)) noteSpan(ctx, sel, k, s);
  return sel;
}

export function lowerPipeline(v: Value, ctx: LowerContext): Selector[] | null {
  const stages = v.kind === 'pipeline' ? v.stages : [v];
  const out = stages.map((s) => lowerSelector(s, ctx));
  return out.every((s): s is Selector => s !== null) ? out : null;
}

export function lowerDuration(d: DurationAst, ctx: LowerContext): Duration | null {
  if (d.kind === 'for') {
    const a = amountOf(d.amount, durationUnits, 'a duration', ctx);
    return a ? { kind: 'fixed', ...a } : null;
  }
  const max = amountOf(d.max, durationUnits, 'the `max` of an until rule', ctx);
  const check: FixedDuration | null = d.checkEvery
    ? (() => {
        const c = amountOf(d.checkEvery, durationUnits, '`check every`', ctx);
        return c ? { kind: 'fixed' as const, ...c } : null;
      })()
    : { kind: 'fixed', amount: 1, unit: 'epochs' };
  if (!max || !check) return null;
  const until: Duration = { kind: 'until', metric: d.metric.name, op: d.op, value: d.value.value, max: { kind: 'fixed', ...max }, checkEvery: check };
  noteSpan(ctx, until, 'metric', d.metric.span);
  noteSpan(ctx, until, 'value', d.value.span);
  return until;
}

export function lowerStreamItem(item: StreamItemAst, ctx: LowerContext): StreamItem | null {
  const data = lowerPipeline({ kind: 'pipeline', stages: item.train.pipeline, span: item.train.span }, ctx);
  const duration = lowerDuration(item.train.duration, ctx);
  if (item.kind === 'phase') {
    if (!data || !duration) return null;
    const phase: StreamItem = { kind: 'phase', name: item.name.name, data, duration, span: sourceSpan(item.span) };
    noteSpan(ctx, phase, 'name', item.name.span);
    return phase;
  }
  const count = amountOf(item.count, ['tasks'] as const, 'a repeat', ctx);
  if (!data || !duration || !count) return null;
  return { kind: 'repeat', name: item.name?.name ?? 'task', count: count.amount, data, duration, span: sourceSpan(item.span) };
}
