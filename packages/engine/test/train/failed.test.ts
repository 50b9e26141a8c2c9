import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Diagnostic } from '../../src/core/contracts.ts';
import { selectBackend } from '../../src/backend/select.ts';
import { runCell } from '../../src/train/index.ts';
import { gaussianCell, measure, phase } from './fixtures.ts';

// A metric that works at first and breaks after a few steps: the cell must end 'failed', keeping its series.
vi.mock('../../src/diagnostics/registry.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/diagnostics/registry.ts')>();
  const flaky: Diagnostic = (ctx) => {
    if (ctx.position.step > 6) throw new Error('flaky metric broke');
    return ctx.position.step;
  };
  return { ...original, getDiagnostic: (name: string) => (name === 'flaky' ? flaky : original.getDiagnostic(name)) };
});

let backend = '';
beforeAll(async () => {
  backend = await selectBackend('wasm');
});

describe('an error during training', () => {
  it("gives a 'failed' record with the message and the series so far", async () => {
    const rec = await runCell(
      gaussianCell({ stream: [phase('p', 20, 'steps')], measure: [measure('flaky', { kind: 'every', n: 3, unit: 'steps' })] }),
      { backend },
    );
    expect(rec.status).toBe('failed');
    expect(rec.error).toBe('flaky metric broke');
    expect(rec.divergence).toBeNull();
    expect(rec.series['flaky']!.map((p) => p.value)).toEqual([0, 3, 6]);
    expect(rec.timing.steps).toBe(9);
  });
});
