/**
 * runCell: train one cell (an arm at a sweep point and a seed) through its stream and return its CellRecord.
 *
 *   set up (setup.ts): data seeded by the cell seed, every check (CellConfigError before any step), model from
 *   deriveSeed(seed, 'init'), θ0, optimiser → train (loop.ts): per task, interventions triggered at its start, a
 *   sampler seeded by deriveSeed(seed, 'order', phase, task), steps, measurements → the record.
 * Arms with the same seed share data, initial weights and batch order (all drawn from named seeds). A non-finite
 * loss ends the cell as 'diverged' (series so far kept); an error during training gives a 'failed' record with the
 * series so far and the message.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { CellSpec } from '@plas/dsl';
import { backendIdentity } from '../backend/accel.ts';
import { selectBackend } from '../backend/select.ts';
import type { BackendPreference } from '../backend/select.ts';
import { packageVersions } from '../core/versions.ts';
import { CELL_RECORD_SCHEMA } from '../record.ts';
import type { CellRecord, CellStatus } from '../record.ts';
import { CellConfigError, errorMessage } from './errors.ts';
import { trainStream } from './loop.ts';
import { disposeRun, setUpRun, type Run } from './setup.ts';
import { aloneStepper, type Stepper } from './step-gate.ts';

export interface CellProgress {
  step: number;
  totalSteps: number;
  phase: string;
  task: number;
}

export interface RunCellOptions {
  /** The tfjs backend to run on ('wasm', 'cpu', 'tensorflow'); selected here if it is not the active one. */
  backend: string;
  onProgress?: (p: CellProgress) => void;
  log?: (msg: string) => void;
  /** Minimum milliseconds between progress calls (default 200). */
  progressEveryMs?: number;
  /** How steps are taken: alone (the default), or in lockstep with other cells through a StepGate. */
  stepper?: Stepper;
}

/** How often a long phase yields to the event loop. */
const BREATHE_MS = 100;

async function ensureBackend(name: string): Promise<void> {
  if (tf.getBackend() === name) return;
  await selectBackend((name === 'tensorflow' ? 'node' : name) as BackendPreference);
}

export async function runCell(cell: CellSpec, opts: RunCellOptions): Promise<CellRecord> {
  const stepper = opts.stepper ?? aloneStepper;
  let run: Run | null = null;
  try {
    await ensureBackend(opts.backend);
    const startedAt = new Date();
    const t0 = performance.now();
    run = await setUpRun(cell, opts.log ?? (() => {}));
    return await trainCell(run, startedAt, t0, stepper, opts);
  } finally {
    stepper.exit(run);
  }
}

async function trainCell(run: Run, startedAt: Date, t0: number, stepper: Stepper, opts: RunCellOptions): Promise<CellRecord> {
  const { cell } = run;
  const { position } = run;
  const report = (): void =>
    opts.onProgress?.({ step: position.step, totalSteps: run.plannedTotal, phase: position.phase, task: position.task });
  let lastProgress = 0;
  let lastBreath = performance.now();
  const hooks = {
    stepper,
    progress(): void {
      const now = performance.now();
      if (now - lastProgress < (opts.progressEveryMs ?? 200)) return;
      lastProgress = now;
      report();
    },
    async breathe(): Promise<void> {
      const now = performance.now();
      if (now - lastBreath < BREATHE_MS) return;
      lastBreath = now;
      await new Promise((resolve) => setImmediate(resolve));
    },
  };

  let status: CellStatus = 'complete';
  let error: string | null = null;
  try {
    await trainStream(run, hooks);
    if (run.divergence) status = 'diverged';
  } catch (err) {
    if (err instanceof CellConfigError) throw err;
    status = 'failed';
    error = errorMessage(err);
  } finally {
    // out of its stack (if any) while its tensors still live: the stack's other cells write back through it
    stepper.detach(run);
    disposeRun(run);
  }
  report();
  const wallMs = performance.now() - t0;
  return {
    schema: CELL_RECORD_SCHEMA,
    status,
    cell,
    // 'wasm+openblas' when the native accelerator did the matrix products (its results differ in the last bits)
    backend: backendIdentity(),
    versions: packageVersions(),
    timing: {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      wallMs,
      steps: position.step,
      stepsPerSecond: wallMs > 0 ? position.step / (wallMs / 1000) : 0,
    },
    divergence: run.divergence,
    error,
    series: run.recorder.series(),
    ...(cell.interventions.length > 0 ? { events: run.events.list() } : {}),
  };
}
