/**
 * The summary table printed at the end of `pnpm bench`: one row per stated finding (`expect` statement) of every
 * benchmark, with the measured effect (mean paired difference left - right over seeds), its 95% interval and the
 * verdict from @plas/report, plus the benchmark's wall time and its workers' peak memory. A benchmark that could not
 * run gets one ERROR row.
 */

/** Issue 14's ceiling on a worker's peak memory for every suite file (1.5 GiB). */
export const WORKER_MEMORY_LIMIT_MIB = 1536;

export type RowVerdict = 'PASSED' | 'FAILED' | 'INCONCLUSIVE' | 'ERROR';

/** The machine's 1-minute load average when a run started and when it ended. */
export interface LoadSpan {
  start: number;
  end: number;
}

export interface SummaryRow {
  benchmark: string;
  /** The finding as written, e.g. `fresh - warm > 0`, or the error message. */
  finding: string;
  /** Mean paired difference; null when there is none (no pairs, or an error). */
  effect: number | null;
  low: number | null;
  high: number | null;
  /** Paired seeds. */
  n: number;
  verdict: RowVerdict;
  /** Wall time of the benchmark's run in this invocation (≈ 0 when every cell was cached). */
  wallMs: number;
  /** Sum of the wall times of the benchmark's cells as recorded in the store (worker time, cached cells included). */
  cellMs: number;
  /** CPU time (user + system) of the workers that ran its cells in this invocation; null when none ran. */
  cpuMs: number | null;
  /** The load average over the benchmark's run in this invocation. */
  load: LoadSpan | null;
  /** The largest peak resident memory of the workers that ran its cells in this invocation, MiB; null when none ran. */
  peakRssMiB: number | null;
}

/** What a benchmark's run in this invocation measured, shared by its rows. */
export type RunFigures = Pick<SummaryRow, 'wallMs' | 'cellMs' | 'cpuMs' | 'load' | 'peakRssMiB'>;

/** A signed number with `digits` decimals: +0.0123, -0.0040. */
export function signed(value: number, digits = 4): string {
  const text = value.toFixed(digits);
  if (Number(text) === 0) return `+${(0).toFixed(digits)}`;
  return value > 0 ? `+${text}` : text;
}

/** `+0.0123 ± 0.0081` (half-width of the interval when it is symmetric up to rounding), or `+0.0123 [a, b]`. */
export function formatEffect(row: Pick<SummaryRow, 'effect' | 'low' | 'high'>, digits = 4): string {
  if (row.effect === null) return '—';
  if (row.low === null || row.high === null) return `${signed(row.effect, digits)} (no interval)`;
  const below = row.effect - row.low;
  const above = row.high - row.effect;
  const tolerance = 0.5 * 10 ** -digits;
  if (Math.abs(below - above) <= tolerance) return `${signed(row.effect, digits)} ± ${((below + above) / 2).toFixed(digits)}`;
  return `${signed(row.effect, digits)} [${signed(row.low, digits)}, ${signed(row.high, digits)}]`;
}

export function formatWall(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
}

const HEADER = ['benchmark', 'finding', 'effect (95% CI)', 'seeds', 'verdict', 'wall', 'cell time', 'worker CPU', 'load', 'worker peak'] as const;

/** `1.9 → 3.4`: the 1-minute load average at a run's start and end. */
export function formatLoad(load: LoadSpan): string {
  return `${load.start.toFixed(1)} → ${load.end.toFixed(1)}`;
}

function cells(row: SummaryRow): string[] {
  const memory = row.peakRssMiB === null ? '—' : `${row.peakRssMiB} MiB`;
  const cpu = row.cpuMs === null ? '—' : formatWall(row.cpuMs);
  const load = row.load === null ? '—' : formatLoad(row.load);
  return [row.benchmark, row.finding, formatEffect(row), row.n > 0 ? String(row.n) : '—', row.verdict, formatWall(row.wallMs), formatWall(row.cellMs), cpu, load, memory];
}

/** An aligned plain-text table with a total line. */
export function formatSummaryTable(rows: readonly SummaryRow[], totalWallMs?: number, load?: LoadSpan): string {
  const body = rows.map(cells);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const out = [line(HEADER), rule, ...body.map(line)];
  out.push(rule, tallyLine(rows, totalWallMs, load));
  return out.join('\n');
}

/** The same table in Markdown (for reports/summary.md and docs/benchmarks.md). */
export function formatSummaryMarkdown(rows: readonly SummaryRow[], totalWallMs?: number, load?: LoadSpan): string {
  const escape = (s: string) => s.replace(/\|/g, '\\|');
  const out = [`| ${HEADER.join(' | ')} |`, `|${HEADER.map(() => '---').join('|')}|`];
  for (const r of rows) out.push(`| ${cells(r).map(escape).join(' | ')} |`);
  out.push('', tallyLine(rows, totalWallMs, load));
  return out.join('\n');
}

export function tallyLine(rows: readonly SummaryRow[], totalWallMs?: number, load?: LoadSpan): string {
  const count = (v: RowVerdict) => rows.filter((r) => r.verdict === v).length;
  const parts = [`${rows.length} findings: ${count('PASSED')} passed, ${count('FAILED')} failed, ${count('INCONCLUSIVE')} inconclusive`];
  if (count('ERROR') > 0) parts.push(`${count('ERROR')} errors`);
  const wall = totalWallMs ?? rows.reduce((a, r) => a + r.wallMs, 0);
  return `${parts.join(', ')}; wall time ${formatWall(wall)}${cpuNote(rows)}${load ? `, load average ${formatLoad(load)}` : ''}${memoryNote(rows)}`;
}

/** The workers' CPU time over the benchmarks that ran (each benchmark's rows share one figure). */
function cpuNote(rows: readonly SummaryRow[]): string {
  const byBenchmark = new Map(rows.flatMap((r) => (r.cpuMs === null ? [] : [[r.benchmark, r.cpuMs] as const])));
  if (byBenchmark.size === 0) return '';
  return `, worker CPU ${formatWall([...byBenchmark.values()].reduce((a, b) => a + b, 0))}`;
}

/** The largest worker peak of the rows that ran, against the 1.5 GiB ceiling; empty when every cell was cached. */
function memoryNote(rows: readonly SummaryRow[]): string {
  const peaks = rows.flatMap((r) => (r.peakRssMiB === null ? [] : [r.peakRssMiB]));
  if (peaks.length === 0) return '';
  const peak = Math.max(...peaks);
  const over = rows.filter((r) => r.peakRssMiB !== null && r.peakRssMiB > WORKER_MEMORY_LIMIT_MIB).map((r) => r.benchmark);
  const verdict = over.length === 0 ? `under the ${WORKER_MEMORY_LIMIT_MIB} MiB ceiling` : `OVER the ${WORKER_MEMORY_LIMIT_MIB} MiB ceiling in ${[...new Set(over)].join(', ')}`;
  return `; largest worker peak ${peak} MiB (${verdict})`;
}
