/**
 * The `quick { ... }` profile: overrides that turn the experiment into a smoke run (fewer seeds, less data, shorter
 * phases, fewer tasks). Lowered and checked on every compile; applied only with `{ quick: true }`.
 */
import type { QuickAst, Span } from '../ast.ts';
import { diagnosticAt } from '../diagnostics.ts';
import type { CompareSpec, ExperimentIR, FixedDuration, JsonValue, StreamItem } from '../ir.ts';
import { positiveInt } from '../catalog/schema.ts';
import { resolveParams, type LowerContext } from './args.ts';
import { lowerBatch, lowerSeeds } from './setup.ts';
import { lowerQuickCompare, lowerQuickSweep, type QuickStudyContext } from './quick-study.ts';
import { amountOf } from './units.ts';

export interface QuickOverrides {
  seeds?: number[];
  batch?: number;
  data?: { train?: number; test?: number };
  phases: { name: string; mode: 'for' | 'max'; duration: FixedDuration }[];
  repeats: { name: string; count: number; duration: FixedDuration | null }[];
  /** Replaces the experiment's compare. */
  compare?: CompareSpec;
  /** Replaced sweep lists, by axis key. */
  sweep?: Record<string, JsonValue[]>;
}

const units = ['steps', 'epochs', 'examples'] as const;

export function lowerQuick(q: QuickAst, stream: StreamItem[], ctx: LowerContext, study: QuickStudyContext): QuickOverrides | null {
  const out: QuickOverrides = { phases: [], repeats: [] };
  const before = ctx.diags.length;
  const seen = new Set<string>();
  const once = (key: string, span: Span): boolean => {
    if (seen.has(key)) {
      ctx.diags.push(diagnosticAt(span, 'duplicate-statement', `\`${key}\` appears twice in \`quick\``));
      return false;
    }
    seen.add(key);
    return true;
  };
  for (const item of q.items) {
    switch (item.kind) {
      case 'seeds': {
        const s = lowerSeeds(item.value, ctx);
        if (s && once('seeds', item.span)) out.seeds = s;
        break;
      }
      case 'batch': {
        const b = lowerBatch(item.value, ctx);
        if (b !== null && once('batch', item.span)) out.batch = b;
        break;
      }
      case 'data': {
        const sizes = [
          { name: 'train', type: positiveInt, default: null, doc: 'training examples' },
          { name: 'test', type: positiveInt, default: null, doc: 'test examples' },
        ];
        const r = resolveParams(sizes, 'quick `data`', item.args, item.span, ctx);
        if (r.ok && once('data', item.span)) {
          out.data = {};
          if (typeof r.values['train'] === 'number') out.data.train = r.values['train'];
          if (typeof r.values['test'] === 'number') out.data.test = r.values['test'];
        }
        break;
      }
      case 'phase': {
        const target = stream.find((s) => s.name === item.name.name);
        if (!target || target.kind !== 'phase') {
          const names = stream.filter((s) => s.kind === 'phase').map((s) => s.name);
          ctx.diags.push(diagnosticAt(item.name.span, 'quick-mismatch', `quick overrides phase \`${item.name.name}\`, which the stream does not have${names.length ? ` (phases: ${names.join(', ')})` : ''}`));
          break;
        }
        if (item.mode === 'max' && target.duration.kind !== 'until') {
          ctx.diags.push(diagnosticAt(item.span, 'quick-mismatch', `phase \`${target.name}\` has a fixed duration: write \`phase ${target.name}: for N epochs\``));
          break;
        }
        const a = amountOf(item.duration, units, 'a quick duration', ctx);
        if (a && once(`phase ${target.name}`, item.span)) out.phases.push({ name: target.name, mode: item.mode, duration: { kind: 'fixed', ...a } });
        break;
      }
      case 'repeat': {
        const repeats = stream.filter((s) => s.kind === 'repeat');
        const target = item.name ? repeats.find((r) => r.name === item.name!.name) : repeats.length === 1 ? repeats[0] : undefined;
        if (!target) {
          ctx.diags.push(
            diagnosticAt(
              item.name?.span ?? item.span,
              'quick-mismatch',
              item.name ? `quick overrides repeat \`${item.name.name}\`, which the stream does not have` : repeats.length === 0 ? 'quick overrides a repeat, but the stream has none' : 'the stream has several repeats: write `repeat N tasks as NAME`',
            ),
          );
          break;
        }
        const count = amountOf(item.count, ['tasks'] as const, 'a quick repeat', ctx);
        const dur = item.duration ? amountOf(item.duration, units, 'a quick duration', ctx) : null;
        if (count && (!item.duration || dur) && once(`repeat ${target.name}`, item.span)) {
          out.repeats.push({ name: target.name, count: count.amount, duration: dur ? { kind: 'fixed', ...dur } : null });
        }
        break;
      }
      case 'compare': {
        const c = lowerQuickCompare(item, study);
        if (c && once('compare', item.span)) out.compare = c;
        break;
      }
      case 'sweep': {
        const lists = lowerQuickSweep(item, study);
        if (lists && once('sweep', item.span)) out.sweep = lists;
        break;
      }
    }
  }
  return ctx.diags.length > before ? null : out;
}

/** Applies the overrides to a lowered IR (a copy), and marks it `profile: 'quick'`. */
export function applyQuick(ir: ExperimentIR, q: QuickOverrides): ExperimentIR {
  const out = structuredClone(ir);
  out.profile = 'quick';
  if (q.seeds) out.seeds = [...q.seeds];
  if (q.batch !== undefined) out.batch = q.batch;
  if (q.data?.train !== undefined) out.data.train = q.data.train;
  if (q.data?.test !== undefined) out.data.test = q.data.test;
  for (const p of q.phases) {
    const item = out.stream.find((s) => s.name === p.name);
    if (!item) continue;
    if (p.mode === 'for') item.duration = { ...p.duration };
    else if (item.duration.kind === 'until') item.duration.max = { ...p.duration };
  }
  if (q.compare) out.compare = structuredClone(q.compare);
  for (const axis of out.sweep?.axes ?? []) {
    const list = q.sweep?.[axis.key];
    if (list) axis.values = structuredClone(list);
  }
  for (const r of q.repeats) {
    const item = out.stream.find((s) => s.name === r.name);
    if (!item || item.kind !== 'repeat') continue;
    item.count = r.count;
    if (r.duration) item.duration = { ...r.duration };
  }
  return out;
}
