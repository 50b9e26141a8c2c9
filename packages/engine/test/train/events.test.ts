/**
 * Intervention events in the record, and the measurement right after an intervention: real training on a small
 * Gaussian mixture, one cell per trigger kind.
 */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/backend/select.ts';
import { createModel } from '../../src/models/index.ts';
import { EventLog, snapshot } from '../../src/train/events.ts';
import { runCell } from '../../src/train/index.ts';
import { cellChecksum, checkCellRecord, withChecksum } from '../../src/store/index.ts';
import { gaussianCell, intervention, measure, phase } from './fixtures.ts';

const twoPhases = [phase('a', 2, 'epochs'), phase('b', 2, 'epochs')];
const every = [measure('test.accuracy', { kind: 'every', n: 1, unit: 'epochs' }), measure('weight_norm', { kind: 'every', n: 4, unit: 'steps' })];

describe('intervention events', () => {
  it('a phase-start shrink_perturb and reset write one event each, with norms, changed fractions and units; a second point at that step', async () => {
    const backend = await selectBackend('wasm');
    const cell = gaussianCell({
      stream: twoPhases,
      measure: every,
      interventions: [
        intervention('shrink_perturb', { shrink: 0.4, perturb: 0.1 }, { kind: 'at', phase: 'b' }),
        intervention('reset', { layers: { kind: 'head' } }, { kind: 'at', phase: 'b' }),
        intervention('reset_optimizer', {}, { kind: 'at', phase: 'b' }),
      ],
    });
    const rec = await runCell(cell, { backend });
    expect(rec.status).toBe('complete');
    const events = rec.events!;
    expect(events.map((e) => [e.name, e.step, e.phase, e.task, e.trigger, e.firings])).toEqual([
      ['shrink_perturb', 16, 'b', 0, 'at', 1],
      ['reset', 16, 'b', 0, 'at', 1],
      ['reset_optimizer', 16, 'b', 0, 'at', 1],
    ]);
    // resolved parameters: the default noise is filled in
    expect(events[0]!.params).toEqual({ shrink: 0.4, perturb: 0.1, noise: 'fresh_init' });
    const sp = events[0]!.layers;
    expect(sp.map((l) => l.layer)).toEqual(['dense0', 'head']);
    for (const l of sp) {
      expect(l.changed).toBe(1);
      expect(l.normAfter).not.toBe(l.normBefore);
      expect(l.units).toBeUndefined();
    }
    expect(events[1]!.layers.map((l) => [l.layer, l.units])).toEqual([['head', 3]]);
    expect(events[2]!.layers).toEqual([]); // the optimiser state is not a weight
    // the head's norm before the reset is the one shrink_perturb left
    expect(events[1]!.layers[0]!.normBefore).toBe(sp[1]!.normAfter);
    // a point right after the interventions, at the same step, marked; the online-free series only
    const acc = rec.series['test.accuracy']!;
    const at16 = acc.filter((p) => p.step === 16);
    expect(at16.map((p) => [p.phase, p.afterIntervention ?? false])).toEqual([
      ['a', false],
      ['b', true],
    ]);
    const norms = rec.series['weight_norm']!.filter((p) => p.step === 16);
    expect(norms).toHaveLength(2);
    expect(norms[1]!.value).not.toEqual(norms[0]!.value);
  });

  it('every-N-steps firings are single events; every-step ones and penalties one summary per task', async () => {
    const backend = await selectBackend('wasm');
    const cell = gaussianCell({
      stream: twoPhases,
      measure: every,
      interventions: [
        intervention('redo', { tau: 0.5, probe: 32 }, { kind: 'every', n: 6, unit: 'steps' }),
        intervention('continual_backprop', { rate: 0.1, maturity: 2 }, { kind: 'every_step' }),
        intervention('l2', { strength: 1e-3 }, { kind: 'every_step' }),
      ],
    });
    const rec = await runCell(cell, { backend });
    expect(rec.status).toBe('complete');
    const redo = rec.events!.filter((e) => e.name === 'redo');
    expect(redo.map((e) => e.step)).toEqual([6, 12, 18, 24, 30]);
    for (const e of redo) {
      expect(e.firings).toBe(1);
      // units are recycled in the hidden layer; the head changes too when they are (their outgoing weights → 0)
      expect(e.layers.filter((l) => l.units !== undefined).map((l) => l.layer)).toEqual(['dense0']);
      const head = e.layers.find((l) => l.layer === 'head');
      expect(head === undefined || head.units === undefined).toBe(true);
      expect(head !== undefined).toBe(e.layers[0]!.units! > 0);
    }
    const cbp = rec.events!.filter((e) => e.name === 'continual_backprop');
    expect(cbp.map((e) => [e.phase, e.fromStep, e.step, e.firings])).toEqual([
      ['a', 1, 16, 16],
      ['b', 17, 32, 16],
    ]);
    const replaced = cbp.reduce((n, e) => n + (e.layers[0]?.units ?? 0), 0);
    expect(replaced).toBeGreaterThan(0);
    expect(cbp[0]!.layers[0]!.normBefore).toBeUndefined(); // summaries carry no norms
    const l2 = rec.events!.filter((e) => e.name === 'l2');
    expect(l2.map((e) => [e.phase, e.fromStep, e.step, e.firings, e.layers.length])).toEqual([
      ['a', 1, 16, 16, 0],
      ['b', 17, 32, 16, 0],
    ]);
    // weight_norm is measured every 4 steps: step 12 (a multiple of 4 and 6) has a point before redo and one after
    // it; step 6 has only the one after
    const wn = rec.series['weight_norm']!;
    expect(wn.filter((p) => p.step === 12).map((p) => p.afterIntervention ?? false)).toEqual([false, true]);
    expect(wn.filter((p) => p.step === 6).map((p) => p.afterIntervention ?? false)).toEqual([true]);
  });

  it('events are record content: checksummed, shape-checked, identical on a rerun', async () => {
    const backend = await selectBackend('wasm');
    const cell = gaussianCell({
      stream: twoPhases,
      measure: every,
      interventions: [intervention('shrink_perturb', { shrink: 0.5, perturb: 0.05 }, { kind: 'every', n: 1, unit: 'epochs' })],
    });
    const a = withChecksum(await runCell(cell, { backend }));
    const b = withChecksum(await runCell(cell, { backend }));
    expect(b.events).toEqual(a.events);
    expect(b.series).toEqual(a.series);
    expect(a.events).toHaveLength(4);
    expect(checkCellRecord(a, cell.hash).ok).toBe(true);
    const edited = structuredClone(a);
    edited.events![0]!.layers[0]!.normAfter = 1;
    expect(checkCellRecord(edited, cell.hash)).toEqual({ ok: false, reason: 'checksum mismatch: the file was changed after it was written' });
    const misShaped = structuredClone(a) as unknown as { events: { layers: { normBefore: unknown }[] }[] };
    misShaped.events[0]!.layers[0]!.normBefore = 'big';
    const bad = { ...(misShaped as unknown as typeof a) };
    bad.checksum = cellChecksum(bad);
    expect(checkCellRecord(bad, cell.hash)).toEqual({ ok: false, reason: 'events[0].layers[0].normBefore is neither a number nor null' });
  });

  it('a norm that is not finite is stored as null and flagged, never a crash', async () => {
    await selectBackend('wasm');
    const model = createModel({ kind: 'mlp', hidden: [4], activation: 'relu', layerNorm: false, init: 'he_uniform' }, [3], 2, 7);
    try {
      const spec = intervention('shrink_perturb', { shrink: 0.5, perturb: 0 }, { kind: 'at', phase: 'p' });
      const log = new EventLog(model, []);
      const iv = { spec, impl: { name: 'shrink_perturb' } };
      const before = snapshot(model);
      const w = model.params.get(model.layers[0]!.weight)!;
      w.assign(tf.fill(w.shape, Number.NaN));
      log.fired(iv, { step: 3, epoch: 0, examples: 0, phase: 'p', task: 0 }, undefined, before, snapshot(model));
      const [e] = log.list();
      expect(e!.layers[0]).toMatchObject({ layer: 'dense0', normAfter: null, changed: 12 / 16 }); // the weights, not the bias
      expect(e!.nonFinite).toEqual(['dense0.normAfter']);
      const json = JSON.parse(JSON.stringify(e)) as typeof e;
      expect(json).toEqual(e);
    } finally {
      model.dispose();
    }
  });
});
