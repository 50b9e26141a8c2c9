/**
 * Reading an intervention's parameters from the `.plas` file (`InterventionSpec.params`) with clear errors.
 * Every factory lists the keys it accepts, so a misspelt key is an error naming the accepted ones, never silently
 * ignored. Absent keys take the catalog default.
 */
import type { LayerSelector, ParamValue } from '@plas/dsl';

export type Params = Record<string, ParamValue>;

/** Throw when `params` holds a key the intervention does not know. */
export function checkKeys(intervention: string, params: Params, accepted: readonly string[]): void {
  for (const key of Object.keys(params)) {
    if (!accepted.includes(key)) {
      const list = accepted.length > 0 ? accepted.join(', ') : 'none';
      throw new Error(`${intervention}: unknown parameter '${key}' (accepted: ${list})`);
    }
  }
}

interface NumberRule {
  min?: number;
  max?: number;
  /** Strict bounds: value must be > min / < max. */
  exclusiveMin?: boolean;
  exclusiveMax?: boolean;
  integer?: boolean;
}

function describe(value: ParamValue): string {
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
}

/** A finite number parameter; `fallback` undefined makes it required. */
export function numberParam(
  intervention: string,
  params: Params,
  key: string,
  fallback: number | undefined,
  rule: NumberRule = {},
): number {
  const raw = params[key];
  if (raw === undefined) {
    if (fallback === undefined) throw new Error(`${intervention}: missing required parameter '${key}'`);
    return fallback;
  }
  if (typeof raw !== 'number' || !Number.isFinite(raw)) {
    throw new Error(`${intervention}: parameter '${key}' must be a finite number, got ${describe(raw)}`);
  }
  if (rule.integer === true && !Number.isInteger(raw)) {
    throw new Error(`${intervention}: parameter '${key}' must be an integer, got ${raw}`);
  }
  if (rule.min !== undefined && (rule.exclusiveMin === true ? raw <= rule.min : raw < rule.min)) {
    throw new Error(`${intervention}: parameter '${key}' must be ${rule.exclusiveMin === true ? '>' : '>='} ${rule.min}, got ${raw}`);
  }
  if (rule.max !== undefined && (rule.exclusiveMax === true ? raw >= rule.max : raw > rule.max)) {
    throw new Error(`${intervention}: parameter '${key}' must be ${rule.exclusiveMax === true ? '<' : '<='} ${rule.max}, got ${raw}`);
  }
  return raw;
}

/** An optional number: undefined when absent. */
export function optionalNumberParam(intervention: string, params: Params, key: string, rule: NumberRule = {}): number | undefined {
  return params[key] === undefined ? undefined : numberParam(intervention, params, key, undefined, rule);
}

export function booleanParam(intervention: string, params: Params, key: string, fallback: boolean): boolean {
  const raw = params[key];
  if (raw === undefined) return fallback;
  if (typeof raw !== 'boolean') {
    throw new Error(`${intervention}: parameter '${key}' must be true or false, got ${describe(raw)}`);
  }
  return raw;
}

export function choiceParam<T extends string>(
  intervention: string,
  params: Params,
  key: string,
  choices: readonly T[],
  fallback: T,
): T {
  const raw = params[key];
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !(choices as readonly string[]).includes(raw)) {
    throw new Error(`${intervention}: parameter '${key}' must be one of ${choices.map((c) => `'${c}'`).join(', ')}, got ${describe(raw)}`);
  }
  return raw as T;
}

function isLayerSelector(value: ParamValue): value is LayerSelector {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as { kind?: unknown; from?: unknown; to?: unknown };
  if (v.kind === 'all' || v.kind === 'head') return true;
  return (
    v.kind === 'range' &&
    typeof v.from === 'number' &&
    Number.isInteger(v.from) &&
    (v.to === null || (typeof v.to === 'number' && Number.isInteger(v.to)))
  );
}

export function layerSelectorParam(intervention: string, params: Params, key: string, fallback: LayerSelector): LayerSelector {
  const raw = params[key];
  if (raw === undefined) return fallback;
  if (!isLayerSelector(raw)) {
    throw new Error(`${intervention}: parameter '${key}' must be a layer selector (all, head or a range from..to), got ${describe(raw)}`);
  }
  return raw;
}
