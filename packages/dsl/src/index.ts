/**
 * @plas/dsl: the `.plas` experiment language. Pipeline: tokens → parser → AST → link (imports) → validate →
 * lower (AST → IR) → canonical JSON + sha256 → expand (IR → cells). Diagnostics are data, rendered at the edge.
 */
export * from './ir.ts';
export { parseSource, MAX_NESTING, MAX_SOURCE_CHARS, type ParseResult } from './parse.ts';
export { compileSource, compileFile, readSourceFile, type CompileOptions, type CompileResult } from './compile.ts';
export type { ReadFile } from './link.ts';
export {
  renderDiagnostics,
  diagnosticCodes,
  hasErrors,
  type Diagnostic,
  type DiagnosticCode,
  type DiagnosticFix,
  type Severity,
  type SourceTexts,
} from './diagnostics.ts';
export { formatSource, type FormatResult } from './format.ts';
export { closestName } from './suggest.ts';
export { metricKey } from './lower/measure.ts';
export { sweepKeys } from './lower/sweep.ts';
// The contract layer (also importable alone as `@plas/dsl/contract`, without the parser): catalog, resolver, shapes,
// registry, errors, canonical JSON, hashes and cell expansion.
export * from './contract/index.ts';
// For editors (the language server): tokens, cursor context, declarations and references.
export * from './editor/index.ts';
