/** `plas plan`: arms, seeds, cells and steps, with and without the quick profile. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as command } from '../src/commands/plan.ts';
import { capture as captureWith } from './capture.ts';

const capture = (argv: string[]) => captureWith(command, argv);

const root = join(import.meta.dirname, '../../..');

describe('plas plan', () => {
  it('prints the plan of the warm-start example', async () => {
    const r = await capture([join(root, 'examples/warm-start.plas')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('experiment warm_start_gap (default)');
    expect(r.stdout).toContain('baseline fresh: reset, reset_optimizer');
    expect(r.stdout).toContain('cells: 210');
    // 3 arms × 70 seeds; pretrain: 1000 examples / 128 → 8 steps × 100 epochs; tune: 2000 / 128 → 16 × 150.
    expect(r.stdout).toContain('steps per cell: 3,200');
  });

  it('--quick --json applies the quick profile', async () => {
    const r = await capture([join(root, 'examples/permuted-mnist.plas'), '--quick', '--json']);
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout) as { profile: string; seeds: number[]; cells: number; stream: { steps: number }[] };
    expect(p.profile).toBe('quick');
    expect(p.seeds).toEqual([0, 1]);
    expect(p.cells).toBe(6 * 2);
    // 3 tasks × 1000 examples / 16 → 63 steps each.
    expect(p.stream[0]!.steps).toBe(3 * 63);
  });

  it('fails with diagnostics on an invalid file and on bad usage', async () => {
    const r = await capture([join(root, 'packages/dsl/test/invalid/unknown-metric.plas')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[unknown-name]');
    expect((await capture([])).code).toBe(1);
    expect((await capture(['--help'])).stdout).toContain('usage: plas plan');
  });
});
