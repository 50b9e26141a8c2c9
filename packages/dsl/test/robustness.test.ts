/** Hostile input: bad bytes, empty files, huge files, absurd nesting. Diagnostics, never a stack trace, and fast. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFile, compileSource, MAX_NESTING, parseSource } from '../src/index.ts';

function timed<T>(f: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
}

describe('hostile input', () => {
  it('a NUL byte', () => {
    const r = compileSource('experiment x {\n  data mn\u0000ist\n}', 'nul.plas');
    expect(r.diagnostics[0]).toMatchObject({ code: 'bad-encoding', line: 2, column: 10 });
  });

  it('invalid UTF-8 bytes in a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plas-bytes-'));
    try {
      const p = join(dir, 'bad.plas');
      writeFileSync(p, Buffer.concat([Buffer.from('experiment x {\n  '), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('\n}\n')]));
      const r = compileFile(p);
      expect(r.ir).toBeNull();
      expect(r.diagnostics[0]).toMatchObject({ code: 'bad-encoding', line: 2, column: 3 });
      expect(r.diagnostics[0]!.message).toContain('not valid UTF-8');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an empty file and a whitespace-only file', () => {
    for (const t of ['', '  \n\n\t', '/* only */ // comments']) {
      expect(compileSource(t, 'e.plas').diagnostics.map((d) => d.code)).toEqual(['empty-file']);
    }
  });

  it('a 10 MB file is refused quickly', () => {
    const big = 'experiment x {\n' + '  // filler filler filler filler filler filler filler filler filler filler\n'.repeat(140_000) + '}\n';
    expect(big.length).toBeGreaterThan(10_000_000);
    const { value, ms } = timed(() => compileSource(big, 'big.plas'));
    expect(value.diagnostics.map((d) => d.code)).toEqual(['file-too-large']);
    expect(ms).toBeLessThan(2000);
  });

  it('100k nested brackets give a diagnostic, not a stack overflow', () => {
    for (const open of ['[', '(', '{']) {
      const { value, ms } = timed(() => compileSource(`experiment x { seeds ${open.repeat(100_000)}`, 'deep.plas'));
      expect(value.diagnostics[0]!.code).toBe('too-deep');
      expect(value.diagnostics[0]!.message).toContain(String(MAX_NESTING));
      expect(ms).toBeLessThan(3000);
    }
  });

  it('nesting just under the limit parses (and is rejected semantically)', () => {
    const depth = MAX_NESTING - 2;
    const r = parseSource(`experiment x { model mlp(hidden: ${'['.repeat(depth)}1${']'.repeat(depth)}) }`, 'n.plas');
    expect(r.diagnostics).toEqual([]);
  });

  it('a very long line and many statements compile', () => {
    const metrics = Array.from({ length: 2000 }, () => 'test.accuracy').join(', ');
    const r = compileSource(
      `experiment x { data mnist model mlp optimizer sgd(lr: 0.1) stream { phase a: train on all for 1 step } arm a measure every 1 step: ${metrics} }`,
      'long.plas',
    );
    expect(r.diagnostics[0]!.code).toBe('duplicate-name');
  });

  it('unterminated comment and string', () => {
    expect(compileSource('experiment x { /* never closed', 'c.plas').diagnostics[0]!.message).toContain('unterminated comment');
    expect(compileSource('import "x\nexperiment', 's.plas').diagnostics[0]!.message).toContain('unterminated string');
  });

  it('absurd numbers are range errors', () => {
    const r = compileSource(
      'experiment x { data mnist(train: 1e400) model mlp optimizer sgd(lr: 0.1) stream { phase a: train on all for 1 step } arm a }',
      'n.plas',
    );
    expect(r.diagnostics[0]).toMatchObject({ code: 'out-of-range' });
  });
});
