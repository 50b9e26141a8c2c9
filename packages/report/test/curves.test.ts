import { describe, expect, it } from 'vitest';
import type { CellRecord } from '@plas/engine';
import { buildXScale, curveRows, differenceRows } from '../src/analysis/curves.ts';
import { accuracy, makeCell, makeIr } from './fixtures.ts';

const ir = makeIr();

/** A cell whose pretrain phase stopped one epoch early (as an `until` rule would): later steps shift by 4. */
function shortPretrain(arm: string, seed: number): CellRecord {
  const c = makeCell(ir, arm, seed);
  for (const key of Object.keys(c.series)) {
    const points = c.series[key] ?? [];
    c.series[key] = points.filter((p) => !(p.phase === 'pretrain' && p.epoch === 3)).map((p) => (p.phase === 'tune' ? { ...p, step: p.step - 4 } : p));
  }
  return c;
}

describe('curves', () => {
  it('use the step axis when seeds share their steps, with the mean and t-band per step', () => {
    const cells = ir.seeds.map((s) => makeCell(ir, 'fresh', s));
    const scale = buildXScale([cells], 'test.accuracy');
    expect(scale.axis).toBe('step');
    expect(scale.phaseStarts).toEqual([{ x: 12, phase: 'tune' }]);
    const rows = curveRows(cells, 'test.accuracy', scale, false, 'fresh', '');
    const at16 = rows.find((r) => r.x === 16);
    const values = ir.seeds.map((s) => accuracy('fresh', s, 'tune', 1));
    expect(at16?.n).toBe(4);
    expect(at16?.mean).toBeCloseTo(values.reduce((a, b) => a + b) / 4, 12);
    // sd of 0.02·[0,1,2,3] = 0.02·√(5/3); t(0.975, 3) = 3.182446
    expect((at16?.high ?? 0) - (at16?.mean ?? 0)).toBeCloseTo((3.182446305 * 0.02 * Math.sqrt(5 / 3)) / 2, 8);
  });

  it('align measurements at phase starts when seeds stop a phase at different steps', () => {
    const cells = [makeCell(ir, 'fresh', 0), shortPretrain('fresh', 1)];
    const scale = buildXScale([cells], 'test.accuracy');
    expect(scale.axis).toBe('measurement');
    expect(scale.of(cells[0] as CellRecord)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(scale.of(cells[1] as CellRecord)).toEqual([0, 1, 3, 4, 5, 6, 7]);
    expect(scale.phaseStarts).toEqual([{ x: 2, phase: 'tune' }]);
    const rows = curveRows(cells, 'test.accuracy', scale, false, 'fresh', '');
    expect(rows.find((r) => r.x === 2)?.n).toBe(1);
    const firstTune = rows.find((r) => r.x === 3);
    expect(firstTune?.n).toBe(2);
    expect(firstTune?.mean).toBeCloseTo((accuracy('fresh', 0, 'tune', 1) + accuracy('fresh', 1, 'tune', 1)) / 2, 12);
  });

  it('draw per-layer values without a total one line per layer', () => {
    const cells = ir.seeds.map((s) => makeCell(ir, 'warm', s));
    const scale = buildXScale([cells], 'weight_norm');
    const rows = curveRows(cells, 'weight_norm', scale, true, 'warm', '');
    expect([...new Set(rows.map((r) => r.layer))]).toEqual(['dense_1', 'dense_2']);
    expect(rows.find((r) => r.layer === 'dense_2' && r.x === 4)?.mean).toBeCloseTo(1 + 0.05 + 0.01 * 1.5, 12);
  });

  it('pair the difference to the baseline by seed at each x', () => {
    const warm = ir.seeds.map((s) => makeCell(ir, 'warm', s));
    const fresh = ir.seeds.slice(1).map((s) => makeCell(ir, 'fresh', s));
    const scale = buildXScale([warm, fresh], 'test.accuracy');
    const rows = differenceRows(warm, fresh, 'test.accuracy', scale, 'warm', '');
    expect(rows.find((r) => r.x === 4)).toMatchObject({ n: 3, mean: 0 });
    expect(rows.find((r) => r.x === 32)?.mean).toBeCloseTo(-0.05, 12);
  });
});

describe('per-task series', () => {
  it('use the task index as x', () => {
    const repeat = makeIr({ stream: [{ kind: 'repeat', name: 'task', count: 3, data: [{ kind: 'permute_pixels' }], duration: { kind: 'fixed', amount: 1, unit: 'epochs' }, span: { file: 'p.plas', line: 1, column: 1, length: 1 } }] });
    const cells = [0, 1].map((seed) => {
      const c = makeCell(repeat, 'fresh', seed);
      c.series = { 'online.accuracy': [0, 1, 2].map((task) => ({ step: 10 * (task + 1) + seed, epoch: 1, examples: 0, phase: 'task', task, value: 0.5 + 0.1 * task + 0.01 * seed })) };
      return c;
    });
    const scale = buildXScale([cells], 'online.accuracy');
    expect(scale.axis).toBe('task');
    const rows = curveRows(cells, 'online.accuracy', scale, false, 'fresh', 'default');
    expect(rows.map((r) => [r.x, r.n])).toEqual([[0, 2], [1, 2], [2, 2]]);
    expect(rows[2]?.mean).toBeCloseTo(0.705, 12);
  });
});
