/**
 * Property test: valid files mutated at random (characters and tokens deleted, inserted, replaced, slices
 * duplicated) never make an exception escape, never hit an internal error, and always yield well-formed diagnostics.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileSource, formatSource, parseSource } from '../src/index.ts';
import { readTestFile } from './helpers.ts';

const seeds = ['golden/warm-start.plas', 'golden/continual.plas', 'golden/selectors.plas', 'golden/regression.plas', '../../../examples/permuted-mnist.plas'].map(
  (f) => readTestFile(f)!,
);

const snippets = ['{', '}', '(', ')', '[', ']', ':', ',', '.', '..', '|', '-', '=', '>=', '<', '"', '/*', '//', '\n', ' ', '\u0000', '\ufffd', 'é', '1e-3', '-2', '0..4', 'phase', 'arm', 'at', 'every', 'reset', 'set', 'train on', 'for', 'until', 'max', 'experiment', 'quick', 'repeat', 'tasks', 'epochs', 'all', 'layers[-2..]', 'baseline', 'import "x.plas"'];

type Mutation = { kind: 'delete' | 'insert' | 'replace' | 'duplicate'; at: number; len: number; text: string };

const mutation = fc.record({
  kind: fc.constantFrom<Mutation['kind']>('delete', 'insert', 'replace', 'duplicate'),
  at: fc.nat(),
  len: fc.integer({ min: 1, max: 40 }),
  text: fc.oneof(fc.constantFrom(...snippets), fc.string({ maxLength: 6 })),
});

function apply(text: string, m: Mutation): string {
  const at = m.at % (text.length + 1);
  switch (m.kind) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.len);
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'replace':
      return text.slice(0, at) + m.text + text.slice(at + m.len);
    case 'duplicate':
      return text.slice(0, at + m.len) + text.slice(at, at + m.len) + text.slice(at + m.len);
  }
}

function wellFormed(diags: { line: number; column: number; endLine: number; message: string; code: string }[]): void {
  for (const d of diags) {
    expect(Number.isInteger(d.line) && d.line >= 1).toBe(true);
    expect(Number.isInteger(d.column) && d.column >= 1).toBe(true);
    expect(d.endLine).toBeGreaterThanOrEqual(d.line);
    expect(d.message).not.toMatch(/internal error|could not parse the file/);
  }
}

describe('mutated files', () => {
  it('never throw and always give well-formed results', () => {
    fc.assert(
      fc.property(fc.nat({ max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), (which, muts) => {
        const text = muts.reduce(apply, seeds[which]!);
        const r = compileSource(text, 'fuzz.plas', { readFile: () => null, quick: muts.length % 2 === 0 });
        wellFormed(r.diagnostics);
        if (r.ir) expect(r.ir.hash).toMatch(/^[0-9a-f]{64}$/);
        else expect(r.diagnostics.length).toBeGreaterThan(0);
        const f = formatSource(text, 'fuzz.plas');
        wellFormed(f.diagnostics);
        if (f.text !== null) expect(formatSource(f.text, 'fuzz.plas').text).toBe(f.text);
      }),
      { numRuns: 400, seed: 20261129 },
    );
  });

  it('survives random token soup', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...snippets), { maxLength: 200 }), (parts) => {
        const r = parseSource(parts.join(' '), 'soup.plas');
        wellFormed(r.diagnostics);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
