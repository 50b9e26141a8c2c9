/**
 * Go to definition: an import's path opens the file; a definition's name (`model mlp100`) jumps to it in whichever
 * imported file declares it; an arm (`expect fresh - warm`) or a phase (`at tune:`) to its declaration.
 */
import { existsSync } from 'node:fs';
import * as nodePath from 'node:path';
import { tokenAt, tokenRole, type EditorToken } from '@plas/dsl';
import type { FileSymbols } from '../analysis/analyze.ts';
import { findDeclarations, type Found } from './lookup.ts';

export interface DefinitionTarget {
  path: string;
  /** 1-based, inclusive, as in the language's spans; null for "the start of the file". */
  span: { line: number; column: number; endLine: number; endColumn: number } | null;
}

/** Which declaration kinds a name may mean, by the statement it is in. */
const preferred: Record<string, readonly string[]> = {
  data: ['data'],
  model: ['model'],
  optimizer: ['optimizer'],
  measure: ['metrics', 'phase', 'repeat'],
  compare: ['metrics', 'phase', 'repeat'],
  metrics: ['metrics'],
  expect: ['arm', 'baseline'],
  arm: ['phase', 'repeat'],
  baseline: ['phase', 'repeat'],
  phase: ['phase', 'repeat'],
  repeat: ['phase', 'repeat'],
};

function rank(found: Found, kinds: readonly string[] | undefined): number {
  if (!kinds) return 0;
  const i = kinds.indexOf(found.declaration.kind);
  return i === -1 ? kinds.length : i;
}

export function definition(tokens: readonly EditorToken[], offset: number, files: readonly FileSymbols[], mainPath: string): DefinitionTarget | null {
  const i = tokenAt(tokens, offset);
  if (i === null) return null;
  const t = tokens[i]!;
  if (t.category === 'string') {
    const prev = tokens.slice(0, i).reverse().find((x) => x.category !== 'comment');
    if (prev?.image !== 'import') return null;
    let path: string;
    try {
      path = JSON.parse(t.image) as string;
    } catch {
      return null;
    }
    const target = nodePath.isAbsolute(path) ? path : nodePath.normalize(nodePath.join(nodePath.dirname(mainPath), path));
    return existsSync(target) ? { path: target, span: null } : null;
  }
  if (t.category !== 'name' && t.category !== 'keyword') return null;
  const role = tokenRole(tokens, i);
  if (role.isKey) return null;
  const kinds = role.statement ? preferred[role.statement] : undefined;
  const found = findDeclarations(files, mainPath, t.image).sort((a, b) => rank(a, kinds) - rank(b, kinds));
  const best = found[0];
  if (!best) return null;
  const s = best.declaration.nameSpan;
  return { path: best.path, span: { line: s.line, column: s.column, endLine: s.endLine, endColumn: s.endColumn } };
}
