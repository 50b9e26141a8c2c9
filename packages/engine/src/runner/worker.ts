/**
 * A cell worker: a child process that runs the cells its parent sends, one cell or one group (trained in lockstep)
 * at a time, and writes each finished cell to the run store itself, so a parent killed mid-run loses nothing a
 * worker has finished.
 */
import type { CellSpec, SourceSpan } from '@plas/dsl';
import { backendIdentity, selectBackend } from '../backend/index.ts';
import { runCell, CellConfigError, StepGate } from '../train/index.ts';
import type { Stepper } from '../train/index.ts';
import { stackingUnavailableReason } from '../stack/check.ts';
import { RunStore } from '../store/run-store.ts';
import { failedRecord } from './failed-record.ts';
import { preflight } from './preflight.ts';
import { describeStorageError, isStorageError } from '../core/storage-error.ts';
import type { BackendPreference, FromWorker, ToWorker } from './protocol.ts';

const store = new RunStore(process.env.PLAS_STORE ?? '.plas');
const preference = (process.env.PLAS_BACKEND ?? 'auto') as BackendPreference;

/** Set when the parent is gone (killed, or its IPC channel closed): the worker stops at the next step. */
let parentGone = false;

/** Thrown from the progress callback to leave a cell early, writing nothing, when the parent is gone. */
class ParentGone extends Error {}

function send(message: FromWorker): void {
  if (parentGone || !process.connected) return;
  try {
    process.send?.(message);
  } catch {
    parentGone = true; // the channel closed between the check and the send
  }
}

// A write to a closed channel surfaces as an 'error' event (EPIPE): it means the parent is gone, nothing more.
process.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE' || error.code === 'ERR_IPC_CHANNEL_CLOSED') parentGone = true;
  else throw error;
});

function errorText(error: unknown): string {
  if (isStorageError(error)) return describeStorageError(error, 'write the cell record to the run store', store.root);
  return error instanceof Error ? error.message : String(error);
}

/** The message, and for a config error its `.plas` span and the message without the location prefix. */
function describe(error: unknown): { message: string; span: SourceSpan | null; detail: string } {
  const message = errorText(error);
  const span = error instanceof CellConfigError ? error.span : null;
  const prefix = span ? `${span.file}:${span.line}:${span.column}: ` : '';
  return { message, span, detail: prefix && message.startsWith(prefix) ? message.slice(prefix.length) : message };
}

/** The kernel's high-water mark of this process's resident memory (maxRSS is in KiB on Linux and macOS). */
function peakRssMiB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** CPU time (user + system) of this process so far, in ms. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

async function runOne(cell: CellSpec, backend: string, stepper?: Stepper): Promise<void> {
  const started = new Date();
  try {
    const record = await runCell(cell, {
      backend,
      ...(stepper ? { stepper } : {}),
      onProgress: (p) => {
        if (parentGone) throw new ParentGone();
        send({ type: 'progress', hash: cell.hash, ...p });
      },
    });
    store.writeCell(record);
    send({
      type: 'done',
      hash: cell.hash,
      status: record.status,
      wallMs: record.timing.wallMs,
      steps: record.timing.steps,
      divergence: record.divergence,
      peakRssMiB: peakRssMiB(),
      cpuMs: cpuMs(),
    });
  } catch (error) {
    // Nobody waits for this cell any more: leave it missing (a later run computes it) and write nothing partial.
    if (error instanceof ParentGone) process.exit(0);
    const config = error instanceof CellConfigError;
    if (!config) {
      try {
        store.writeCell(failedRecord(cell, backend, started, errorText(error)));
      } catch {
        // The store itself cannot be written (disk full, read-only): the error below says what failed; a
        // second error about the failure record would only bury it.
      }
    }
    send({ type: 'error', hash: cell.hash, config, ...describe(error) });
  }
}

/** A group of cells trains in lockstep, one stacked step for all where it can (train/step-gate.ts). */
async function runGroup(cells: CellSpec[], backend: string): Promise<void> {
  if (cells.length === 1) return runOne(cells[0]!, backend);
  const gate = new StepGate(cells.length);
  await Promise.all(cells.map((cell) => runOne(cell, backend, gate)));
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

// tfjs-wasm's emscripten glue rethrows every uncaught error from a handler of its own, which makes Node print the
// glue's whole minified source (~40 KB). Replace those handlers: one line (the stack only under PLAS_DEBUG), then
// exit; the parent reports the cell as failed and a rerun retries it.
const fatal = (error: unknown): void => {
  const debug = Boolean(process.env['PLAS_DEBUG']) && process.env['PLAS_DEBUG'] !== '0';
  const text = debug && error instanceof Error && error.stack ? error.stack : errorText(error);
  process.stderr.write(`plas worker ${process.pid}: ${text}\n`);
  process.exit(1);
};
process.removeAllListeners('uncaughtException');
process.removeAllListeners('unhandledRejection');
process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);
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
  queue = queue.then(() => runGroup(message.cells, backend));
});
// The parent is gone (killed or finished): nothing more will come, and nobody is listening.
process.on('disconnect', () => {
  parentGone = true;
  void queue.then(() => process.exit(0));
});
// The identity records carry (e.g. 'wasm+openblas'), so progress lines name what actually computes.
// PLAS_STACK=0 trains every cell alone (results are the same either way; for timing and for bug hunts)
const stacks = process.env['PLAS_STACK'] !== '0' && stackingUnavailableReason() === null;
send({ type: 'ready', backend: backendIdentity(), stacks });
