/** The training loop's public surface. */
export { runCell } from './run-cell.ts';
export type { CellProgress, RunCellOptions } from './run-cell.ts';
export { CellConfigError, formatSpan } from './errors.ts';
export { ONLINE_METRICS, isOnlineMetric } from './online.ts';
export { trainStep } from './step.ts';
export type { StepParts, StepResult } from './step.ts';
export { StepGate, aloneStepper } from './step-gate.ts';
export type { Stepper } from './step-gate.ts';
