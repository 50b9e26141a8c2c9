/**
 * Reading a diagnostic's parameters from the `.plas` file (already validated by @plas/dsl, but the engine may be
 * called with hand-written specs): each reader returns the value or the default, and throws a `DiagnosticError`
 * naming the diagnostic and the parameter when the value has the wrong type or range.
 */
import type { ParamValue } from '@plas/dsl';

/** A diagnostic that cannot be computed with these parameters or on this model/data. */
export class DiagnosticError extends Error {
  override name = 'DiagnosticError';
}

type Params = Record<string, ParamValue>;

export function numberParam(
  metric: string,
  params: Params,
  key: string,
  fallback: number,
  range: { min?: number; max?: number; minExclusive?: boolean } = {},
): number {
  const raw = params[key];
  if (raw === undefined) return fallback;
  if (typeof raw !== 'number' || !Number.isFinite(raw)) {
    throw new DiagnosticError(`${metric}: parameter '${key}' must be a finite number, got ${JSON.stringify(raw)}`);
  }
  const { min, max, minExclusive = false } = range;
  if (min !== undefined && (minExclusive ? raw <= min : raw < min)) {
    throw new DiagnosticError(`${metric}: parameter '${key}' must be ${minExclusive ? '>' : '>='} ${min}, got ${raw}`);
  }
  if (max !== undefined && raw > max) {
    throw new DiagnosticError(`${metric}: parameter '${key}' must be <= ${max}, got ${raw}`);
  }
  return raw;
}

export function intParam(metric: string, params: Params, key: string, fallback: number, min = 1): number {
  const value = numberParam(metric, params, key, fallback, { min });
  if (!Number.isInteger(value)) {
    throw new DiagnosticError(`${metric}: parameter '${key}' must be an integer, got ${value}`);
  }
  return value;
}

export function stringParam(metric: string, params: Params, key: string, fallback: string): string {
  const raw = params[key];
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || raw.length === 0) {
    throw new DiagnosticError(`${metric}: parameter '${key}' must be a name, got ${JSON.stringify(raw)}`);
  }
  return raw;
}
