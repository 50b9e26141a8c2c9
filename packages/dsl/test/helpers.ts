/** Test helpers: compile files under test/ through a virtual root so that paths in IR and diagnostics are stable. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileSource, type CompileOptions, type CompileResult } from '../src/index.ts';

export const testDir = dirname(fileURLToPath(import.meta.url));

/** Reads `rel` (a path relative to test/, e.g. 'golden/x.plas'), or null. */
export function readTestFile(rel: string): string | null {
  try {
    return readFileSync(join(testDir, rel), 'utf8');
  } catch {
    return null;
  }
}

/** Compiles test/<rel>; imports resolve inside test/ and paths stay relative ('golden/x.plas'). */
export function compileTestFile(rel: string, options: Omit<CompileOptions, 'readFile'> = {}): CompileResult {
  const text = readTestFile(rel);
  if (text === null) throw new Error(`missing test file ${rel}`);
  return compileSource(text, rel, { ...options, readFile: readTestFile });
}
