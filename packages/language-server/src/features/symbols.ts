/** The outline: imports, definitions, the experiment with its stream (phases, repeats) and its arms. */
import type { Declaration, DeclarationKind } from '@plas/dsl';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { spanRange } from '../positions.ts';

const kinds: Record<DeclarationKind, SymbolKind> = {
  import: SymbolKind.File,
  data: SymbolKind.Constant,
  model: SymbolKind.Constant,
  optimizer: SymbolKind.Constant,
  metrics: SymbolKind.Constant,
  experiment: SymbolKind.Module,
  stream: SymbolKind.Namespace,
  phase: SymbolKind.Event,
  repeat: SymbolKind.Event,
  arm: SymbolKind.Function,
  baseline: SymbolKind.Function,
};

export function documentSymbols(declarations: readonly Declaration[]): DocumentSymbol[] {
  return declarations.map((d) => ({
    name: d.kind === 'import' ? `import ${d.name}` : d.name,
    detail: d.kind === 'arm' || d.kind === 'baseline' || d.kind === 'phase' || d.kind === 'repeat' ? `${d.kind} · ${d.detail}` : d.detail,
    kind: kinds[d.kind],
    range: spanRange(d.span),
    selectionRange: spanRange(d.nameSpan),
    children: documentSymbols(d.children),
  }));
}
