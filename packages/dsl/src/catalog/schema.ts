/**
 * Parameter schemas: the one description of a construct's parameters (name, type, range, default) used to check
 * and resolve what a `.plas` file writes, and exported so that the engine can assert it implements every name.
 */
import type { ParamValue } from '../ir.ts';

export interface NumberRange {
  min?: number;
  max?: number;
  /** The bound itself is excluded: (0, 1] is { min: 0, minOpen: true, max: 1 }. */
  minOpen?: boolean;
  maxOpen?: boolean;
  integer?: boolean;
}

export type ParamType =
  | ({ kind: 'number' } & NumberRange)
  | { kind: 'boolean' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'string' }
  /** A free name checked by the caller (e.g. a phase name). */
  | { kind: 'name' }
  /** A list of integers (ranges like `0..4` allowed inside); `min` bounds every element. */
  | { kind: 'int_list'; min?: number; nonEmpty?: boolean }
  /** `all`, `head`, `layers[-2..]`, `layers[1]`. */
  | { kind: 'layers' }
  /** A selector pipeline, e.g. `subset(fraction: 0.5) | permute_pixels`. */
  | { kind: 'selectors' }
  /** A list of `conv(filters: 16, kernel: 5, pool: 2)`. */
  | { kind: 'conv_list' };

export interface ParamSchema {
  /** The key as written in `.plas` (snake_case). */
  name: string;
  /** The key in the IR when it differs (camelCase), e.g. `flip_every` → `flipEvery`. */
  irKey?: string;
  type: ParamType;
  /** Absent = required. `null` = optional without a value (stays null in the IR). */
  default?: ParamValue | null;
  doc: string;
}

export interface CatalogEntry {
  name: string;
  params: readonly ParamSchema[];
  doc: string;
}

export type Catalog = Readonly<Record<string, CatalogEntry>>;

export function describeRange(r: NumberRange): string {
  const kind = r.integer ? 'an integer' : 'a number';
  if (r.min !== undefined && r.max !== undefined) {
    return `${kind} in ${r.minOpen ? '(' : '['}${r.min}, ${r.max}${r.maxOpen ? ')' : ']'}`;
  }
  if (r.min !== undefined) return `${kind} ${r.minOpen ? '>' : '≥'} ${r.min}`;
  if (r.max !== undefined) return `${kind} ${r.maxOpen ? '<' : '≤'} ${r.max}`;
  return kind;
}

export function inRange(x: number, r: NumberRange): boolean {
  if (!Number.isFinite(x)) return false;
  if (r.integer && !Number.isInteger(x)) return false;
  if (r.min !== undefined && (r.minOpen ? x <= r.min : x < r.min)) return false;
  if (r.max !== undefined && (r.maxOpen ? x >= r.max : x > r.max)) return false;
  return true;
}

export const positiveInt: ParamType = { kind: 'number', integer: true, min: 1 };
export const nonNegativeInt: ParamType = { kind: 'number', integer: true, min: 0 };
export const fraction01: ParamType = { kind: 'number', min: 0, minOpen: true, max: 1 };
export const unitInterval: ParamType = { kind: 'number', min: 0, max: 1 };
export const positive: ParamType = { kind: 'number', min: 0, minOpen: true };
export const nonNegative: ParamType = { kind: 'number', min: 0 };
