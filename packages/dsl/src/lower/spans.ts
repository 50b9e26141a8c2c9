/** AST spans → IR `SourceSpan`s (file, line, column, length). */
import type { Span } from '../ast.ts';
import type { SourceSpan } from '../ir.ts';

export function sourceSpan(s: Span): SourceSpan {
  return { file: s.file, line: s.line, column: s.column, length: Math.max(1, s.endOffset - s.offset + 1) };
}
