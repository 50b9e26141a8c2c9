/**
 * A cell whose configuration cannot run (an unknown intervention or metric, a layer that does not exist, a subset
 * larger than the data, ...). Thrown before training starts. It is a PlasError: its `diagnostic` (code
 * `run-setup`, or the resolver's code for a bad parameter) points into the `.plas` file like any language error.
 */
import { diagnosticAtSpan, PlasError, type DiagnosticCode, type SourceSpan } from '@plas/dsl/contract';

export class CellConfigError extends PlasError {
  override name = 'CellConfigError';
  readonly span: SourceSpan | null;

  constructor(message: string, span: SourceSpan | null = null, code: DiagnosticCode = 'run-setup') {
    super(diagnosticAtSpan(span, code, message));
    this.span = span;
  }

  /** The same problem, located at `span` (keeps a PlasError's own code and fix). */
  static from(err: unknown, span: SourceSpan | null, prefix = ''): CellConfigError {
    if (err instanceof PlasError) return new CellConfigError(`${prefix}${err.diagnostic.message}`, span, err.diagnostic.code);
    return new CellConfigError(`${prefix}${errorMessage(err)}`, span);
  }
}

export function formatSpan(span: SourceSpan): string {
  return `${span.file}:${span.line}:${span.column}`;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
