/**
 * @plas/dsl: the `.plas` experiment language. Pipeline: tokens → parser → AST → link (imports) → validate →
 * lower (AST → IR) → canonical JSON + sha256 → expand (IR → cells). Diagnostics are data, rendered at the edge.
 */
export * from './ir.ts';
export { parseSource, MAX_NESTING, MAX_SOURCE_CHARS, type ParseResult } from './parse.ts';
export { compileSource, compileFile, readSourceFile, type CompileOptions, type CompileResult } from './compile.ts';
export type { ReadFile } from './link.ts';
export { expandCells, cellSlots, sharedArms, sweepPoints, type CellSlot, type SweepPoint } from './expand.ts';
export { planSummary, type PlanSummary } from './plan.ts';
export { canonicalJson, sha256Hex, hashIr, hashCell, withoutKeys } from './canonical.ts';
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
// The contract layer (also importable alone as `@plas/dsl/contract`): catalog, resolver, shapes, registry, errors.
export * from './contract/index.ts';
// For editors (the language server): tokens, cursor context, declarations and references.
export * from './editor/index.ts';
