/** Imports with real temp files: resolution relative to the importer, definitions, cycles, missing files. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFile, renderDiagnostics } from '../src/index.ts';

let dir: string;
const body = `
  data mnist(train: 100, test: 10)
  optimizer adam(lr: 1e-3)
  stream { phase a: train on all for 1 epoch }
  arm only
  measure every 1 epoch: test.accuracy
`;

function write(rel: string, text: string): string {
  const p = join(dir, rel);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, text);
  return p;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'plas-imports-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('imports', () => {
  it('resolves relative to the importing file and uses its definitions', () => {
    write('lib/models.plas', 'import "../lib2/opt.plas"\nmodel tiny = mlp(hidden: [8], activation: tanh)\n');
    write('lib2/opt.plas', 'optimizer slow = sgd(lr: 0.01)\nmetrics basic = test.accuracy, weight_norm\n');
    const main = write(
      'exp/main.plas',
      `import "../lib/models.plas"\nexperiment e {\n  data mnist(train: 100, test: 10)\n  model tiny(hidden: [4])\n  optimizer slow\n  stream { phase a: train on all for 1 epoch }\n  arm only\n  measure every 1 epoch: basic\n}\n`,
    );
    const r = compileFile(main);
    expect(renderDiagnostics(r.diagnostics, r.sources)).toBe('');
    expect(r.ir!.model).toEqual({ kind: 'mlp', hidden: [4], activation: 'tanh', layerNorm: false, init: 'torch_default' });
    expect(r.ir!.optimizer).toEqual({ kind: 'sgd', lr: 0.01 });
    expect(r.ir!.measure.map((m) => m.key)).toEqual(['test.accuracy', 'weight_norm']);
    expect(r.ir!.sources).toEqual([main, join(dir, 'lib/models.plas'), join(dir, 'lib2/opt.plas')]);
  });

  it('reports a cycle with the whole chain', () => {
    write('cyc/a.plas', 'import "b.plas"\nmodel m = mlp\n');
    write('cyc/b.plas', 'import "c.plas"\n');
    write('cyc/c.plas', 'import "a.plas"\n');
    const main = write('cyc/main.plas', `import "a.plas"\nexperiment e {${body} model m\n}\n`);
    const r = compileFile(main);
    expect(r.ir).toBeNull();
    const d = r.diagnostics.find((x) => x.code === 'import-cycle')!;
    expect(d.file).toBe(join(dir, 'cyc/c.plas'));
    expect(d.line).toBe(1);
    expect(d.column).toBe(1);
    expect(d.message).toMatch(/^import cycle: .*a\.plas → .*b\.plas → .*c\.plas → .*a\.plas$/);
  });

  it('reports a file importing itself', () => {
    const main = write('self.plas', `import "self.plas"\nexperiment e {${body} model mlp\n}\n`);
    const r = compileFile(main);
    expect(r.diagnostics.map((d) => d.code)).toContain('import-cycle');
  });

  it('reports a missing import at the import line', () => {
    const main = write('miss.plas', `// first\nimport "nope/none.plas"\nexperiment e {${body} model mlp\n}\n`);
    const r = compileFile(main);
    const d = r.diagnostics.find((x) => x.code === 'import-missing')!;
    expect([d.line, d.column]).toEqual([2, 1]);
    expect(d.message).toContain('`nope/none.plas`');
  });

  it('reports a definition given twice across files', () => {
    write('dup/a.plas', 'model m = mlp\n');
    const main = write('dup/main.plas', `import "a.plas"\nmodel m = cnn\nexperiment e {${body} model m\n}\n`);
    const r = compileFile(main);
    const d = r.diagnostics.find((x) => x.code === 'duplicate-name')!;
    expect(d.message).toContain('model `m` is already defined');
  });

  it('reports a missing main file without throwing', () => {
    const r = compileFile(join(dir, 'does-not-exist.plas'));
    expect(r.ir).toBeNull();
    expect(r.diagnostics[0]!.code).toBe('import-missing');
  });

  it('injects readFile for in-memory imports', async () => {
    const { compileSource } = await import('../src/index.ts');
    const files: Record<string, string> = { 'v/defs.plas': 'model m = mlp(hidden: [3])\n' };
    const r = compileSource(`import "defs.plas"\nexperiment e {${body} model m\n}\n`, 'v/main.plas', { readFile: (p) => files[p] ?? null });
    expect(r.ir!.model).toMatchObject({ hidden: [3] });
  });
});
