/** The formatter: canonical, idempotent, keeps comments, never changes the IR hash. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileSource, formatSource } from '../src/index.ts';
import { readTestFile, testDir } from './helpers.ts';

const goldens = readdirSync(join(testDir, 'golden'))
  .filter((f) => f.endsWith('.plas'))
  .map((f) => `golden/${f}`);
const examples = ['../../../examples/warm-start.plas', '../../../examples/permuted-mnist.plas'];

function hashOf(text: string, file: string): string | undefined {
  return compileSource(text, file, { readFile: readTestFile }).ir?.hash;
}

describe('formatSource', () => {
  for (const f of [...goldens, ...examples, 'golden/presets/defs.plas']) {
    it(`round-trips ${f}`, () => {
      const text = readTestFile(f)!;
      const once = formatSource(text, f);
      expect(once.diagnostics).toEqual([]);
      const twice = formatSource(once.text!, f);
      expect(twice.text).toBe(once.text);
      if (!f.includes('presets')) {
        const h = hashOf(text, f);
        expect(h).toBeDefined();
        expect(hashOf(once.text!, f)).toBe(h);
      }
    });
  }

  it('the committed examples are already formatted', () => {
    for (const f of examples) {
      const text = readTestFile(f)!;
      expect(formatSource(text, f).text).toBe(text);
    }
  });

  const messy = [
    '// head comment',
    'experiment   x{data mnist (train:100,test : 10) model mlp(hidden:[ 100,100 ]) optimizer adam( lr:1e-3 )',
    ' stream{ phase a : train on subset( 0.5 )|permute_pixels for 2 epochs /* inline */ repeat 3 tasks as t: train on all for 1 epoch}',
    '',
    '',
    '',
    ' baseline fresh:at a:reset all,reset optimizer // why',
    ' arm r: at a: reset layers[ -2 .. ]',
    '    every step: l2_init(1e-2)',
    ' measure every 1 epoch: test.accuracy,',
    '    dead_units(probe:2000)',
    ' expect fresh-r>-0.5',
    '}',
  ].join('\n');

  const expected = [
    '// head comment',
    'experiment x {',
    '  data mnist(train: 100, test: 10)',
    '  model mlp(hidden: [100, 100])',
    '  optimizer adam(lr: 1e-3)',
    '  stream {',
    '    phase a: train on subset(0.5) | permute_pixels for 2 epochs /* inline */',
    '    repeat 3 tasks as t: train on all for 1 epoch',
    '  }',
    '',
    '  baseline fresh: at a: reset all, reset optimizer  // why',
    '  arm r: at a: reset layers[-2..]',
    '    every step: l2_init(1e-2)',
    '  measure every 1 epoch: test.accuracy,',
    '    dead_units(probe: 2000)',
    '  expect fresh - r > -0.5',
    '}',
    '',
  ].join('\n');

  it('lays out a messy file canonically', () => {
    expect(formatSource(messy, 'm.plas').text).toBe(expected);
  });

  it('keeps every comment', () => {
    const out = formatSource(messy, 'm.plas').text!;
    for (const c of ['// head comment', '/* inline */', '// why']) expect(out).toContain(c);
  });

  it('refuses a file that does not parse, with diagnostics', () => {
    const r = formatSource('experiment x { data mnist(', 'bad.plas');
    expect(r.text).toBeNull();
    expect(r.diagnostics[0]!.code).toBe('syntax');
  });
});
