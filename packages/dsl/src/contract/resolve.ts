/**
 * The parameter resolver on the IR side: fills defaults and checks types and ranges of parameters handed to an
 * implementation (the engine reads `InterventionSpec.params` and `MeasureSpec.params` through it, which also serves
 * hand-written specs), with the language's rules and words (catalog/schema.ts, contract/words.ts). Returns problems
 * as data; `resolveOrThrow` turns the first into a `PlasError`.
 */
import { inRange, type CatalogEntry, type ParamSchema, type ParamType, type ParamsOf } from '../catalog/schema.ts';
import type { DiagnosticCode } from '../diagnostics.ts';
import type { SourceSpan } from '../ir.ts';
import { plasError } from './error.ts';
import { words } from './words.ts';

export interface ParamProblem {
  code: Extract<DiagnosticCode, 'unknown-param' | 'missing-param' | 'type-mismatch' | 'out-of-range' | 'unknown-name'>;
  message: string;
}

export interface ResolvedParams {
  /** Keyed by `irKey ?? name`; a parameter whose default is null and that is not given resolves to null. */
  values: Record<string, unknown>;
  problems: ParamProblem[];
}

/** As the language shows a written value (lower/args.ts describeValue). */
function show(v: unknown): string {
  if (typeof v === 'string') return `the string "${v}"`;
  if (Array.isArray(v)) return 'a list';
  return `\`${JSON.stringify(v)}\``;
}

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

function isLayerSelector(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const s = v as { kind?: unknown; from?: unknown; to?: unknown };
  if (s.kind === 'all' || s.kind === 'head') return true;
  return s.kind === 'range' && isInt(s.from) && (s.to === null || isInt(s.to));
}

/** Null when `v` fits `type`, else the problem (subject = "`tau` of intervention `redo`"). */
export function checkValue(type: ParamType, v: unknown, subject: string): ParamProblem | null {
  const mismatch = (expected: string): ParamProblem => ({ code: 'type-mismatch', message: words.mismatch(subject, expected, show(v)) });
  switch (type.kind) {
    case 'number':
      if (typeof v !== 'number') return mismatch('a number');
      return inRange(v, type) ? null : { code: 'out-of-range', message: words.outOfRange(subject, type, String(v)) };
    case 'boolean':
      return typeof v === 'boolean' ? null : mismatch('`true` or `false`');
    case 'enum':
      if (typeof v !== 'string') return mismatch(`one of ${type.values.join(', ')}`);
      return type.values.includes(v) ? null : { code: 'unknown-name', message: words.notAllowed(v, subject) };
    case 'string':
    case 'name':
      return typeof v === 'string' && v.length > 0 ? null : mismatch(type.kind === 'name' ? 'a name' : 'a string');
    case 'int_list': {
      if (!Array.isArray(v) || !v.every(isInt)) return mismatch('a list of integers');
      const range = { integer: true, ...(type.min !== undefined ? { min: type.min } : {}) };
      const bad = (v as number[]).find((n) => !inRange(n, range));
      if (bad !== undefined) return { code: 'out-of-range', message: words.elementOutOfRange(subject, range, bad) };
      return type.nonEmpty && v.length === 0 ? { code: 'out-of-range', message: words.empty(subject) } : null;
    }
    case 'layers':
      return isLayerSelector(v) ? null : mismatch('`all`, `head` or `layers[from..to]`');
    case 'selectors':
    case 'conv_list':
      return Array.isArray(v) ? null : mismatch('a list');
  }
}

function clone<T>(v: T): T {
  return v === null || typeof v !== 'object' ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** Resolve `given` (IR keys) against `entry`; `what` is e.g. 'intervention' or 'metric'. */
export function resolveParams(entry: CatalogEntry, what: string, given: Readonly<Record<string, unknown>>): ResolvedParams {
  const label = `${what} \`${entry.name}\``;
  const params: readonly ParamSchema[] = entry.params;
  const keyOf = (p: ParamSchema): string => p.irKey ?? p.name;
  const problems: ParamProblem[] = [];
  const values: Record<string, unknown> = {};
  for (const key of Object.keys(given)) {
    if (!params.some((p) => keyOf(p) === key)) {
      problems.push({ code: 'unknown-param', message: params.length === 0 ? words.noParams(label) : `${words.unknownParam(label, key)} (it has ${params.map(keyOf).join(', ')})` });
    }
  }
  for (const p of params) {
    const v = given[keyOf(p)];
    if (v === undefined || (v === null && p.default === null)) {
      if (p.default === undefined) problems.push({ code: 'missing-param', message: words.missingParam(label, p) });
      else values[keyOf(p)] = clone(p.default);
      continue;
    }
    const problem = checkValue(p.type, v, words.subject(p.name, label));
    if (problem) problems.push(problem);
    else values[keyOf(p)] = v;
  }
  return { values, problems };
}

/** The typed, resolved parameters of `entry`, or a `PlasError` for the first problem (pointing at `span`). */
export function resolveOrThrow<E extends CatalogEntry>(entry: E, what: string, given: Readonly<Record<string, unknown>>, span: SourceSpan | null = null): ParamsOf<E> {
  const { values, problems } = resolveParams(entry, what, given);
  const first = problems[0];
  if (first) throw plasError(first.code, first.message, span);
  return values as ParamsOf<E>;
}
