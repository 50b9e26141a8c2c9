/**
 * @plas/report: statistics over seeds and Markdown/HTML reports comparing every arm with the fresh-init baseline.
 * It reads the run store (record.ts of @plas/engine) and nothing else.
 */
export { writeReport, writeExperimentReport, type ReportSummary } from './write-report.ts';
export { writeSite, type SiteEntry, type SiteSummary } from './write-site.ts';
export { loadExperiment, loadStore, StoreError, type LoadedExperiment, type LoadedStore, type MissingCell } from './store/load-store.ts';
export { selectExperiment, reportDirNames, reportDirName, MAX_REPORT_DIR_CHARS } from './select.ts';
export { analyzeExperiment } from './analysis/analyze.ts';
export type * from './analysis/types.ts';
export type { FitStats } from './analysis/fit.ts';
export type { EventStats } from './analysis/events.ts';
export type { Sensitivity, SensitivityRow, SensitivityScale } from './analysis/sensitivity.ts';
export type { CurveEvents, EventMarker, UnmarkedFirings } from './analysis/event-markers.ts';

export { mean, sampleSd } from './stats/descriptive.ts';
export { tInterval, type TInterval } from './stats/t-interval.ts';
export {
  bootstrapInterval,
  DEFAULT_BOOTSTRAP_RESAMPLES,
  DEFAULT_BOOTSTRAP_SEED,
  type BootstrapInterval,
  type BootstrapOptions,
} from './stats/bootstrap.ts';
export { pairedDifferences, type Observation, type PairedDifferences, type PairedValue } from './stats/paired.ts';
export { probabilityOfImprovement, type Better, type ProbabilityOfImprovement } from './stats/improvement.ts';
export { windowMean, scalarOf, type WindowMean } from './stats/window.ts';
export { judgeExpectation, verdictOf, type Expectation, type ExpectationResult, type Verdict } from './stats/expect.ts';
export { mulberry32 } from './stats/prng.ts';
export { quantileSorted } from './stats/quantile.ts';
