/**
 * Invalid files: each test/invalid/*.plas starts with `// expect: LINE:COL code: message`, the diagnostic it must
 * produce (exact position, code and message text).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileSource } from '../src/index.ts';
import { compileTestFile, readTestFile, testDir } from './helpers.ts';

const files = readdirSync(join(testDir, 'invalid')).filter((f) => f.endsWith('.plas')).sort();

describe('invalid files', () => {
  it('has at least 40 cases', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
  });

  for (const f of files) {
    it(f, () => {
      const text = readTestFile(`invalid/${f}`)!;
      const m = /^\/\/ expect: (\d+):(\d+) ([a-z-]+): (.*)$/m.exec(text);
      expect(m, `${f} has no expect line`).not.toBeNull();
      const [, line, column, code, message] = m!;
      const r = compileTestFile(`invalid/${f}`);
      expect(r.ir).toBeNull();
      const found = r.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}: ${d.message}`);
      expect(found).toContain(`${line}:${column} ${code}: ${message}`);
      for (const d of r.diagnostics) {
        expect(d.file).toMatch(/^invalid\//);
        expect(d.endLine).toBeGreaterThanOrEqual(d.line);
      }
    });
  }

  it('reports several syntax errors in one pass (error recovery)', () => {
    const r = compileTestFile('invalid/syntax-several-errors.plas');
    expect(r.diagnostics.filter((d) => d.code === 'syntax').length).toBeGreaterThanOrEqual(2);
  });

  it('offers did-you-mean fixes as data', () => {
    const r = compileTestFile('invalid/unknown-intervention.plas');
    expect(r.diagnostics[0]!.fix).toEqual({ message: 'did you mean `shrink_perturb`?', replacement: 'shrink_perturb' });
  });

  it('suggests the keyword a misspelt statement meant', () => {
    expect(compileTestFile('invalid/misspelt-statement.plas').diagnostics[0]!.fix?.replacement).toBe('optimizer');
    expect(compileTestFile('invalid/misspelt-phase.plas').diagnostics[0]!.fix?.replacement).toBe('phase');
  });

  it('reports several semantic errors at once', () => {
    const text = readTestFile('invalid/unknown-metric.plas')!.replace('reset all', 'reset_all').replace('adam(lr: 1e-3)', 'adam(lr: 0)');
    const many = compileSource(text, 'many.plas');
    const codes = many.diagnostics.map((d) => `${d.line}:${d.code}`);
    expect(codes).toEqual(expect.arrayContaining(['5:out-of-range', '12:unknown-name', '14:unknown-name']));
  });
});

describe('the language sketch', () => {
  it('compiles the sketch as written (grad_norm(on: PHASE.data) is accepted)', () => {
    const sketch = readTestFile('../../../../shared/reference/language-sketch.md');
    if (sketch === null) return; // the reference folder is outside the repository
    const code = sketch.split('```')[1]!;
    const [warm, continual] = code.split('// continual.plas');
    const r = compileSource(warm!.replace('import "presets/mlp.plas"', ''), 'sketch.plas');
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.ir!.measure.map((m) => m.key)).toContain('grad_norm(on=pretrain,size=1000)');
    const c = compileSource(`// continual.plas${continual!}`, 'continual.plas');
    expect(c.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '8:54 selector `permute_pixels` takes no arguments: it draws a new transform for every task already',
    ]);
  });
});
