/** Wall-clock timing of a repeated call: warm-up calls first, then timed calls until both limits are met. */
import { performance } from 'node:perf_hooks';

export interface Timing {
  msPerCall: number;
  calls: number;
}

export function timeCalls(fn: (i: number) => void, opts: { warmup: number; seconds: number; minCalls: number }): Timing {
  for (let i = 0; i < opts.warmup; i++) fn(i);
  let calls = 0;
  const start = performance.now();
  while (calls < opts.minCalls || performance.now() - start < opts.seconds * 1000) {
    fn(opts.warmup + calls);
    calls++;
  }
  return { msPerCall: (performance.now() - start) / calls, calls };
}

export const fmt = (v: number, digits = 2): string =>
  v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(digits);
