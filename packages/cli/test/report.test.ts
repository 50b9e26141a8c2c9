import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { ExperimentIR } from '@plas/dsl';
import type { CellRecord, ExperimentRecord, SeriesPoint } from '@plas/engine';
import { run } from '../src/commands/report.ts';

const tmp = mkdtempSync(join(tmpdir(), 'plas-cli-report-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const span = { file: 'x.plas', line: 1, column: 1, length: 1 };

/** A two-arm experiment whose arm 'warm' is 0.1 below the baseline 'fresh' on every seed. */
function ir(name: string, hash: string): ExperimentIR {
  return {
    irVersion: 1,
    name,
    profile: 'quick',
    data: { kind: 'gaussian_mixture', classes: 2, dim: 2, separation: 3, train: 20, test: 10 },
    model: { kind: 'mlp', hidden: [4], activation: 'relu', layerNorm: false, init: 'he_uniform' },
    optimizer: { kind: 'sgd', lr: 0.1 },
    loss: 'cross_entropy',
    batch: 4,
    seeds: [0, 1, 2],
    stream: [{ kind: 'phase', name: 'train', data: [{ kind: 'all' }], duration: { kind: 'fixed', amount: 4, unit: 'epochs' }, span }],
    arms: [
      { name: 'fresh', role: 'baseline', interventions: [], span },
      { name: 'warm', role: 'arm', interventions: [], span },
    ],
    measure: [{ metric: 'test.accuracy', params: {}, key: 'test.accuracy', cadence: { kind: 'every', n: 1, unit: 'epochs' }, span }],
    compare: { metric: 'test.accuracy', window: { count: 2, unit: 'epochs', phase: 'train' }, better: 'higher', span },
    expect: [{ left: 'fresh', right: 'warm', op: '>', value: 0, text: 'fresh - warm > 0', span }],
    sweep: null,
    sources: [`${name}.plas`],
    hash,
  };
}

function cell(e: ExperimentIR, arm: string, seed: number): CellRecord {
  const series: SeriesPoint[] = [1, 2, 3, 4].map((epoch) => ({
    step: 5 * epoch,
    epoch,
    examples: 20 * epoch,
    phase: 'train',
    task: 0,
    value: 0.5 + 0.05 * epoch + 0.01 * seed - (arm === 'warm' ? 0.1 : 0),
  }));
  return {
    schema: 'plas.cell/1',
    status: 'complete',
    cell: {
      experiment: e.name,
      experimentHash: e.hash,
      arm,
      role: arm === 'fresh' ? 'baseline' : 'arm',
      point: {},
      pointLabel: 'default',
      seed,
      data: e.data,
      model: e.model,
      optimizer: e.optimizer,
      loss: e.loss,
      batch: e.batch,
      stream: e.stream,
      interventions: [],
      measure: e.measure,
      hash: `${e.hash.slice(0, 8)}${arm}${seed}`,
    },
    backend: 'wasm',
    versions: { node: 'v20.20.0' },
    timing: { startedAt: '2026-11-01T10:00:00.000Z', finishedAt: `2026-11-01T10:0${seed}:00.000Z`, wallMs: 1000, steps: 20, stepsPerSecond: 20 },
    divergence: null,
    error: null,
    series: { 'test.accuracy': series },
  };
}

function writeStore(root: string, experiments: ExperimentIR[]): void {
  mkdirSync(join(root, 'experiments'), { recursive: true });
  mkdirSync(join(root, 'cells'), { recursive: true });
  for (const e of experiments) {
    const cells = ['fresh', 'warm'].flatMap((arm) => e.seeds.map((s) => cell(e, arm, s)));
    const record: ExperimentRecord = {
      schema: 'plas.experiment/1',
      ir: e,
      file: `${e.name}.plas`,
      cells: cells.map((c) => c.cell.hash),
      updatedAt: '2026-11-01T11:00:00.000Z',
      backend: 'wasm',
    };
    writeFileSync(join(root, 'experiments', `${e.hash}.json`), JSON.stringify(record));
    for (const c of cells) writeFileSync(join(root, 'cells', `${c.cell.hash}.json`), JSON.stringify(c));
  }
}

function capture(): { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  return { out: () => out, err: () => err };
}

const store = join(tmp, 'store');
writeStore(store, [ir('alpha', 'a'.repeat(64)), ir('beta', 'b'.repeat(64))]);

describe('plas report', () => {
  it('prints its options with --help', async () => {
    const io = capture();
    expect(await run(['--help'])).toBe(0);
    expect(io.out()).toMatch(/--store DIR[\s\S]*--out DIR[\s\S]*--experiment[\s\S]*--site DIR/);
  });

  it('writes every experiment into <out>/<name>/ and prints the verdicts', async () => {
    const out = join(tmp, 'reports');
    const io = capture();
    expect(await run(['--store', store, '--out', out])).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['alpha', 'beta']);
    expect(readdirSync(join(out, 'alpha'))).toEqual(expect.arrayContaining(['report.md', 'report.html', 'final-test.accuracy.svg', 'arms.csv']));
    expect(io.out()).toContain(`report: ${join(out, 'alpha', 'report.md')}`);
    expect(io.out()).toMatch(/PASSED\s+fresh - warm > 0/);
  });

  it('writes one experiment chosen by name or hash prefix', async () => {
    const out = join(tmp, 'one');
    capture();
    expect(await run(['--store', store, '--out', out, '--experiment', 'beta'])).toBe(0);
    expect(await run(['--store', store, '--out', out, '--experiment', 'aaaaaa'])).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['alpha', 'beta']);
    expect(readFileSync(join(out, 'beta', 'report.md'), 'utf8')).toContain('# Report: beta');
  });

  it('writes a static site with --site', async () => {
    const site = join(tmp, 'site');
    const io = capture();
    expect(await run(['--store', store, '--site', site])).toBe(0);
    expect(readdirSync(site)).toEqual(expect.arrayContaining(['index.html', 'index.md', 'alpha', 'beta']));
    expect(readFileSync(join(site, 'index.html'), 'utf8')).toContain('href="alpha/report.html"');
    expect(io.out()).toContain(`site: ${join(site, 'index.html')}`);
  });

  it('fails with a clear message, never a stack trace', async () => {
    const io = capture();
    expect(await run(['--store', join(tmp, 'missing')])).toBe(1);
    expect(await run(['--store', store, '--experiment', 'gamma'])).toBe(1);
    expect(await run(['--bogus'])).toBe(1);
    expect(await run(['--store', store, '--site', 'x', '--experiment', 'alpha'])).toBe(1);
    const err = io.err();
    expect(err).toContain("plas report: no run store at '");
    expect(err).toContain("no experiment 'gamma' in the run store");
    expect(err).toContain("Unknown option '--bogus'");
    expect(err).toContain('leave out --experiment');
    expect(err).not.toMatch(/\n\s+at /);
  });
});
