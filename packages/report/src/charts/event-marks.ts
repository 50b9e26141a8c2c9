/**
 * Intervention firings on a curve chart (analysis/event-markers.ts): a dotted rule at each firing's x across the
 * plot, and above the plot an event track, one lane per arm and intervention ("fresh · reset"), with a triangle at
 * each firing in the arm's colour. Firings of one intervention that would crowd the chart (more than MAX_MARKS
 * places) are thinned to every k-th, and the caption says so; firings never drawn one by one (every_step penalties,
 * firings summed per task) are named in the caption.
 */
import type { CurveEvents } from '../analysis/event-markers.ts';
import { fmt } from '../output/format.ts';
import type { Row } from './chart.ts';

/** The most places one intervention of one arm is marked at in one chart. */
export const MAX_MARKS = 24;

export interface EventMarks {
  rows: Row[];
  /** Lane names in drawing order (arm order, then first firing). */
  lanes: string[];
  /** Sentences for the caption ('' when nothing fired). */
  caption: string;
}

export const laneOf = (arm: string, intervention: string): string => `${arm} · ${intervention}`;

export function eventMarks(events: CurveEvents, point: string, arms: readonly string[]): EventMarks {
  const rows: Row[] = [];
  const lanes: string[] = [];
  const thinned: string[] = [];
  for (const arm of arms) {
    const mine = events.markers.filter((m) => m.point === point && m.arm === arm);
    const names = [...new Set(mine.map((m) => m.intervention))];
    for (const name of names) {
      const list = mine.filter((m) => m.intervention === name);
      const every = Math.ceil(list.length / MAX_MARKS);
      if (every > 1) thinned.push(`'${arm}' ${name} (${list.length} places, every ${ordinal(every)} marked)`);
      const lane = laneOf(arm, name);
      lanes.push(lane);
      list.forEach((m, i) => {
        if (i % every === 0) rows.push({ arm, intervention: name, lane, x: m.x, step: m.step, phase: m.phase, cells: m.cells });
      });
    }
  }
  const unmarked = events.unmarked
    .filter((u) => u.point === point && arms.includes(u.arm))
    .map((u) => `'${u.arm}' ${u.intervention} (${u.why === 'every_step' ? 'acts on every step' : 'firings summed per task'}, ${fmt(u.firingsPerCell)} per cell)`);
  const parts: string[] = [];
  if (rows.length > 0) {
    parts.push('Triangles in the track above the plot, one lane per arm and intervention, and dotted rules mark where the interventions fired (from the cells\' events).');
  }
  if (thinned.length > 0) parts.push(`Thinned: ${thinned.join('; ')}.`);
  if (unmarked.length > 0) parts.push(`Not marked: ${unmarked.join('; ')}.`);
  return { rows, lanes, caption: parts.join(' ') };
}

function ordinal(k: number): string {
  const tens = k % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][k % 10] ?? 'th');
  return `${k}${suffix}`;
}
