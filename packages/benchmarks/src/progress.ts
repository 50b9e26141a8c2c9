/** One line per finished cell (and per experiment plan), from runExperiment's event stream: fine in logs and pipes. */
import type { RunEvent } from '@plas/engine';
import { formatWall } from './summary.ts';

export function cellProgress(benchmark: string, write: (line: string) => void): (event: RunEvent) => void {
  let done = 0;
  let pending = 0;
  return (event) => {
    if (event.type === 'plan') {
      pending = event.pending;
      write(`[${benchmark}] ${event.total} cells: ${event.cached} cached, ${event.pending} to run on ${event.workers} worker${event.workers === 1 ? '' : 's'}`);
    } else if (event.type === 'cell-end') {
      done++;
      const { cell } = event;
      const point = cell.pointLabel === '' ? '' : ` ${cell.pointLabel}`;
      const what = event.status === 'failed' ? `FAILED: ${event.error ?? 'unknown error'}` : event.status === 'diverged' ? 'DIVERGED' : 'complete';
      const speed = event.wallMs > 0 ? `, ${Math.round((event.steps * 1000) / event.wallMs)} steps/s` : '';
      write(`[${benchmark}] ${done}/${pending} ${cell.arm}${point} seed ${cell.seed}: ${what}, ${event.steps} steps in ${formatWall(event.wallMs)}${speed}`);
    }
  };
}
