/** A chart of the report: its file stem, caption, vega-lite spec, and the rows behind it (written as CSV/JSON). */
import type { TopLevelSpec } from 'vega-lite';

export type Row = Record<string, string | number | null>;

export interface Chart {
  /** File stem: `<name>.svg`, `<name>.csv`, `<name>.json`. */
  name: string;
  section: 'final' | 'sensitivity' | 'curves' | 'differences' | 'diagnostics';
  title: string;
  caption: string;
  spec: TopLevelSpec;
  rows: Row[];
}

/** Tableau 10: distinguishable, print-safe; arms keep their colour in every chart (domain = IR arm order). */
export const PALETTE = ['#4c78a8', '#f58518', '#e45756', '#72b7b2', '#54a24b', '#eeca3b', '#b279a2', '#ff9da6', '#9d755d', '#bab0ac'];

export const WIDTH = 520;
export const HEIGHT = 260;

/** The baseline is black in every chart (and dashed in curves); the stretch all arms share is grey. */
export const BASELINE_COLOR = '#000000';
export const SHARED_COLOR = '#9a9a9a';

/**
 * Colour by arm; `shown` restricts the legend to some arms while every arm keeps its colour (palette order = IR arm
 * order without the baseline). `extra` adds legend entries before the arms (the shared stretch).
 */
export function armColor(
  arms: readonly string[],
  shown: readonly string[] = arms,
  baseline: string | null = null,
  extra: readonly { name: string; color: string }[] = [],
): { field: 'arm'; type: 'nominal'; title: string; scale: { domain: string[]; range: string[] } } {
  const others = arms.filter((a) => a !== baseline);
  const colorOf = (arm: string): string => (arm === baseline ? BASELINE_COLOR : (PALETTE[Math.max(0, others.indexOf(arm)) % PALETTE.length] as string));
  return {
    field: 'arm',
    type: 'nominal',
    title: 'arm',
    scale: { domain: [...extra.map((e) => e.name), ...shown], range: [...extra.map((e) => e.color), ...shown.map(colorOf)] },
  };
}

/** A file-name-safe stem: 'dead_units(probe=2000)' → 'dead_units-probe-2000'. Dots are kept ('test.accuracy'). */
export function slug(text: string): string {
  const s = text
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-.]+|-+$/g, '');
  return s === '' ? 'x' : s;
}

export const CONFIG = {
  background: 'white',
  font: 'sans-serif',
  title: { fontSize: 14, anchor: 'start' as const },
  axis: { labelFontSize: 11, titleFontSize: 12, titleLimit: HEIGHT },
  // the x title can be long ('measurement # (aligned at phase starts)') and has the chart's width
  axisX: { titleLimit: WIDTH },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 240, symbolOpacity: 1 },
};
