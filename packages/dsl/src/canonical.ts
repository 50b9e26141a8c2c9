/**
 * Canonical JSON (RFC 8785, via `canonicalize`) and sha256: the identity of an experiment and of each cell. Spans and
 * source lists are left out of hashes so that comments, formatting and file locations never change an identity.
 */
import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';
import type { CellSpec, ExperimentIR } from './ir.ts';

/** The package is CommonJS (`module.exports = fn`) with an ESM-style `export default` in its types. */
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

export function canonicalJson(value: unknown): string {
  const s = canonicalize(value);
  if (s === undefined) throw new TypeError('canonicalJson: value is not JSON-serialisable');
  return s;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A deep copy without the given keys at any depth (default: every `span`). */
export function withoutKeys(value: unknown, keys: ReadonlySet<string> = new Set(['span'])): unknown {
  if (Array.isArray(value)) return value.map((v) => withoutKeys(v, keys));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!keys.has(k)) out[k] = withoutKeys(v, keys);
    return out;
  }
  return value;
}

/** sha256 of the IR's canonical JSON without `hash`, `sources` and every `span`. */
export function hashIr(ir: ExperimentIR): string {
  const { hash: _hash, sources: _sources, ...rest } = ir;
  return sha256Hex(canonicalJson(withoutKeys(rest)));
}

/**
 * sha256 of a cell's canonical JSON without `hash`, spans and `experimentHash`: the run store's key. The experiment
 * hash is left out on purpose, so that adding an arm (which changes the experiment) keeps every existing cell's key.
 */
export function hashCell(cell: Omit<CellSpec, 'hash'> & { hash?: string }): string {
  const { hash: _hash, experimentHash: _e, ...rest } = cell;
  return sha256Hex(canonicalJson(withoutKeys(rest)));
}
