/**
 * Progress of `plas run`: a live bar on a terminal (cells done/total, steps/s, ETA), plain lines otherwise
 * (CI logs, pipes), so long runs always show that they are alive.
 */
import { sharedCellsNote } from '../output/shared-cells.ts';
import cliProgress from 'cli-progress';
import type { RunEvent } from '@plas/engine';

export interface ProgressSink {
  onEvent(event: RunEvent): void;
  stop(): void;
}

interface CellProgress {
  step: number;
  totalSteps: number;
}

/** Fraction of the pending work done: finished cells plus the finished share of running ones. */
class Tally {
  pending = 0;
  finished = 0;
  steps = 0;
  readonly running = new Map<string, CellProgress>();
  readonly startedAt = Date.now();

  fraction(): number {
    if (this.pending === 0) return 1;
    let partial = 0;
    for (const p of this.running.values()) partial += p.totalSteps > 0 ? p.step / p.totalSteps : 0;
    return Math.min(1, (this.finished + partial) / this.pending);
  }

  stepsPerSecond(): number {
    let running = 0;
    for (const p of this.running.values()) running += p.step;
    const seconds = (Date.now() - this.startedAt) / 1000;
    return seconds > 0 ? (this.steps + running) / seconds : 0;
  }

  eta(): string {
    const f = this.fraction();
    if (f <= 0) return '?';
    const seconds = ((Date.now() - this.startedAt) / 1000) * ((1 - f) / f);
    return formatSeconds(seconds);
  }

  apply(event: RunEvent): void {
    if (event.type === 'plan') this.pending = event.pending;
    else if (event.type === 'cell-start') this.running.set(event.cell.hash, { step: 0, totalSteps: 1 });
    else if (event.type === 'progress') this.running.set(event.cell.hash, { step: event.step, totalSteps: event.totalSteps });
    else if (event.type === 'cell-end') {
      this.running.delete(event.cell.hash);
      this.finished++;
      this.steps += event.steps;
    }
  }
}

export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

function cellName(event: { cell: { arm: string; seed: number; pointLabel: string } }): string {
  const point = event.cell.pointLabel ? ` ${event.cell.pointLabel}` : '';
  return `${event.cell.arm}${point} seed ${event.cell.seed}`;
}

function endLine(event: Extract<RunEvent, { type: 'cell-end' }>): string {
  const what = cellName(event);
  if (event.status === 'complete') return `done     ${what} (${event.steps} steps, ${formatSeconds(event.wallMs / 1000)})`;
  if (event.status === 'diverged') return `DIVERGED ${what} at step ${event.divergence?.step ?? '?'} (${event.divergence?.what ?? 'loss'} = ${event.divergence?.value ?? 'NaN'})`;
  return `FAILED   ${what}: ${event.error ?? 'unknown error'}`;
}

/** Plain lines: one per cell start/end, and a heartbeat with the overall fraction every `intervalMs`. */
export function lineProgress(write: (line: string) => void, intervalMs = 15_000): ProgressSink {
  const tally = new Tally();
  let lastBeat = Date.now();
  return {
    onEvent(event) {
      tally.apply(event);
      if (event.type === 'plan') {
        write(`cells: ${event.total}${sharedCellsNote(event.total, event.combinations)} (${event.cached} cached, ${event.pending} to run on ${event.workers} worker${event.workers === 1 ? '' : 's'})`);
      } else if (event.type === 'worker-ready' && event.worker === 0) {
        write(`backend: ${event.backend}`);
      } else if (event.type === 'cell-end') {
        write(`[${tally.finished}/${tally.pending}] ${endLine(event)}`);
      } else if (event.type === 'progress' && Date.now() - lastBeat >= intervalMs) {
        lastBeat = Date.now();
        write(`  ${(100 * tally.fraction()).toFixed(1)}% · ${tally.stepsPerSecond().toFixed(0)} steps/s · ETA ${tally.eta()}`);
      }
    },
    stop() {},
  };
}

/** A live bar for terminals; cell results are printed above it as they finish. */
export function barProgress(stream: NodeJS.WriteStream): ProgressSink {
  const tally = new Tally();
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: ' {bar} {percentage}% | cells {done}/{cells} | {rate} steps/s | ETA {eta_text} | {backend}',
      hideCursor: true,
      // Stopping the bar clears its line, so a finished cell's line replaces it: no stale bar per cell.
      clearOnComplete: true,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let backend = '…';
  const update = () => {
    if (!started) return;
    bar.update(Math.round(1000 * tally.fraction()), {
      backend,
      done: tally.finished,
      cells: tally.pending,
      rate: tally.stepsPerSecond().toFixed(0),
      eta_text: tally.eta(),
    });
  };
  return {
    onEvent(event) {
      tally.apply(event);
      if (event.type === 'plan') {
        stream.write(`cells: ${event.total}${sharedCellsNote(event.total, event.combinations)} (${event.cached} cached, ${event.pending} to run on ${event.workers} worker${event.workers === 1 ? '' : 's'})\n`);
        if (event.pending > 0) {
          bar.start(1000, 0, { done: 0, cells: event.pending, rate: '0', eta_text: '?', backend });
          started = true;
        }
      } else if (event.type === 'worker-ready' && event.worker === 0) {
        backend = event.backend;
      } else if (event.type === 'cell-end') {
        bar.stop();
        stream.write(`${endLine(event)}\n`);
        if (tally.finished < tally.pending) {
          bar.start(1000, Math.round(1000 * tally.fraction()), {
            done: tally.finished,
            cells: tally.pending,
            rate: tally.stepsPerSecond().toFixed(0),
            eta_text: tally.eta(),
            backend,
          });
        } else started = false;
      }
      update();
    },
    stop() {
      // stop() also shows the cursor again (hideCursor), e.g. after Ctrl-C.
      if (started) bar.stop();
      started = false;
    },
  };
}
