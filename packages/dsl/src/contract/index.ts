/**
 * @plas/dsl/contract: the bottom layer every package agrees on, with no parser and no tfjs. The IR types, the
 * catalog (interventions, metrics, models, data sources, selectors: parameters with type, range, default, unit and
 * doc; metric facts), the parameter resolver, shape inference, the implementation registry, the one error type, and
 * the IR's canonical JSON, hashes and expansion into cells (a record's identity).
 * The language, the engine, the report and the benchmarks read these; none of them restates a name, a range or a
 * default.
 */
export * from '../ir.ts';
export { expandCells, cellSlots, sharedArms, sweepPoints, type CellSlot, type SweepPoint } from '../expand.ts';
export { planSummary, type PlanSummary } from '../plan.ts';
export { canonicalJson, sha256Hex, hashIr, hashCell, withoutKeys } from '../canonical.ts';
export type { Diagnostic, DiagnosticCode, DiagnosticFix, Severity } from '../diagnostics.ts';
export { diagnosticCodes } from '../diagnostics.ts';
export {
  describeRange,
  inRange,
  type Catalog,
  type CatalogEntry,
  type NumberRange,
  type ParamDefault,
  type ParamSchema,
  type ParamType,
  type ParamsOf,
  type ValueOf,
} from '../catalog/schema.ts';
export {
  interventionCatalog,
  interventionEntry,
  penaltyInterventions,
  perStepInterventions,
  settableOptimizerKeys,
  type InterventionEntry,
  type InterventionName,
} from '../catalog/interventions.ts';
export { metricCatalog, metricEntry, untilMetrics, type MetricDomain, type MetricEntry, type MetricName } from '../catalog/metrics.ts';
export { selectorCatalog, perTaskSelectors, type SelectorEntry } from '../catalog/selectors.ts';
export {
  dataSourceCatalog,
  dataSourceEntry,
  dataShape,
  regressionSources,
  MAX_EXAMPLES,
  type DataShape,
  type DataSourceEntry,
  type DataSpecOf,
} from '../catalog/data-sources.ts';
export { modelCatalog, optimizerCatalog, activations, initSchemes, lossKinds, defaultConvLayers, convLayerSchema } from '../catalog/models.ts';
export { PlasError, plasError, diagnosticAtSpan } from './error.ts';
export { words } from './words.ts';
export { resolveParams, resolveOrThrow, checkValue, type ParamProblem, type ResolvedParams } from './resolve.ts';
export { Registry, type Registered } from './registry.ts';
export { triggerProblem, everyStepProblem, pointProblem, pointText, streamLength, type TriggerProblem } from './triggers.ts';
export {
  ShapeError,
  inferShapes,
  layerNames,
  selectLayers,
  hiddenLayerIndex,
  formatLayerSelector,
  activationWidth,
  type LayerShape,
  type ModelShapes,
} from './shapes.ts';
