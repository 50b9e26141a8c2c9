import { describe, expect, it } from 'vitest';
import type { Trigger } from '@plas/dsl';
import type { CellRecord, SeriesPoint } from '@plas/engine';
import { breaksOf } from '../src/analysis/curve-breaks.ts';
import { bandOf, buildXScale, curveRows, differenceRows, type CurvePoint } from '../src/analysis/curves.ts';
import { clip, differenceDomain, metricDomain } from '../src/analysis/metric-domain.ts';
import { drawnRows, phaseSpans, SHARED } from '../src/charts/curve-rows.ts';
import { accuracy, accuracyAfter, makeCell, makeIr } from './fixtures.ts';

const ir = makeIr();
const span = { file: 't.plas', line: 1, column: 1, length: 1 };

function pt(step: number, epoch: number, phase = 'p', task = 0): SeriesPoint {
  return { step, epoch, examples: step, phase, task, value: 0.5 };
}

function withTriggers(...triggers: Trigger[]): CellRecord {
  const c = makeCell(ir, 'warm', 0);
  c.cell.interventions = triggers.map((trigger) => ({ name: 'reset', params: {}, trigger, span }));
  return c;
}

describe('where a line breaks', () => {
  it('at a new phase or task, and at a second measurement of one step', () => {
    const points = [pt(0, 0), pt(4, 1), pt(4, 0, 'q'), pt(8, 1, 'q'), pt(8, 1, 'q'), pt(12, 2, 'q'), pt(16, 1, 'q', 1)];
    expect(breaksOf(withTriggers(), points, true)).toEqual([false, false, true, false, true, false, true]);
  });

  it('after an `every N steps` intervention: it fires after the measurement at its step', () => {
    const points = [pt(0, 0), pt(4, 1), pt(8, 2), pt(12, 3), pt(16, 4), pt(20, 5)];
    expect(breaksOf(withTriggers({ kind: 'every', n: 8, unit: 'steps' }), points, true)).toEqual([false, false, false, true, false, true]);
    // measured every 5 steps: the firings at 8 and 16 lie between 5 and 10, and between 15 and 20
    const coarse = [pt(0, 0), pt(5, 1), pt(10, 2), pt(15, 3), pt(20, 4)];
    expect(breaksOf(withTriggers({ kind: 'every', n: 8, unit: 'steps' }), coarse, true)).toEqual([false, false, true, false, true]);
  });

  it('once, not twice, when the measurement right after the intervention is recorded', () => {
    const points = [pt(4, 1), pt(8, 2), pt(8, 2), pt(12, 3), pt(16, 4), pt(16, 4)];
    expect(breaksOf(withTriggers({ kind: 'every', n: 8, unit: 'steps' }), points, true)).toEqual([false, false, true, false, false, true]);
  });

  it('after an `every N epochs` intervention, epochs counted over the stream', () => {
    // pretrain ends after 3 epochs; the 4th epoch of the stream is tune's 1st: every 2 epochs fires after 2 and 4
    const points = [pt(4, 1, 'a'), pt(8, 2, 'a'), pt(12, 3, 'a'), pt(16, 1, 'b'), pt(20, 2, 'b'), pt(24, 3, 'b')];
    expect(breaksOf(withTriggers({ kind: 'every', n: 2, unit: 'epochs' }), points, true)).toEqual([false, false, true, true, true, false]);
  });

  it('not at task starts or task-start triggers of a per-task series (one point per task)', () => {
    const points = [pt(10, 1, 't', 0), pt(20, 1, 't', 1), pt(30, 1, 't', 2)];
    expect(breaksOf(withTriggers({ kind: 'each_task', phase: 't' }), points, false)).toEqual([false, false, false]);
  });
});

describe('bands', () => {
  it('are the t-interval from 3 values, min–max for 2, none for 1', () => {
    expect(bandOf([1, 2, 3]).band).toBe('t');
    expect(bandOf([0.9, 0.7])).toEqual({ low: 0.7, high: 0.9, band: 'min-max' });
    expect(bandOf([0.9])).toEqual({ low: null, high: null, band: 'none' });
  });

  it('are clipped to the catalog domain of the metric', () => {
    expect(metricDomain('test.accuracy')).toEqual({ min: 0, max: 1 });
    expect(metricDomain('train.loss')).toEqual({ min: 0, max: Infinity });
    // dead_units: per layer a fraction, its total a count
    expect(metricDomain('dead_units(probe=2000)')).toEqual({ min: 0, max: 1 });
    expect(metricDomain('dead_units(probe=2000)', 'total')).toEqual({ min: 0, max: Infinity });
    expect(metricDomain('sharpness')).toEqual({ min: -Infinity, max: Infinity });
    expect(metricDomain('no_such_metric')).toEqual({ min: -Infinity, max: Infinity });
    expect(differenceDomain(metricDomain('test.accuracy'))).toEqual({ min: -1, max: 1 });
    expect(differenceDomain(metricDomain('train.loss'))).toEqual({ min: -Infinity, max: Infinity });
    expect([clip(-0.2, { min: 0, max: 1 }), clip(1.2, { min: 0, max: 1 }), clip(0.4, { min: 0, max: 1 }), clip(null, { min: 0, max: 1 })]).toEqual([0, 1, 0.4, null]);
  });
});

describe('a measurement right after an intervention', () => {
  const fresh = ir.seeds.map((s) => makeCell(ir, 'fresh', s, { afterIntervention: true }));
  const warm = ir.seeds.map((s) => makeCell(ir, 'warm', s, { afterIntervention: true }));
  const scale = buildXScale([fresh, warm], 'test.accuracy');

  it('is a second row at the same x, in a new stretch', () => {
    expect(scale.axis).toBe('step');
    const rows = curveRows(fresh, 'test.accuracy', scale, false, 'fresh', 'default');
    const at12 = rows.filter((r) => r.x === 12);
    expect(at12.map((r) => [r.seq, r.phase, r.segment])).toEqual([
      [0, 'pretrain', 0],
      [1, 'tune', 1],
    ]);
    expect(at12[0]?.mean).toBeCloseTo(ir.seeds.reduce((s, seed) => s + accuracy('fresh', seed, 'pretrain', 3), 0) / 4, 12);
    expect(at12[1]?.mean).toBeCloseTo(ir.seeds.reduce((s, seed) => s + accuracyAfter('fresh', seed), 0) / 4, 12);
    expect(rows.find((r) => r.x === 16)?.segment).toBe(1);
  });

  it('sits at the phase boundary on the measurement axis, apart from the measurements it follows', () => {
    // seed 1 stops pretraining one epoch early (an `until` rule): steps after it shift by 4
    const early = makeCell(ir, 'fresh', 1, { afterIntervention: true });
    early.series['test.accuracy'] = (early.series['test.accuracy'] ?? [])
      .filter((p) => !(p.phase === 'pretrain' && p.epoch === 3))
      .map((p) => (p.phase === 'tune' ? { ...p, step: p.step - 4 } : p));
    const cells = [fresh[0] as CellRecord, early];
    const measured = buildXScale([cells], 'test.accuracy');
    expect(measured.axis).toBe('measurement');
    expect(measured.of(fresh[0] as CellRecord)).toEqual([0, 1, 2, 2, 3, 4, 5, 6, 7]);
    expect(measured.of(early)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const rows = curveRows(cells, 'test.accuracy', measured, false, 'fresh', 'default');
    expect(rows.filter((r) => r.x === 2).map((r) => [r.seq, r.n, r.phase])).toEqual([
      [0, 1, 'pretrain'],
      [1, 2, 'tune'],
    ]);
    expect(rows.find((r) => r.x === 2 && r.seq === 1)?.mean).toBeCloseTo((accuracyAfter('fresh', 0) + accuracyAfter('fresh', 1)) / 2, 12);
  });

  it('breaks the difference to the baseline too, also where only the baseline has it', () => {
    const rows = differenceRows(warm, fresh, 'test.accuracy', scale, 'warm', 'default');
    expect(rows.map((r) => [r.x, r.seq, r.segment])).toEqual([
      [4, 0, 0],
      [8, 0, 0],
      [12, 0, 0],
      [16, 0, 1],
      [20, 0, 1],
      [24, 0, 1],
      [28, 0, 1],
      [32, 0, 1],
    ]);
  });
});

describe('the rows a chart draws', () => {
  const cells = ir.arms.map((a) => ir.seeds.map((s) => makeCell(ir, a.name, s, { afterIntervention: true })));
  const scale = buildXScale(cells, 'test.accuracy');
  const rows = ir.arms.flatMap((a, i) => curveRows(cells[i] as CellRecord[], 'test.accuracy', scale, false, a.name, 'default'));
  const arms = ir.arms.map((a) => a.name);

  it('draw the stretch every arm shares once, and each arm from where it differs', () => {
    const { rows: drawn, shared } = drawnRows(rows, arms, 'fresh', metricDomain('test.accuracy'));
    expect(shared).toBe(true);
    expect(drawn.filter((r) => r['arm'] === SHARED).map((r) => r['x'])).toEqual([4, 8, 12]);
    expect(drawn.filter((r) => r['arm'] === SHARED).every((r) => r['role'] === 'shared')).toBe(true);
    // the pretraining point before the reset is not repeated per arm: each arm starts a new stretch there
    expect(drawn.filter((r) => r['arm'] === 'fresh').map((r) => [r['x'], r['seq']])[0]).toEqual([12, 1]);
    expect(drawn.filter((r) => r['arm'] === 'fresh').every((r) => r['role'] === 'baseline')).toBe(true);
    expect(drawn.filter((r) => r['arm'] === 'warm').map((r) => r['x'])[0]).toBe(16);
    expect(phaseSpans(drawn)).toEqual([
      { phase: 'pretrain', start: 4, end: 12, shade: 0 },
      { phase: 'tune', start: 12, end: 32, shade: 1 },
    ]);
  });

  it('share nothing when the arms differ from the first measurement, and keep a shared point an arm continues from', () => {
    const differ = rows.map((r) => (r.arm === 'warm' && r.x === 4 ? { ...r, mean: r.mean + 0.01 } : r));
    expect(drawnRows(differ, arms, 'fresh', metricDomain('test.accuracy')).shared).toBe(false);
    // without post-intervention points and phases, an arm's line continues from the last shared row
    const flat: CurvePoint[] = ['a', 'b'].flatMap((arm) =>
      [0, 1, 2, 3].map((x) => ({ point: '', arm, layer: null, x, n: 3, mean: x < 2 || arm === 'a' ? x : 10 * x, low: null, high: null, seq: 0, segment: 0, phase: 'p', band: 't' as const })),
    );
    const drawn = drawnRows(flat, ['a', 'b'], null, metricDomain('test.accuracy')).rows;
    expect(drawn.filter((r) => r['arm'] === SHARED).map((r) => r['x'])).toEqual([0, 1]);
    expect(drawn.filter((r) => r['arm'] === 'b').map((r) => r['x'])).toEqual([1, 2, 3]);
  });

  it('clip bands to the domain and mark a stretch of one row to be drawn as a point', () => {
    const wide: CurvePoint[] = [
      { point: '', arm: 'a', layer: null, x: 0, n: 2, mean: 0.5, low: -0.2, high: 1.2, seq: 0, segment: 0, phase: 'p', band: 'min-max' },
      { point: '', arm: 'a', layer: null, x: 1, n: 2, mean: 0.6, low: 0.5, high: 0.7, seq: 0, segment: 1, phase: 'p', band: 'min-max' },
      { point: '', arm: 'a', layer: null, x: 2, n: 2, mean: 0.7, low: 0.6, high: 0.8, seq: 0, segment: 1, phase: 'p', band: 'min-max' },
    ];
    const drawn = drawnRows(wide, ['a'], null, metricDomain('test.accuracy')).rows;
    expect(drawn.map((r) => [r['low'], r['high'], r['alone']])).toEqual([
      [0, 1, 1],
      [0.5, 0.7, 0],
      [0.6, 0.8, 0],
    ]);
  });
});
