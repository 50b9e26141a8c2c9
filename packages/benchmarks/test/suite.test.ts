/**
 * The suite files themselves: each compiles cleanly in both profiles, states its finding, has a quick profile that
 * really is smaller, and the quick profiles together stay within the training budget that keeps
 * `pnpm bench --quick` under 10 minutes on 2 cores.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileFile, planSummary, renderDiagnostics, type ExperimentIR } from '@plas/dsl';
import { estimateRun, PLAIN_WASM } from '../src/budget.ts';
import { benchmarkName, suiteFiles } from '../src/suite.ts';

const files = suiteFiles();

/**
 * Estimated time (budget.ts at plain tfjs-wasm speed, the slower calibration, so the promise holds without the native
 * accelerator; 2 workers) allowed to one file's quick profile and to the whole quick suite; the 10-minute promise of
 * `pnpm bench --quick` leaves room for start-up and data loading.
 */
const WORKERS = 2;
const QUICK_MINUTES_PER_FILE = 1.5;
const QUICK_MINUTES_TOTAL = 7;
const minutes = (ir: ExperimentIR) => estimateRun(ir, PLAIN_WASM).workerMs / WORKERS / 60_000;

function compiled(file: string, quick: boolean): ExperimentIR {
  const { ir, diagnostics } = compileFile(file, { quick });
  expect(diagnostics.length === 0 ? '' : renderDiagnostics(diagnostics)).toBe('');
  expect(ir).not.toBeNull();
  return ir as ExperimentIR;
}

describe('the suite', () => {
  it('has the ten benchmarks of the brief, the capacity study and the narrow-network interventions and stopping at fit, numbered', () => {
    expect(files.length).toBeGreaterThanOrEqual(13);
    for (const f of files) expect(benchmarkName(f)).toMatch(/^\d\d-[a-z0-9-]+$/);
    const numbers = new Set(files.map((f) => benchmarkName(f).slice(0, 2)));
    expect([...numbers].sort()).toEqual(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16']);
  });

  describe.each(files.map((f) => [benchmarkName(f), f]))('%s', (_name, file) => {
    it('compiles without any diagnostic in the default and the quick profile', () => {
      expect(compiled(file, false).profile).toBe('default');
      expect(compiled(file, true).profile).toBe('quick');
    });

    it('states its finding with expect, against arms it declares, and a compare', () => {
      const ir = compiled(file, false);
      expect(ir.expect.length).toBeGreaterThan(0);
      const arms = new Set(ir.arms.map((a) => a.name));
      for (const e of ir.expect) {
        expect(arms.has(e.left)).toBe(true);
        expect(arms.has(e.right)).toBe(true);
      }
      expect(ir.compare).not.toBeNull();
      expect(ir.seeds.length).toBeGreaterThanOrEqual(3);
    });

    it('has a quick profile that trains less than the default', () => {
      expect(readFileSync(file, 'utf8')).toMatch(/\bquick\s*\{/);
      const full = planSummary(compiled(file, false));
      const quick = planSummary(compiled(file, true));
      expect(quick.totalSteps).toBeLessThan(full.totalSteps);
      expect(minutes(compiled(file, true))).toBeLessThanOrEqual(QUICK_MINUTES_PER_FILE);
    });
  });

  it('keeps the quick profiles together within the budget', () => {
    const total = files.reduce((sum, f) => sum + minutes(compiled(f, true)), 0);
    expect(total).toBeLessThanOrEqual(QUICK_MINUTES_TOTAL);
  });
});
