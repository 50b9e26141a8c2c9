/**
 * No behaviour change for existing files: the experiment hash of every example and suite file (default and quick
 * profile) is pinned here. A change to the catalog, the resolver or the lowering that changes one fails this test;
 * if the change is meant, update the file and say why in the commit (the run store keys cells by these hashes).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileFile } from '../src/index.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const pinned = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'experiment-hashes.json'), 'utf8')) as Record<
  string,
  { default: string; quick: string }
>;
const FILES = ['examples', 'packages/benchmarks/suite'].flatMap((dir) =>
  readdirSync(join(ROOT, dir))
    .filter((f) => f.endsWith('.plas'))
    .map((f) => `${dir}/${f}`),
);

describe('experiment hashes of the examples and the suite', () => {
  it('every file is pinned', () => {
    expect(FILES.sort()).toEqual(Object.keys(pinned).sort());
  });

  it.each(FILES)('%s keeps its hash', (file) => {
    for (const profile of ['default', 'quick'] as const) {
      const r = compileFile(join(ROOT, file), { quick: profile === 'quick' });
      expect(r.ir?.hash, `${file} (${profile})`).toBe(pinned[file]![profile]);
    }
  });
});
