/**
 * A cell whose configuration cannot run (an unknown intervention or metric, a layer that does not exist, a subset
 * larger than the data, ...). Thrown before training starts; the message points into the `.plas` file.
 */
import type { SourceSpan } from '@plas/dsl';

export class CellConfigError extends Error {
  override name = 'CellConfigError';
  readonly span: SourceSpan | null;

  constructor(message: string, span: SourceSpan | null = null) {
    super(span ? `${formatSpan(span)}: ${message}` : message);
    this.span = span;
  }
}

export function formatSpan(span: SourceSpan): string {
  return `${span.file}:${span.line}:${span.column}`;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
