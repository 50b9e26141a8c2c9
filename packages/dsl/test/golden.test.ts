/**
 * Golden tests: every construct of the language, compiled to IR and compared with committed JSON snapshots
 * (test/golden/<name>.ir.json and <name>.quick.ir.json). Regenerate with UPDATE_GOLDEN=1 after reviewing a change.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson, expandCells, hashIr, renderDiagnostics } from '../src/index.ts';
import { compileTestFile, readTestFile, testDir } from './helpers.ts';

const files = readdirSync(join(testDir, 'golden')).filter((f) => f.endsWith('.plas')).sort();

describe('golden IR', () => {
  it('covers several files', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
  });

  for (const f of files) {
    for (const quick of [false, true]) {
      const snapshot = `golden/${f.replace(/\.plas$/, quick ? '.quick.ir.json' : '.ir.json')}`;
      it(`${f}${quick ? ' (quick)' : ''} matches ${snapshot}`, () => {
        const r = compileTestFile(`golden/${f}`, { quick });
        expect(renderDiagnostics(r.diagnostics, r.sources)).toBe('');
        expect(r.ir).not.toBeNull();
        const ir = r.ir!;
        expect(ir.profile).toBe(quick ? 'quick' : 'default');
        expect(ir.hash).toBe(hashIr(ir));
        const json = JSON.stringify(ir, null, 2) + '\n';
        if (process.env['UPDATE_GOLDEN'] || !existsSync(join(testDir, snapshot))) writeFileSync(join(testDir, snapshot), json);
        expect(json).toBe(readTestFile(snapshot));
        // Canonical JSON is stable under key order.
        expect(canonicalJson(JSON.parse(json))).toBe(canonicalJson(ir));
        expect(expandCells(ir).length).toBe(ir.arms.length * ir.seeds.length * sweepSize(ir.sweep));
      });
    }
  }
});

function sweepSize(s: { kind: 'grid' | 'zip'; axes: { values: unknown[] }[] } | null): number {
  if (!s) return 1;
  return s.kind === 'zip' ? s.axes[0]!.values.length : s.axes.reduce((n, a) => n * a.values.length, 1);
}
