/** A sweep of 10,000+ points: `plas plan` says so, `plas run` refuses it without --yes (and --max-cells still applies). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run as plan } from '../src/commands/plan.ts';
import { run as runCommand } from '../src/commands/run.ts';
import { capture } from './capture.ts';

const dir = mkdtempSync(join(tmpdir(), 'plas-large-sweep-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sweepFile(lambdas: number, sigmas: number): string {
  const list = (n: number, scale: number) => `[${Array.from({ length: n }, (_, i) => (i * scale).toPrecision(6)).join(', ')}]`;
  const file = join(dir, `sweep-${lambdas}x${sigmas}.plas`);
  writeFileSync(
    file,
    `experiment big {
  data gaussian_mixture(train: 100, test: 50)
  model mlp(hidden: [4])
  optimizer adam(lr: 1e-3)
  seeds 1
  stream {
    phase a: train on all for 1 epoch
    phase b: train on all for 1 epoch
  }
  baseline fresh: at b: reset all
  arm sp: at b: shrink_perturb(shrink: 0.4, perturb: 0.1)
  measure every 1 epoch: test.accuracy
  sweep grid(sp.shrink: ${list(lambdas, 1 / lambdas)}, sp.perturb: ${list(sigmas, 0.001)})
}
`,
  );
  return file;
}

describe('a sweep of 10,000 points or more', () => {
  const big = sweepFile(100, 100);

  it('plas plan shows it and says that run asks for --yes', async () => {
    const r = await capture(plan, [big]);
    expect(r.code).toBe(0);
    // the baseline, which no axis touches, is one cell per seed shared by every point
    expect(r.stdout).toContain('cells: 10001 for 20000 arm × point × seed combinations (9999 share a cell');
    expect(r.stderr).toContain('plas plan: note: the sweep has 10,000 points (10,001 cells, 80,008 training steps); plas run asks for --yes to run it');
  });

  it('plas plan says nothing for 9,999 points', async () => {
    const r = await capture(plan, [sweepFile(99, 101)]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('--yes');
  });

  it('plas run refuses it without --yes, before anything is trained; with --yes the cell cap still applies', async () => {
    const store = join(dir, 'store');
    const r = await capture(runCommand, [big, '--store', store, '--out', join(dir, 'reports')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the sweep has 10,000 points (10,001 cells, 80,008 training steps); run it with --yes if you mean it');
    const yes = await capture(runCommand, [big, '--yes', '--store', store, '--out', join(dir, 'reports')]);
    expect(yes.code).toBe(1);
    expect(yes.stderr).toContain('10,001 cells (2 arms × 10000 sweep points × 1 seed; 1 arm the sweep leaves unchanged runs once per seed) exceed the limit of 10,000');
  });
});
