/** Messages between the runner (parent) and its cell workers (child processes). */
import type { CellSpec, SourceSpan } from '@plas/dsl';
import type { BackendPreference } from '../backend/select.ts';
import type { CellStatus, Divergence } from '../record.ts';

export type { BackendPreference } from '../backend/select.ts';

export type ToWorker =
  /** Cells to train: one, or a group that differs only in seeds, trained in lockstep (stacked, train/step-gate.ts). */
  | { type: 'run'; cells: CellSpec[] }
  /** Set up every distinct cell once without training: config errors surface before any cell runs. */
  | { type: 'preflight'; cells: CellSpec[] }
  | { type: 'exit' };

export type FromWorker =
  /** `stacks`: the worker can train a group of cells as one stack (the native accelerator is there). */
  | { type: 'ready'; backend: string; stacks: boolean }
  | { type: 'preflight-ok' }
  | { type: 'progress'; hash: string; step: number; totalSteps: number; phase: string; task: number }
  | {
      type: 'done';
      hash: string;
      status: CellStatus;
      wallMs: number;
      steps: number;
      divergence: Divergence | null;
      /** The worker process's peak resident memory so far (its high-water mark, not the current size), in MiB. */
      peakRssMiB: number;
      /** CPU time (user + system) the worker process has used so far, in ms. */
      cpuMs: number;
    }
  /** A cell that could not run; `config` errors (bad .plas values) abort the whole run. */
  | { type: 'error'; hash: string; message: string; config: boolean; span: SourceSpan | null; detail: string };

export interface WorkerOptions {
  store: string;
  backend: BackendPreference;
}
