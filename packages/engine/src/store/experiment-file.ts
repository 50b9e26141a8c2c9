/**
 * The one reader of experiment records (`<store>/experiments/<hash>.json`), shared by the runner and the report
 * (through @plas/engine/store), as readCellFile is for cell records: a file that is missing, not JSON, or not an
 * experiment record (schema, an IR with a hash, a list of cell hashes) is named with the reason, never half-used.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EXPERIMENT_RECORD_SCHEMA, type ExperimentRecord } from '../record.ts';

export type ExperimentFile = { state: 'missing' } | { state: 'invalid'; reason: string } | { state: 'ok'; record: ExperimentRecord };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why a parsed value is not an experiment record, or null when it is one. */
export function experimentRecordProblem(value: unknown): string | null {
  if (!isObject(value)) return 'not a JSON object';
  if (value['schema'] !== EXPERIMENT_RECORD_SCHEMA) return `unknown schema ${JSON.stringify(value['schema'])} (expected ${EXPERIMENT_RECORD_SCHEMA})`;
  const ir = value['ir'];
  if (!isObject(ir) || typeof ir['hash'] !== 'string') return 'ir is not an experiment IR with a hash';
  const cells = value['cells'];
  if (!Array.isArray(cells) || !cells.every((c) => typeof c === 'string')) return 'cells is not a list of cell hashes';
  return null;
}

/** Read and check one experiment file by its file name (`<hash>.json`). */
export function readExperimentFile(root: string, fileName: string): ExperimentFile {
  let text: string;
  try {
    text = readFileSync(join(root, 'experiments', fileName), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { state: 'missing' } : { state: 'invalid', reason: `cannot be read (${code ?? String(error)})` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { state: 'invalid', reason: 'not valid JSON (truncated or edited)' };
  }
  const problem = experimentRecordProblem(value);
  return problem === null ? { state: 'ok', record: value as ExperimentRecord } : { state: 'invalid', reason: problem };
}

/** The experiment files of a store (`*.json` under experiments/), sorted; empty when there is no such folder. */
export function experimentFileNames(root: string): string[] {
  try {
    return readdirSync(join(root, 'experiments'))
      .filter((n) => n.endsWith('.json'))
      .sort();
  } catch {
    return [];
  }
}
