/**
 * Argument resolution against a parameter schema: positional and named arguments, unknown keys (did-you-mean),
 * duplicates, types, ranges and defaults. Every problem becomes a diagnostic; nothing throws.
 */
import type { Arg, Span, Value } from '../ast.ts';
import { describeRange, inRange, type CatalogEntry, type ParamSchema, type ParamType } from '../catalog/schema.ts';
import { convLayerSchema } from '../catalog/models.ts';
import { diagnosticAt, type Diagnostic } from '../diagnostics.ts';
import type { ConvLayerSpec, JsonValue, LayerSelector, ParamValue, Selector } from '../ir.ts';
import { suggestion } from '../suggest.ts';
import { words } from '../contract/words.ts';

/** What a resolved parameter can hold: IR parameter values, selector pipelines, conv layers, or null (unset). */
export type Resolved = ParamValue | Selector[] | ConvLayerSpec[] | null;

export interface LowerContext {
  diags: Diagnostic[];
  /** Lowers a selector pipeline value (for `smooth(from: ...)`); provided by the stream lowering. */
  lowerSelectors?: (v: Value) => Selector[] | null;
  /** Where parts of a lowered IR object were written (`self`, a parameter name, `phase`, ...), for the reference checks. */
  where?: Map<object, Record<string, Span>>;
}

/** Records where `part` of `obj` was written. */
export function noteSpan(ctx: LowerContext, obj: object, part: string, span: Span): void {
  if (!ctx.where) return;
  const rec = ctx.where.get(obj) ?? {};
  rec[part] = span;
  ctx.where.set(obj, rec);
}

export interface ResolvedArgs {
  /** Keyed by the schema's `irKey ?? name`. */
  values: Record<string, Resolved>;
  /** Where each given argument's value was written, by surface name (for later cross-reference checks). */
  spans: Record<string, Span>;
  ok: boolean;
}

const MAX_LIST_ITEMS = 100_000;

/** "intervention `shrink_perturb`", "selector `subset`", ... used in messages. */
export function resolveArgs(entry: CatalogEntry, what: string, args: readonly Arg[], callSpan: Span, ctx: LowerContext): ResolvedArgs {
  return resolveParams(entry.params, `${what} \`${entry.name}\``, args, callSpan, ctx);
}

export function resolveParams(
  params: readonly ParamSchema[],
  what: string,
  args: readonly Arg[],
  callSpan: Span,
  ctx: LowerContext,
): ResolvedArgs {
  const values: Record<string, Resolved> = {};
  const spans: Record<string, Span> = {};
  const given = new Map<string, Arg>();
  let ok = true;
  let positional = 0;
  let misspelt = false;
  for (const arg of args) {
    let schema: ParamSchema | undefined;
    if (arg.key === null) {
      schema = params[positional++];
      if (!schema) {
        ctx.diags.push(
          diagnosticAt(arg.span, 'too-many-args', `${what} takes ${params.length === 0 ? 'no arguments' : `at most ${params.length} argument${params.length === 1 ? '' : 's'} (${params.map((p) => p.name).join(', ')})`}`),
        );
        ok = false;
        continue;
      }
    } else {
      schema = params.find((p) => p.name === arg.key!.name);
      if (!schema) {
        const names = params.map((p) => p.name);
        ctx.diags.push(
          diagnosticAt(
            arg.key.span,
            'unknown-param',
            names.length === 0 ? words.noParams(what) : words.unknownParam(what, arg.key.name),
            names.length === 0 ? undefined : suggestion(arg.key.name, names),
          ),
        );
        ok = false;
        misspelt = true;
        continue;
      }
    }
    if (given.has(schema.name)) {
      ctx.diags.push(diagnosticAt(arg.span, 'duplicate-name', `parameter \`${schema.name}\` is given twice`));
      ok = false;
      continue;
    }
    given.set(schema.name, arg);
    spans[schema.name] = arg.value.span;
    const v = convertValue(schema.type, arg.value, words.subject(schema.name, what), ctx);
    if (v === undefined) ok = false;
    else values[schema.irKey ?? schema.name] = v;
  }
  for (const p of params) {
    if (given.has(p.name)) continue;
    if (p.default === undefined) {
      // A misspelt key usually is the missing one: report only the misspelling.
      if (!misspelt) ctx.diags.push(diagnosticAt(callSpan, 'missing-param', words.missingParam(what, p)));
      ok = false;
    } else {
      values[p.irKey ?? p.name] = cloneJson(p.default) as Resolved;
    }
  }
  return { values, spans, ok };
}

function cloneJson<T>(v: T): T {
  return v === null || typeof v !== 'object' ? v : (JSON.parse(JSON.stringify(v)) as T);
}

export function describeValue(v: Value): string {
  switch (v.kind) {
    case 'number':
      return `\`${v.text}\``;
    case 'string':
      return `the string "${v.value}"`;
    case 'name':
      return `\`${v.name}\``;
    case 'list':
      return 'a list';
    case 'range':
      return 'a range';
    case 'call':
      return `\`${v.name.name}(...)\``;
    case 'index':
      return `\`${v.name.name}[...]\``;
    case 'pipeline':
      return 'a pipeline';
  }
}

function mismatch(ctx: LowerContext, v: Value, expected: string, what: string): undefined {
  ctx.diags.push(diagnosticAt(v.span, 'type-mismatch', words.mismatch(what, expected, describeValue(v))));
  return undefined;
}

/** Converts one written value to its IR form, or reports why it cannot and returns undefined. */
export function convertValue(type: ParamType, v: Value, what: string, ctx: LowerContext): Resolved | undefined {
  switch (type.kind) {
    case 'number': {
      if (v.kind !== 'number') return mismatch(ctx, v, describeRange(type), what);
      if (!inRange(v.value, type)) {
        ctx.diags.push(diagnosticAt(v.span, 'out-of-range', words.outOfRange(what, type, v.text)));
        return undefined;
      }
      return v.value;
    }
    case 'boolean': {
      if (v.kind === 'name' && (v.name === 'true' || v.name === 'false')) return v.name === 'true';
      return mismatch(ctx, v, '`true` or `false`', what);
    }
    case 'enum': {
      const word = v.kind === 'name' ? v.name : v.kind === 'string' ? v.value : null;
      if (word === null) return mismatch(ctx, v, `one of ${type.values.join(', ')}`, what);
      if (!type.values.includes(word)) {
        ctx.diags.push(diagnosticAt(v.span, 'unknown-name', words.notAllowed(word, what), suggestion(word, type.values)));
        return undefined;
      }
      return word;
    }
    case 'string':
      if (v.kind !== 'string') return mismatch(ctx, v, 'a string in double quotes', what);
      return v.value;
    case 'name':
      if (v.kind !== 'name') return mismatch(ctx, v, 'a name', what);
      return v.name;
    case 'int_list':
      return convertIntList(type, v, what, ctx);
    case 'layers':
      return convertLayers(v, what, ctx);
    case 'selectors':
      if (!ctx.lowerSelectors) return mismatch(ctx, v, 'a value', what);
      return ctx.lowerSelectors(v) ?? undefined;
    case 'conv_list':
      return convertConvList(v, what, ctx);
  }
}

function convertIntList(type: { min?: number; nonEmpty?: boolean }, v: Value, what: string, ctx: LowerContext): number[] | undefined {
  const elementRange = { integer: true, ...(type.min !== undefined ? { min: type.min } : {}) };
  if (v.kind !== 'list') return mismatch(ctx, v, `a list of integers like [100, 100]`, what);
  const out: number[] = [];
  let ok = true;
  for (const item of v.items) {
    const nums = expandNumbers(item, what, ctx);
    if (!nums) {
      ok = false;
      continue;
    }
    for (const n of nums.values) {
      if (!inRange(n, elementRange)) {
        ctx.diags.push(diagnosticAt(nums.span, 'out-of-range', words.elementOutOfRange(what, elementRange, n)));
        ok = false;
        break;
      }
      out.push(n);
    }
    if (out.length > MAX_LIST_ITEMS) {
      ctx.diags.push(diagnosticAt(v.span, 'out-of-range', `${what} has more than ${MAX_LIST_ITEMS} elements`));
      return undefined;
    }
  }
  if (ok && type.nonEmpty && out.length === 0) {
    ctx.diags.push(diagnosticAt(v.span, 'out-of-range', words.empty(what)));
    return undefined;
  }
  return ok ? out : undefined;
}

/** A number, or an inclusive integer range `a..b`, as a list of numbers. */
export function expandNumbers(v: Value, what: string, ctx: LowerContext): { values: number[]; span: Span } | undefined {
  if (v.kind === 'number') return { values: [v.value], span: v.span };
  if (v.kind === 'range') {
    const from = v.from.value;
    const to = v.to?.value;
    if (to === undefined || !Number.isInteger(from) || !Number.isInteger(to) || to < from) {
      ctx.diags.push(diagnosticAt(v.span, 'type-mismatch', `a range in ${what} must be \`a..b\` with integers a ≤ b`));
      return undefined;
    }
    if (to - from + 1 > MAX_LIST_ITEMS) {
      ctx.diags.push(diagnosticAt(v.span, 'out-of-range', `the range in ${what} has more than ${MAX_LIST_ITEMS} elements`));
      return undefined;
    }
    return { values: Array.from({ length: to - from + 1 }, (_, i) => from + i), span: v.span };
  }
  return mismatch(ctx, v, 'a list of integers', what);
}

export function convertLayers(v: Value, what: string, ctx: LowerContext): LayerSelector | undefined {
  if (v.kind === 'name' && (v.name === 'all' || v.name === 'head')) return { kind: v.name };
  if (v.kind === 'name') {
    ctx.diags.push(diagnosticAt(v.span, 'unknown-name', `\`${v.name}\` is not a layer selection`, suggestion(v.name, ['all', 'head', 'layers'])));
    return undefined;
  }
  if (v.kind === 'index') {
    if (v.name.name !== 'layers') {
      ctx.diags.push(diagnosticAt(v.name.span, 'unknown-name', `\`${v.name.name}[...]\` is not a layer selection: write \`layers[from..to]\``, suggestion(v.name.name, ['layers'])));
      return undefined;
    }
    const ints = [v.from, v.to].every((n) => n === null || Number.isInteger(n.value));
    if (!ints) {
      ctx.diags.push(diagnosticAt(v.span, 'type-mismatch', 'layer indices must be integers'));
      return undefined;
    }
    const from = v.from.value;
    const to = v.isRange ? (v.to ? v.to.value : null) : from;
    if (to !== null && Math.sign(from) === Math.sign(to) && to < from) {
      ctx.diags.push(diagnosticAt(v.span, 'out-of-range', `the layer range ${from}..${to} is empty`));
      return undefined;
    }
    return { kind: 'range', from, to };
  }
  return mismatch(ctx, v, '`all`, `head` or `layers[from..to]`', what);
}

function convertConvList(v: Value, what: string, ctx: LowerContext): ConvLayerSpec[] | undefined {
  if (v.kind !== 'list') return mismatch(ctx, v, 'a list of `conv(filters: 16, kernel: 5, pool: 2)`', what);
  const out: ConvLayerSpec[] = [];
  let ok = true;
  for (const item of v.items) {
    if (item.kind !== 'call' || item.name.name !== 'conv') {
      mismatch(ctx, item, '`conv(filters: N, kernel: K, pool: P)`', `an element of ${what}`);
      ok = false;
      continue;
    }
    const r = resolveParams(convLayerSchema, 'layer `conv`', item.args, item.span, ctx);
    if (!r.ok) {
      ok = false;
      continue;
    }
    out.push({ filters: r.values['filters'] as number, kernel: r.values['kernel'] as number, pool: r.values['pool'] as number });
  }
  if (ok && out.length === 0) {
    ctx.diags.push(diagnosticAt(v.span, 'out-of-range', `${what} needs at least one conv layer`));
    return undefined;
  }
  return ok ? out : undefined;
}

/** JSON-safe copy of a resolved value (for sweep axes). */
export function toJson(v: Resolved): JsonValue {
  return v as unknown as JsonValue;
}
