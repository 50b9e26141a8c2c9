/** Between the language's positions (1-based lines and columns, inclusive ends) and LSP's (0-based, exclusive end). */
import type { Diagnostic as PlasDiagnostic } from '@plas/dsl';
import type { ast } from '@plas/dsl';
import type { Range } from 'vscode-languageserver';

export function spanRange(span: Pick<ast.Span, 'line' | 'column' | 'endLine' | 'endColumn'>): Range {
  return {
    start: { line: span.line - 1, character: span.column - 1 },
    // endColumn is inclusive and 1-based, so it is also the exclusive 0-based end.
    end: { line: span.endLine - 1, character: Math.max(span.endColumn, span.endLine === span.line ? span.column : 0) },
  };
}

export function diagnosticRange(d: PlasDiagnostic): Range {
  return spanRange(d);
}

/** Offsets in a text for LSP positions and back, for texts of any length (line starts computed once). */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  offsetAt(line: number, character: number): number {
    const start = this.starts[Math.min(Math.max(line, 0), this.starts.length - 1)] ?? 0;
    return Math.min(start + Math.max(character, 0), this.text.length);
  }
  positionAt(offset: number): { line: number; character: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo]! };
  }
}
