/** Finding names in an analysis: declarations by name (arms, phases, definitions) and a call's catalog entry. */
import type { CatalogEntry, CatalogKind, Declaration } from '@plas/dsl';
import type { FileSymbols } from '../analysis/analyze.ts';
import { catalogOf } from '../docs.ts';

export interface Found {
  path: string;
  declaration: Declaration;
}

function flatten(ds: readonly Declaration[]): Declaration[] {
  return ds.flatMap((d) => [d, ...flatten(d.children)]);
}

const definitionKinds = new Set(['data', 'model', 'optimizer', 'metrics']);

/** Arms, phases and repeats of the main file; definitions of every file. */
export function findDeclarations(files: readonly FileSymbols[], mainPath: string, name: string): Found[] {
  const out: Found[] = [];
  for (const f of files) {
    for (const d of flatten(f.declarations)) {
      if (d.name !== name || d.kind === 'stream' || d.kind === 'import') continue;
      if (f.path === mainPath || definitionKinds.has(d.kind)) out.push({ path: f.path, declaration: d });
    }
  }
  return out;
}

/** Names declared in the main file of the given kinds (phase names for `at `, arm names for `expect `). */
export function declaredNames(files: readonly FileSymbols[], mainPath: string, kinds: readonly string[]): Declaration[] {
  const main = files.find((f) => f.path === mainPath);
  return main ? flatten(main.declarations).filter((d) => kinds.includes(d.kind)) : [];
}

/** Definitions (`model mlp100 = mlp(...)`) of a kind, in every file. */
export function definitionsOf(files: readonly FileSymbols[], kind: string): Found[] {
  return files.flatMap((f) => f.declarations.filter((d) => d.kind === kind).map((declaration) => ({ path: f.path, declaration })));
}

const definitionKindOf: Partial<Record<CatalogKind, string>> = { data: 'data', model: 'model', optimizer: 'optimizer', metric: 'metrics' };

/** The catalog entry a call names: directly, or through a definition (`model mlp100(...)` → `mlp`). */
export function calleeEntry(files: readonly FileSymbols[], catalog: CatalogKind, callee: string): CatalogEntry | null {
  const entries = catalogOf(catalog);
  if (Object.prototype.hasOwnProperty.call(entries, callee)) return entries[callee]!;
  const defKind = definitionKindOf[catalog];
  if (!defKind) return null;
  const def = definitionsOf(files, defKind).find((f) => f.declaration.name === callee);
  const target = def?.declaration.detail;
  return target && Object.prototype.hasOwnProperty.call(entries, target) ? entries[target]! : null;
}
