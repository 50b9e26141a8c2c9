/**
 * Timing of a repeated call: warm-up calls first, then timed calls until both limits are met. Reports wall-clock
 * and process CPU time (user + system) per call: on a shared, loaded machine the CPU time is the steadier figure.
 */
import { performance } from 'node:perf_hooks';

export interface Timing {
  msPerCall: number;
  cpuMsPerCall: number;
  calls: number;
}

export function timeCalls(
  fn: (i: number) => void,
  opts: { warmup: number; warmupSeconds?: number; seconds: number; minCalls: number },
): Timing {
  // warm-up: JIT, wasm tier-up and tfjs's kernel caches settle before anything is timed
  let warm = 0;
  const warmStart = performance.now();
  while (warm < opts.warmup || performance.now() - warmStart < (opts.warmupSeconds ?? 0) * 1000) fn(warm++);
  let calls = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  while (calls < opts.minCalls || performance.now() - start < opts.seconds * 1000) {
    fn(warm + calls);
    calls++;
  }
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { msPerCall: wall / calls, cpuMsPerCall: (used.user + used.system) / 1000 / calls, calls };
}

export const fmt = (v: number, digits = 2): string =>
  v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(digits);
