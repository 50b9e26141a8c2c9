/** The one reader of experiment records: what the store wrote loads; anything else is named, never half-used. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileSource } from '@plas/dsl';
import { experimentFileNames, readExperimentFile, RunStore } from '../../src/store/index.ts';

const root = mkdtempSync(join(tmpdir(), 'plas-experiments-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('experiment records', () => {
  it('reads back what the store wrote, and names what is not a record', () => {
    const { ir } = compileSource(
      'experiment e {\n data gaussian_mixture(train: 40, test: 20)\n model mlp(hidden: [4])\n optimizer sgd(lr: 0.1)\n seeds 1\n stream { phase p: train on all for 1 epochs }\n baseline fresh\n measure every 1 epoch: test.accuracy\n}\n',
      'e.plas',
    );
    if (ir === null) throw new Error('fixture does not compile');
    const store = new RunStore(root);
    const record = { schema: 'plas.experiment/1' as const, ir, file: 'e.plas', cells: ['a'.repeat(64)], updatedAt: '2026-12-03T00:00:00.000Z', backend: 'wasm' };
    store.writeExperiment(record);
    writeFileSync(join(root, 'experiments', 'bad.json'), JSON.stringify({ ...record, cells: [1, 2] }));
    expect(experimentFileNames(root)).toEqual(['bad.json', `${ir.hash}.json`]);
    expect(readExperimentFile(root, `${ir.hash}.json`)).toEqual({ state: 'ok', record });
    expect(readExperimentFile(root, 'bad.json')).toEqual({ state: 'invalid', reason: 'cells is not a list of cell hashes' });
    expect(readExperimentFile(root, 'gone.json')).toEqual({ state: 'missing' });
    expect(store.listExperiments()).toEqual([record]);
  });
});
