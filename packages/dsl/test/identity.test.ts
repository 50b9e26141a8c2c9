/**
 * Identity comes from meaning, not spelling: formatting a file (or writing it more tersely) never changes the
 * experiment's hash, so `plas fmt --write` never makes the store think it holds a new experiment.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileSource, formatSource } from '../src/index.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const FILES = [
  ...readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.plas')).map((f) => join(ROOT, 'examples', f)),
  ...readdirSync(join(ROOT, 'packages/benchmarks/suite')).filter((f) => f.endsWith('.plas')).map((f) => join(ROOT, 'packages/benchmarks/suite', f)),
];

function hashOf(text: string, file: string, quick = false): string {
  const r = compileSource(text, file, { quick });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.ir!.hash;
}

describe('formatting never changes identity', () => {
  it.each(FILES.map((f) => [f.slice(ROOT.length + 1), f]))('%s: plas fmt keeps the hash (default and quick)', (_name, file) => {
    const text = readFileSync(file as string, 'utf8');
    const formatted = formatSource(text, file as string);
    expect(formatted.text).not.toBeNull();
    for (const quick of [false, true]) expect(hashOf(formatted.text!, file as string, quick)).toBe(hashOf(text, file as string, quick));
  });

  it('an expectation written tersely hashes like the canonical spelling', () => {
    const file = join(ROOT, 'examples', 'warm-start.plas');
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/expect fresh - warm > 0/);
    const terse = text.replace('expect fresh - warm > 0', 'expect   fresh-warm>0');
    expect(hashOf(terse, file)).toBe(hashOf(text, file));
  });
});
