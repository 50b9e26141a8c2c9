/**
 * Intervention markers on curves: where each firing goes on each kind of x axis, which firings are marked one by
 * one (never an `every step` penalty's), how many places are thinned, and what the caption says.
 */
import { describe, expect, it } from 'vitest';
import type { CellRecord, InterventionEvent, SeriesPoint } from '@plas/engine';
import { buildXScale } from '../src/analysis/curves.ts';
import { curveEvents, type CurveEvents, type EventMarker } from '../src/analysis/event-markers.ts';
import { eventMarks, MAX_MARKS } from '../src/charts/event-marks.ts';
import { curveSpec } from '../src/charts/curve-spec.ts';
import { makeCell, makeIr } from './fixtures.ts';

const ir = makeIr();
const ev = (name: string, step: number, extra: Partial<InterventionEvent> = {}): InterventionEvent => ({
  step,
  phase: 'tune',
  task: 0,
  name,
  params: {},
  trigger: 'at',
  firings: 1,
  layers: [],
  ...extra,
});

function cells(arm: string, events: (seed: number) => InterventionEvent[], edit: (c: CellRecord) => void = () => {}): CellRecord[] {
  return ir.seeds.map((seed) => {
    const c = makeCell(ir, arm, seed);
    c.events = events(seed);
    edit(c);
    return c;
  });
}

describe('where firings go on the x axis', () => {
  it('step axis: at the step, merged over seeds; every_step and summed firings are counted, not marked', () => {
    const fresh = cells('fresh', () => [
      ev('reset', 12),
      ev('l2', 32, { trigger: 'every_step', firings: 20, fromStep: 13 }),
      ev('redo', 32, { trigger: 'every', firings: 5, fromStep: 13 }),
    ]);
    const groups = [{ point: 'default', arm: 'fresh', cells: fresh }];
    const scale = buildXScale([fresh], 'test.accuracy');
    expect(scale.axis).toBe('step');
    const e = curveEvents(groups, 'test.accuracy', scale);
    expect(e.markers).toEqual([{ point: 'default', arm: 'fresh', intervention: 'reset', x: 12, step: 12, phase: 'tune', cells: 4 }]);
    expect(e.unmarked).toEqual([
      { point: 'default', arm: 'fresh', intervention: 'l2', why: 'every_step', firingsPerCell: 20 },
      { point: 'default', arm: 'fresh', intervention: 'redo', why: 'summed', firingsPerCell: 5 },
    ]);
  });

  it('measurement axis: at the x of the last measurement at or before the firing', () => {
    // seed 0 measures its tune epochs one step later: the steps differ, so x is the measurement index
    const shift = (c: CellRecord): void => {
      if (c.cell.seed !== 0) return;
      for (const points of Object.values(c.series)) for (const p of points as SeriesPoint[]) if (p.phase === 'tune') p.step += 1;
    };
    const fresh = cells('fresh', (seed) => [ev('reset', 12), ev('reset', seed === 0 ? 21 : 20)], shift);
    const scale = buildXScale([fresh], 'test.accuracy');
    expect(scale.axis).toBe('measurement');
    const e = curveEvents([{ point: 'default', arm: 'fresh', cells: fresh }], 'test.accuracy', scale);
    // 3 pretrain measurements (x 0..2), then tune from x 3: step 12 is the last pretrain one, step 20 (21) the 2nd of tune
    expect(e.markers.map((m) => [m.x, m.step, m.cells])).toEqual([
      [2, 12, 4],
      [4, 20, 4],
    ]);
  });

  it('task axis: halfway before the task the firing fell in', () => {
    const perTask = (c: CellRecord): void => {
      c.series = { 'test.accuracy': [0, 1, 2, 3].map((task) => ({ step: 10 * (task + 1), epoch: 1, examples: 0, phase: 'tasks', task, value: 0.5 })) };
    };
    const warm = cells('warm', () => [1, 2, 3].map((task) => ev('shrink_perturb', 10 * task, { phase: 'tasks', task, trigger: 'each_task' })), perTask);
    const scale = buildXScale([warm], 'test.accuracy');
    expect(scale.axis).toBe('task');
    const e = curveEvents([{ point: 'default', arm: 'warm', cells: warm }], 'test.accuracy', scale);
    expect(e.markers.map((m) => m.x)).toEqual([0.5, 1.5, 2.5]);
  });
});

describe('marks on a chart', () => {
  const marker = (arm: string, intervention: string, x: number): EventMarker => ({ point: 'p', arm, intervention, x, step: x, phase: 'tune', cells: 2 });

  it('one lane per arm and intervention in arm order; only the arms shown', () => {
    const events: CurveEvents = { markers: [marker('warm', 'redo', 5), marker('fresh', 'reset', 3), marker('fresh', 'reset_optimizer', 3), marker('other', 'x', 1)], unmarked: [] };
    const m = eventMarks(events, 'p', ['fresh', 'warm']);
    expect(m.lanes).toEqual(['fresh · reset', 'fresh · reset_optimizer', 'warm · redo']);
    expect(m.rows.map((r) => [r['lane'], r['x']])).toEqual([
      ['fresh · reset', 3],
      ['fresh · reset_optimizer', 3],
      ['warm · redo', 5],
    ]);
    expect(m.caption).toMatch(/^Triangles in the track above the plot, one lane per arm and intervention/);
    expect(eventMarks(events, 'elsewhere', ['fresh'])).toEqual({ rows: [], lanes: [], caption: '' });
  });

  it(`thins past ${MAX_MARKS} places to every k-th, and names what is not marked`, () => {
    const many = Array.from({ length: 100 }, (_, i) => marker('warm', 'redo', 10 * (i + 1)));
    const events: CurveEvents = { markers: many, unmarked: [{ point: 'p', arm: 'warm', intervention: 'l2', why: 'every_step', firingsPerCell: 400 }] };
    const m = eventMarks(events, 'p', ['warm']);
    expect(m.rows.map((r) => r['x'])).toEqual(Array.from({ length: 20 }, (_, i) => 10 * (5 * i + 1)));
    expect(m.caption).toContain("Thinned: 'warm' redo (100 places, every 5th marked).");
    expect(m.caption).toContain("Not marked: 'warm' l2 (acts on every step, 400 per cell).");
  });

  it('a chart with firings stacks an event track over the plot on one x scale; without, it is one plot', () => {
    const base = { title: 't', subtitle: 's', rows: [], arms: ['fresh', 'warm'], baseline: 'fresh', shared: false, xTitle: 'step', yTitle: 'y', layered: false, zeroRule: false, phases: [] };
    const events = eventMarks({ markers: [marker('fresh', 'reset', 12)], unmarked: [] }, 'p', ['fresh', 'warm']);
    const withMarks = curveSpec({ ...base, events }) as unknown as { vconcat: { height: number; data: { values: unknown[] } }[]; resolve: unknown };
    expect(withMarks.vconcat).toHaveLength(2);
    expect(withMarks.vconcat[0]?.data.values).toEqual(events.rows);
    expect(withMarks.resolve).toMatchObject({ scale: { x: 'shared' } });
    expect('vconcat' in curveSpec(base)).toBe(false);
    expect('vconcat' in curveSpec({ ...base, events: eventMarks({ markers: [], unmarked: [] }, 'p', ['fresh']) })).toBe(false);
  });
});
