/**
 * The one checked reader of cell records: a record the store wrote loads; an edited, truncated, mis-filed,
 * mis-shaped or out-of-domain one is rejected with a reason naming the field, so the runner recomputes it and the
 * report never averages it. Records from before checksums (Plas 0.1.0) still load after the shape check.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileSource, expandCells } from '@plas/dsl';
import { cellChecksum, checkCellRecord, readCellFile, RunStore, type CellRecord } from '../../src/store/index.ts';

const SOURCE = `experiment tiny {
  data gaussian_mixture(train: 40, test: 20)
  model mlp(hidden: [4])
  optimizer adam(lr: 1e-3)
  seeds 1
  stream { phase p: train on all for 1 epochs }
  baseline fresh
  measure every 1 epoch: test.accuracy, dead_units
}`;

function record(): CellRecord {
  const { ir } = compileSource(SOURCE, 'tiny.plas');
  if (ir === null) throw new Error('fixture does not compile');
  const cell = expandCells(ir)[0]!;
  return {
    schema: 'plas.cell/1',
    status: 'complete',
    cell,
    backend: 'cpu',
    versions: { node: '20' },
    timing: { startedAt: '2026-12-03T00:00:00.000Z', finishedAt: '2026-12-03T00:00:01.000Z', wallMs: 1000, steps: 3, stepsPerSecond: 3 },
    divergence: null,
    error: null,
    series: {
      'test.accuracy': [{ step: 3, epoch: 1, examples: 40, phase: 'p', task: 0, value: 0.55 }],
      dead_units: [{ step: 3, epoch: 1, examples: 40, phase: 'p', task: 0, value: { dense_0: 0.25, total: 1 } }],
    },
  };
}

const dirs: string[] = [];
function store(): RunStore {
  const dir = mkdtempSync(join(tmpdir(), 'plas-records-'));
  dirs.push(dir);
  return new RunStore(dir);
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('cell records in the store', () => {
  it('a written record carries its checksum and loads back equal', () => {
    const s = store();
    const r = record();
    s.writeCell(r);
    const loaded = s.readCell(r.cell.hash);
    expect(loaded?.checksum).toBe(cellChecksum(r));
    expect({ ...loaded, checksum: undefined }).toEqual({ ...r, checksum: undefined });
    expect(s.isDone(r.cell.hash)).toBe(true);
  });

  it('an edited value is caught by the checksum, and the cell counts as not done', () => {
    const s = store();
    const r = record();
    s.writeCell(r);
    const path = s.cellPath(r.cell.hash);
    writeFileSync(path, readFileSync(path, 'utf8').replace('0.55', '0.95'));
    expect(readCellFile(s.root, r.cell.hash)).toEqual({ state: 'invalid', reason: 'checksum mismatch: the file was changed after it was written' });
    expect(s.readCell(r.cell.hash)).toBeNull();
    expect(s.isDone(r.cell.hash)).toBe(false);
  });

  it('a truncated file is not valid JSON', () => {
    const s = store();
    const r = record();
    s.writeCell(r);
    const path = s.cellPath(r.cell.hash);
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.slice(0, text.length / 2));
    expect(readCellFile(s.root, r.cell.hash)).toEqual({ state: 'invalid', reason: 'not valid JSON (truncated or edited)' });
  });

  it('a missing file is missing, not invalid', () => {
    expect(readCellFile(store().root, 'f'.repeat(64))).toEqual({ state: 'missing' });
  });

  it('names the field of a mis-shaped record', () => {
    const r = record();
    const bad = (mutate: (x: Record<string, unknown>) => void): string => {
      const copy = structuredClone(r) as unknown as Record<string, unknown>;
      mutate(copy);
      const checked = checkCellRecord(copy, r.cell.hash);
      return checked.ok ? 'ok' : checked.reason;
    };
    expect(bad(() => {})).toBe('ok');
    expect(bad((x) => (x['status'] = 'done'))).toMatch(/^status "done"/);
    expect(bad((x) => ((x['series'] as Record<string, { value: unknown }[]>)['test.accuracy']![0]!.value = 'high'))).toBe(
      'series["test.accuracy"][0].value is not a number, null or a map of numbers',
    );
    expect(checkCellRecord(r, 'a'.repeat(64))).toEqual({ ok: false, reason: 'cell.hash does not match the file name' });
  });

  it('rejects a value outside its metric domain, even with a valid checksum', () => {
    const r = record();
    r.series['test.accuracy']![0]!.value = 1.5;
    const signed = { ...r, checksum: cellChecksum(r) };
    expect(checkCellRecord(signed, r.cell.hash)).toEqual({ ok: false, reason: 'test.accuracy = 1.5 at step 3 is outside its domain (within [0, 1])' });
    // A per-layer fraction's `total` is a count, so 1 is fine there but not in a layer.
    const layers = record();
    layers.series['dead_units']![0]!.value = { dense_0: 2, total: 1 };
    expect(checkCellRecord({ ...layers, checksum: cellChecksum(layers) }, r.cell.hash)).toMatchObject({ ok: false });
  });

  it('loads a record written before checksums (Plas 0.1.0) after the shape check', () => {
    const r = record();
    expect(checkCellRecord(r, r.cell.hash)).toEqual({ ok: true, record: r });
  });
});
