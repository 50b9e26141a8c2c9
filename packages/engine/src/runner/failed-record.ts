/** The record of a cell that crashed with an error: kept so the report can flag it; the next run retries it. */
import type { CellSpec } from '@plas/dsl';
import { CELL_RECORD_SCHEMA, type CellRecord } from '../record.ts';
import { packageVersions } from '../core/versions.ts';

export function failedRecord(cell: CellSpec, backend: string, started: Date, message: string): CellRecord {
  const finished = new Date();
  return {
    schema: CELL_RECORD_SCHEMA,
    status: 'failed',
    cell,
    backend,
    versions: packageVersions(),
    timing: {
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      wallMs: finished.getTime() - started.getTime(),
      steps: 0,
      stepsPerSecond: 0,
    },
    divergence: null,
    error: message,
    series: {},
  };
}
