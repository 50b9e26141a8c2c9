/** Number, interval and duration formatting for the tables (deterministic, locale-independent). */

export function fmt(x: number | null | undefined): string {
  if (x === null || x === undefined) return '—';
  if (!Number.isFinite(x)) return String(x);
  // Below 1e-12 a metric difference is floating-point residue (e.g. 0.05 - 0.05), not a result.
  if (Math.abs(x) < 1e-12) return '0';
  if (Number.isInteger(x) && Math.abs(x) < 1e9) return String(x);
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) return x.toExponential(2);
  if (abs >= 1000) return x.toFixed(1);
  return x.toFixed(4);
}

export function fmtInterval(low: number | null, high: number | null): string {
  return low === null || high === null ? '—' : `[${fmt(low)}, ${fmt(high)}]`;
}

export function fmtSigned(x: number | null): string {
  if (x === null) return '—';
  return x > 0 ? `+${fmt(x)}` : fmt(x);
}

export function fmtDuration(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.round(s - 60 * m)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function fmtPercent(p: number | null): string {
  return p === null ? '—' : `${(100 * p).toFixed(0)}%`;
}
