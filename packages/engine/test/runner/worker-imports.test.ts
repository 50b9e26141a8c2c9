/**
 * A cell worker starts for every file of a run (36 times in `pnpm bench`): what it loads at start is paid each
 * time. The language's parser (chevrotain, which loads ~650 lodash-es modules) cost each worker ~0.7 s of CPU before
 * the engine imported the IR's functions from `@plas/dsl/contract`. This test follows the worker's static imports
 * (the engine's and the dsl's sources; `import type` is erased) and fails when any of them reaches the parser.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ENGINE_SRC = join(dirname(fileURLToPath(import.meta.url)), '../../src');
const DSL_SRC = join(ENGINE_SRC, '../../dsl/src');
/** The dsl's entry points by specifier, as its package.json's `source` condition maps them. */
const DSL_ENTRIES: Record<string, string> = { '@plas/dsl': join(DSL_SRC, 'index.ts'), '@plas/dsl/contract': join(DSL_SRC, 'contract/index.ts') };

/** The specifiers a module loads when it is evaluated: static imports and re-exports that are not type-only. */
function runtimeSpecifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/\/\*[^]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  const found: string[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?([^;'"]*?\bfrom\s+)?['"]([^'"]+)['"]/gm)) {
    if (m[2] === undefined) found.push(m[4]!);
  }
  return found;
}

/** Every module the entry loads, and every package outside the two sources (bare specifiers). */
function loadGraph(entry: string): { modules: Set<string>; packages: Set<string> } {
  const modules = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (modules.has(file)) return;
    modules.add(file);
    for (const spec of runtimeSpecifiers(file)) {
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        visit(existsSync(target) ? target : `${target}.ts`);
      } else if (spec in DSL_ENTRIES) visit(DSL_ENTRIES[spec]!);
      else packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  };
  visit(entry);
  return { modules, packages };
}

describe('what a cell worker loads at start', () => {
  const graph = loadGraph(join(ENGINE_SRC, 'runner/worker.ts'));

  it('follows the real graph: the engine, the contract, tfjs', () => {
    expect(graph.modules.has(join(DSL_SRC, 'contract/index.ts'))).toBe(true);
    expect(graph.packages).toContain('@tensorflow/tfjs-core');
    expect(graph.modules.size).toBeGreaterThan(50);
  });

  it('never reaches the parser', () => {
    const parserModules = [...graph.modules].filter((f) => /dsl\/src\/(parser|parse|tokens|cst-to-ast|compile)\.ts$/.test(f));
    expect(parserModules).toEqual([]);
    expect(graph.packages).not.toContain('chevrotain');
    expect(graph.modules.has(DSL_ENTRIES['@plas/dsl']!)).toBe(false);
  });
});
