/**
 * An arm no sweep axis touches is one cell per seed, shared by every point; every other cell keeps the hash it had
 * before sharing existed (the run store keys cells by hash). The pins below were computed before the change.
 */
import { describe, expect, it } from 'vitest';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cellSlots, compileFile, compileSource, expandCells, hashCell, planSummary, sharedArms, type ExperimentIR } from '../src/index.ts';
import { TWO_EPOCHS_EACH, twoPhaseExperiment } from './two-phase-experiment.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const example = (name: string, quick: boolean): ExperimentIR => compileFile(join(ROOT, 'examples', name), { quick }).ir!;

const mixed = twoPhaseExperiment({
  stream: TWO_EPOCHS_EACH,
  arms: 'arm sp: at b: shrink_perturb(shrink: 0.4, perturb: 0.1)',
  sweep: 'sweep grid(lr: [1e-3, 1e-2], sp.shrink: [0.2, 0.6])',
});

describe('shared cells of a sweep', () => {
  it('the untouched baseline of the λ × σ example is one cell per seed at every point; the swept arm differs per point', () => {
    const ir = example('shrink-perturb-sweep.plas', true);
    expect([...sharedArms(ir)]).toEqual(['fresh']);
    const slots = cellSlots(ir);
    expect(slots).toHaveLength(2 * 4 * 2);
    for (const seed of ir.seeds) {
      const fresh = slots.filter((s) => s.arm === 'fresh' && s.seed === seed);
      expect(fresh.map((s) => s.pointLabel)).toHaveLength(4);
      expect(new Set(fresh.map((s) => s.cell.hash)).size).toBe(1);
      expect(fresh[0]!.cell.point).toEqual({});
      expect(fresh[0]!.cell.pointLabel).toBe('default');
      expect(new Set(slots.filter((s) => s.arm === 'shrink_perturb' && s.seed === seed).map((s) => s.cell.hash)).size).toBe(4);
    }
    const cells = expandCells(ir);
    expect(cells).toHaveLength(2 + 4 * 2);
    for (const c of cells) expect(hashCell(c)).toBe(c.hash);
    // the swept arm keeps its hashes from before sharing
    expect(cells.filter((c) => c.arm === 'shrink_perturb' && c.seed === 0).map((c) => c.hash)).toEqual([
      '72ceecb578feed135b18a0df4d92247950c0cd01a122ed763436457ca3c56102',
      '33a4916ac44ae92beee827dea4ec2568b3b5dc37c99b320298ed2df9864a11e6',
      '72fdc4f4d889e8c45a155be5c4ec1937bb434c68049baece55a3662dd546a810',
      'fd4a90d4578c7ad3969f4bdd06a2930e5afcdb4a212ac23462b328d3f0e9f0af',
    ]);
    const plan = planSummary(ir);
    expect([plan.cells, plan.combinations, plan.sharedArms]).toEqual([10, 16, ['fresh']]);
  });

  it('the shared cell is the cell the experiment without its sweep runs', () => {
    const ir = example('shrink-perturb-sweep.plas', true);
    const unswept = expandCells({ ...ir, sweep: null }).filter((c) => c.arm === 'fresh');
    expect(expandCells(ir).filter((c) => c.arm === 'fresh').map((c) => c.hash)).toEqual(unswept.map((c) => c.hash));
  });

  it('cells of experiments without a sweep keep their hashes', () => {
    const warm = expandCells(example('warm-start.plas', false));
    expect(warm).toHaveLength(210);
    // Pinned when the file had 10 seeds: raising the seed count adds cells and leaves these untouched.
    const cell = (arm: string, seed: number) => warm.find((c) => c.arm === arm && c.seed === seed)!.hash;
    expect([cell('fresh', 0), cell('warm', 0), cell('shrink_perturb', 9)]).toEqual([
      'c4bd7dae61b09d0f9103e48ebe4575c1d9164f193c4fcc54b221bcd77057de66',
      '5241ce75338afe1c93788ae99564d5f328a14400add28b9bb982eefb908d5f05',
      '8362c8cce956c3ef09c3cd4c8377f56e10b1231f0aef5ab15be99e63a39c7d3d',
    ]);
    const permuted = expandCells(example('permuted-mnist.plas', true));
    expect(permuted.map((c) => c.hash.slice(0, 12))).toEqual([
      '764f9fded946', '317df7dd11d1', '1bfedb1164be', 'c57d6777160c',
      '5b7445785c8d', '46765fe46ccf', 'd0526af0118c', '55a2222780cd', '6849e8b7e972', 'ff78946a95c7', 'bcd35a1f4676', 'a8941be41e2b',
    ]);
  });

  it('an arm touched by any axis (here the experiment-wide lr) keeps one cell per point and its hash', () => {
    const r = compileSource(mixed, 'e.plas');
    expect(r.diagnostics).toEqual([]);
    const ir = r.ir!;
    expect(sharedArms(ir).size).toBe(0);
    const cells = expandCells(ir);
    expect(cells).toHaveLength(16);
    expect(cells[0]!.hash).toBe('a323b5428c1d95c34f4894591c38bbf5a2924b8a6638428cc9b0e03568d54cd7');
    expect(cells[15]!.hash).toBe('96f9a36bdfa223f734cdc2c145657572eafbed5deb10511a74213e5b6b10bae5');
  });
});
