/**
 * @plas/dsl: the `.plas` experiment language. Pipeline: tokens → parser → AST → link (imports) → validate →
 * lower (AST → IR) → canonical JSON + sha256 → expand (IR → cells). Diagnostics are data, rendered at the edge.
 */
export * from './ir.ts';
export { parseSource, MAX_NESTING, MAX_SOURCE_CHARS, type ParseResult } from './parse.ts';
export { compileSource, compileFile, readSourceFile, type CompileOptions, type CompileResult } from './compile.ts';
export type { ReadFile } from './link.ts';
export { expandCells, sweepPoints, type SweepPoint } from './expand.ts';
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
export { interventionCatalog, penaltyInterventions, perStepInterventions, settableOptimizerKeys } from './catalog/interventions.ts';
export { metricCatalog, untilMetrics } from './catalog/metrics.ts';
export { selectorCatalog } from './catalog/selectors.ts';
export { dataSourceCatalog } from './catalog/data-sources.ts';
export { modelCatalog, optimizerCatalog, activations, initSchemes, lossKinds, defaultConvLayers } from './catalog/models.ts';
export { describeRange, type Catalog, type CatalogEntry, type ParamSchema, type ParamType, type NumberRange } from './catalog/schema.ts';
