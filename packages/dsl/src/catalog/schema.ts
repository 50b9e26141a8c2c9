/**
 * Parameter schemas: the one description of a construct's parameters (name, type, range, default, unit, doc) used
 * by the language to check what a `.plas` file writes, by the engine to read the IR it is handed (contract/
 * resolve.ts: same rules, same words), and by TypeScript to type each implementation's parameters (`ParamsOf`).
 *
 * Entries are declared `as const satisfies …Entry`, so their literal types survive: `ParamsOf<typeof entry>` of
 * `redo` is `{ tau: number; probe: number }`, derived, never written again.
 */
import type { ConvLayerSpec, LayerSelector, Selector } from '../ir.ts';

/** A number's range. Bounds are inclusive unless marked open: (0, 1] is { min: 0, minOpen: true, max: 1 }. */
export interface NumberRange {
  min?: number;
  max?: number;
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

/** A default as written in an entry (literal types kept, hence readonly lists). */
export type ParamDefault =
  | number
  | string
  | boolean
  | readonly number[]
  | LayerSelector
  | { readonly kind: 'all' }
  | { readonly kind: 'head' }
  | { readonly kind: 'range'; readonly from: number; readonly to: number | null };

export interface ParamSchema {
  /** The key as written in `.plas` (snake_case). */
  name: string;
  /** The key in the IR when it differs (camelCase), e.g. `flip_every` → `flipEvery`. */
  irKey?: string;
  type: ParamType;
  /** Absent = required. `null` = optional without a value (stays null, or absent, in the IR). */
  default?: ParamDefault | null;
  /** The unit of a number, when it has one: 'examples', 'steps', 'inputs', … */
  unit?: string;
  /** One line for the docs and the editor. */
  doc: string;
}

export interface CatalogEntry {
  name: string;
  params: readonly ParamSchema[];
  /** One line: what it is. */
  doc: string;
  /** The formula it computes or applies, when it has one. */
  formula?: string;
  /** Where it comes from: a paper, or the reference code read. */
  source?: string;
}

export type Catalog<E extends CatalogEntry = CatalogEntry> = Readonly<Record<string, E>>;

// ---------------------------------------------------------------- types derived from entries

/** The TypeScript type of a resolved value of a parameter type. */
export type ValueOf<T extends ParamType> = T extends { kind: 'number' }
  ? number
  : T extends { kind: 'boolean' }
    ? boolean
    : T extends { kind: 'enum'; values: readonly (infer V)[] }
      ? V
      : T extends { kind: 'string' } | { kind: 'name' }
        ? string
        : T extends { kind: 'int_list' }
          ? number[]
          : T extends { kind: 'layers' }
            ? LayerSelector
            : T extends { kind: 'selectors' }
              ? Selector[]
              : T extends { kind: 'conv_list' }
                ? ConvLayerSpec[]
                : never;

type KeyOf<P extends ParamSchema> = P extends { irKey: infer K extends string } ? K : P['name'];
type ResolvedOf<P extends ParamSchema> = P extends { default: null } ? ValueOf<P['type']> | null : ValueOf<P['type']>;

/** The resolved parameters of an entry, keyed as in the IR: `ParamsOf<typeof interventionCatalog.redo>`. */
export type ParamsOf<E extends { params: readonly ParamSchema[] }> = {
  [P in E['params'][number] as KeyOf<P>]: ResolvedOf<P>;
};

// ---------------------------------------------------------------- ranges

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

// The named ranges every catalog uses: one spelling each (docs/language.md, "Parameter ranges").
export const positiveInt = { kind: 'number', integer: true, min: 1 } as const satisfies ParamType;
export const nonNegativeInt = { kind: 'number', integer: true, min: 0 } as const satisfies ParamType;
/** (0, 1]: a fraction that keeps something. */
export const fraction01 = { kind: 'number', min: 0, minOpen: true, max: 1 } as const satisfies ParamType;
/** [0, 1]. */
export const unitInterval = { kind: 'number', min: 0, max: 1 } as const satisfies ParamType;
/** (0, 1). */
export const openUnitInterval = { kind: 'number', min: 0, max: 1, minOpen: true, maxOpen: true } as const satisfies ParamType;
/** [0, 1): a decay or momentum. */
export const decayRate = { kind: 'number', min: 0, max: 1, maxOpen: true } as const satisfies ParamType;
export const positive = { kind: 'number', min: 0, minOpen: true } as const satisfies ParamType;
export const nonNegative = { kind: 'number', min: 0 } as const satisfies ParamType;
export const anyInt = { kind: 'number', integer: true } as const satisfies ParamType;
