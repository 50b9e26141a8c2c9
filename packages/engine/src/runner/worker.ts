/**
 * A cell worker: a child process that runs the cells its parent sends, one at a time, and writes each finished
 * cell to the run store itself, so a parent killed mid-run loses nothing a worker has finished.
 */
import type { CellSpec, SourceSpan } from '@plas/dsl';
import { selectBackend } from '../backend/index.ts';
import { runCell, CellConfigError } from '../train/index.ts';
import { RunStore } from '../store/run-store.ts';
import { failedRecord } from './failed-record.ts';
import { preflight } from './preflight.ts';
import type { BackendPreference, FromWorker, ToWorker } from './protocol.ts';

const store = new RunStore(process.env.PLAS_STORE ?? '.plas');
const preference = (process.env.PLAS_BACKEND ?? 'auto') as BackendPreference;

function send(message: FromWorker): void {
  process.send?.(message);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The message, and for a config error its `.plas` span and the message without the location prefix. */
function describe(error: unknown): { message: string; span: SourceSpan | null; detail: string } {
  const message = errorText(error);
  const span = error instanceof CellConfigError ? error.span : null;
  const prefix = span ? `${span.file}:${span.line}:${span.column}: ` : '';
  return { message, span, detail: prefix && message.startsWith(prefix) ? message.slice(prefix.length) : message };
}

async function runOne(cell: CellSpec, backend: string): Promise<void> {
  const started = new Date();
  try {
    const record = await runCell(cell, {
      backend,
      onProgress: (p) => send({ type: 'progress', hash: cell.hash, ...p }),
    });
    store.writeCell(record);
    send({
      type: 'done',
      hash: cell.hash,
      status: record.status,
      wallMs: record.timing.wallMs,
      steps: record.timing.steps,
      divergence: record.divergence,
    });
  } catch (error) {
    const config = error instanceof CellConfigError;
    if (!config) store.writeCell(failedRecord(cell, backend, started, errorText(error)));
    send({ type: 'error', hash: cell.hash, config, ...describe(error) });
  }
}

async function runPreflight(cells: CellSpec[]): Promise<void> {
  try {
    await preflight(cells);
    send({ type: 'preflight-ok' });
  } catch (error) {
    // Whatever stops a preflight (a bad value, a missing data file) would fail every cell alike: stop the run.
    send({ type: 'error', hash: '', config: true, ...describe(error) });
  }
}

const backend = await selectBackend(preference);
let queue: Promise<void> = Promise.resolve();
process.on('message', (message: ToWorker) => {
  if (message.type === 'exit') {
    void queue.then(() => process.exit(0));
    return;
  }
  if (message.type === 'preflight') {
    queue = queue.then(() => runPreflight(message.cells));
    return;
  }
  queue = queue.then(() => runOne(message.cell, backend));
});
// The parent is gone (killed or finished): nothing more will come, and nobody is listening.
process.on('disconnect', () => {
  void queue.then(() => process.exit(0));
});
send({ type: 'ready', backend });
