/** RFC 4180 CSV of rows with a fixed column order; numbers in JavaScript's shortest round-trip form, null empty. */
import type { Row } from '../charts/chart.ts';

function field(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly Row[], columns?: readonly string[]): string {
  const cols = columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const lines = [cols.map(field).join(','), ...rows.map((r) => cols.map((c) => field(r[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
