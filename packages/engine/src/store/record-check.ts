/**
 * What makes a cell record trustworthy: a checksum of its content, and a shape check of every field.
 *
 * The checksum is `sha256:` + sha256 of the canonical JSON (sorted keys, @plas/dsl's canonicalJson) of the record
 * without its `checksum` field. It catches an edited or truncated file, not a forger (anyone can recompute it).
 * A record without a checksum (written by Plas 0.1.0, before checksums) is accepted if its shape and metric
 * domains check; that is the one deviation from "checked end to end", kept so that old stores still load.
 * The shape check catches what a checksum cannot: a record written by a buggy or foreign tool. Both run on every
 * load, through `checkCellRecord`, the one reader the runner, `plas status` and the report share.
 *
 * The shape is checked by hand, not with a schema library: it is one fixed shape, and the messages name the
 * offending field path (`series["test.accuracy"][3].value`), which is what a user needs to find it.
 */
import { canonicalJson, sha256Hex } from '@plas/dsl/contract';
import { CELL_RECORD_SCHEMA, type CellRecord } from '../record.ts';
import { metricDomainProblem } from './metric-domain.ts';

export type CellCheck = { ok: true; record: CellRecord } | { ok: false; reason: string };

/** The checksum a record must carry: over everything but the `checksum` field itself. */
export function cellChecksum(record: Omit<CellRecord, 'checksum'> | CellRecord): string {
  const { checksum: _ignored, ...content } = record as CellRecord;
  return `sha256:${sha256Hex(canonicalJson(content))}`;
}

/**
 * The record with its checksum set (what the store writes). The checksum is taken over the record as it will read
 * back from JSON (undefined fields dropped, -0 as 0), so that the reader computes the very same text.
 */
export function withChecksum(record: CellRecord): CellRecord {
  const plain = JSON.parse(JSON.stringify(record)) as CellRecord;
  return { ...plain, checksum: cellChecksum(plain) };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const STATUSES = new Set(['complete', 'diverged', 'failed']);
const NON_FINITE = new Set(['NaN', 'Infinity', '-Infinity']);

/**
 * Validate a parsed cell record file: shape, checksum, the hash it is filed under, and metric domains.
 * Returns the record, or why it cannot be used (one line, naming the field).
 */
export function checkCellRecord(value: unknown, expectedHash: string): CellCheck {
  const problem = shapeProblem(value, expectedHash);
  if (problem !== null) return { ok: false, reason: problem };
  const record = value as CellRecord;
  // Records written before checksums existed (Plas 0.1.0) are used after the shape and domain checks: rejecting
  // them would silently recompute every result a user has. Every record written now carries one.
  if (record.checksum !== undefined && record.checksum !== cellChecksum(record)) return { ok: false, reason: 'checksum mismatch: the file was changed after it was written' };
  const domain = metricDomainProblem(record);
  if (domain !== null) return { ok: false, reason: domain };
  return { ok: true, record };
}

function shapeProblem(v: unknown, expectedHash: string): string | null {
  if (!isObject(v)) return 'not a JSON object';
  if (v['schema'] !== CELL_RECORD_SCHEMA) return `unknown schema ${JSON.stringify(v['schema'])} (expected ${CELL_RECORD_SCHEMA})`;
  if (typeof v['status'] !== 'string' || !STATUSES.has(v['status'])) return `status ${JSON.stringify(v['status'])} is not complete, diverged or failed`;
  const cell = v['cell'];
  if (!isObject(cell)) return 'cell is not an object';
  if (cell['hash'] !== expectedHash) return 'cell.hash does not match the file name';
  for (const key of ['arm', 'pointLabel', 'experiment'] as const) if (typeof cell[key] !== 'string') return `cell.${key} is not a string`;
  if (!isFiniteNumber(cell['seed'])) return 'cell.seed is not a number';
  if (!Array.isArray(cell['measure'])) return 'cell.measure is not a list';
  if (typeof v['backend'] !== 'string') return 'backend is not a string';
  const versions = v['versions'];
  if (!isObject(versions) || !Object.values(versions).every((x) => typeof x === 'string')) return 'versions is not a map of strings';
  const timing = v['timing'];
  if (!isObject(timing)) return 'timing is not an object';
  for (const key of ['startedAt', 'finishedAt'] as const) if (typeof timing[key] !== 'string') return `timing.${key} is not a string`;
  for (const key of ['wallMs', 'steps', 'stepsPerSecond'] as const) if (!isFiniteNumber(timing[key])) return `timing.${key} is not a number`;
  const divergence = v['divergence'];
  if (divergence !== null) {
    if (!isObject(divergence)) return 'divergence is neither null nor an object';
    if (!isFiniteNumber(divergence['step']) || !isFiniteNumber(divergence['task'])) return 'divergence.step/task is not a number';
    if (typeof divergence['phase'] !== 'string' || typeof divergence['what'] !== 'string') return 'divergence.phase/what is not a string';
    if (typeof divergence['value'] !== 'string' || !NON_FINITE.has(divergence['value'])) return 'divergence.value is not NaN, Infinity or -Infinity';
  }
  if (v['status'] === 'diverged' && divergence === null) return 'status is diverged but divergence is null';
  if (v['error'] !== null && typeof v['error'] !== 'string') return 'error is neither null nor a string';
  if (v['status'] === 'failed' && typeof v['error'] !== 'string') return 'status is failed but error is missing';
  const series = v['series'];
  if (!isObject(series)) return 'series is not an object';
  for (const [key, points] of Object.entries(series)) {
    const where = `series[${JSON.stringify(key)}]`;
    if (!Array.isArray(points)) return `${where} is not a list`;
    for (let i = 0; i < points.length; i++) {
      const p: unknown = points[i];
      const at = `${where}[${i}]`;
      if (!isObject(p)) return `${at} is not an object`;
      for (const f of ['step', 'epoch', 'examples', 'task'] as const) if (!isFiniteNumber(p[f])) return `${at}.${f} is not a number`;
      if (typeof p['phase'] !== 'string') return `${at}.phase is not a string`;
      if (p['afterIntervention'] !== undefined && p['afterIntervention'] !== true) return `${at}.afterIntervention is not true`;
      const value = p['value'];
      if (value === null || isFiniteNumber(value)) continue;
      if (!isObject(value) || !Object.values(value).every(isFiniteNumber)) return `${at}.value is not a number, null or a map of numbers`;
    }
  }
  if (v['events'] !== undefined) {
    const problem = eventsProblem(v['events']);
    if (problem !== null) return problem;
  }
  if (v['checksum'] !== undefined && typeof v['checksum'] !== 'string') return 'checksum is not a string';
  return null;
}

const isNumberOrNull = (x: unknown): boolean => x === null || isFiniteNumber(x);

/** The shape of record.ts InterventionEvent[] (null norms allowed: a non-finite norm is stored as null). */
function eventsProblem(events: unknown): string | null {
  if (!Array.isArray(events)) return 'events is not a list';
  for (let i = 0; i < events.length; i++) {
    const e: unknown = events[i];
    const at = `events[${i}]`;
    if (!isObject(e)) return `${at} is not an object`;
    for (const f of ['step', 'task', 'firings'] as const) if (!isFiniteNumber(e[f])) return `${at}.${f} is not a number`;
    if (e['fromStep'] !== undefined && !isFiniteNumber(e['fromStep'])) return `${at}.fromStep is not a number`;
    for (const f of ['phase', 'name', 'trigger'] as const) if (typeof e[f] !== 'string') return `${at}.${f} is not a string`;
    if (!isObject(e['params'])) return `${at}.params is not an object`;
    const nonFinite = e['nonFinite'];
    if (nonFinite !== undefined && !(Array.isArray(nonFinite) && nonFinite.every((x) => typeof x === 'string'))) return `${at}.nonFinite is not a list of strings`;
    const layers = e['layers'];
    if (!Array.isArray(layers)) return `${at}.layers is not a list`;
    for (let j = 0; j < layers.length; j++) {
      const l: unknown = layers[j];
      const where = `${at}.layers[${j}]`;
      if (!isObject(l) || typeof l['layer'] !== 'string') return `${where} is not a layer entry`;
      if (l['units'] !== undefined && !isFiniteNumber(l['units'])) return `${where}.units is not a number`;
      if (l['changed'] !== undefined && !isFiniteNumber(l['changed'])) return `${where}.changed is not a number`;
      for (const f of ['normBefore', 'normAfter'] as const) if (l[f] !== undefined && !isNumberOrNull(l[f])) return `${where}.${f} is neither a number nor null`;
    }
  }
  return null;
}
