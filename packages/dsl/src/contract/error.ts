/**
 * One error type for every layer: a `PlasError` carries a `Diagnostic` (code, message, location, fix), so a problem
 * the engine finds while setting up a cell is shown exactly like a problem `plas check` finds in the text.
 */
import type { Diagnostic, DiagnosticCode, DiagnosticFix } from '../diagnostics.ts';
import type { SourceSpan } from '../ir.ts';

export class PlasError extends Error {
  override name = 'PlasError';
  readonly diagnostic: Diagnostic;

  constructor(diagnostic: Diagnostic) {
    super(diagnostic.file ? `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}: ${diagnostic.message}` : diagnostic.message);
    this.diagnostic = diagnostic;
  }
}

/**
 * A diagnostic at an IR span (the engine's view of the source: file, line, column, length). Without a span the
 * location is empty (`file: ''`, line and column 0): a hand-written spec has no source to point at.
 */
export function diagnosticAtSpan(span: SourceSpan | null, code: DiagnosticCode, message: string, fix?: DiagnosticFix): Diagnostic {
  const where = span
    ? { file: span.file, line: span.line, column: span.column, endLine: span.line, endColumn: span.column + Math.max(1, span.length) - 1 }
    : { file: '', line: 0, column: 0, endLine: 0, endColumn: 0 };
  return { ...where, severity: 'error', code, message, ...(fix ? { fix } : {}) };
}

export function plasError(code: DiagnosticCode, message: string, span: SourceSpan | null = null, fix?: DiagnosticFix): PlasError {
  return new PlasError(diagnosticAtSpan(span, code, message, fix));
}
