/** Training several cells of one MLP architecture as one stacked step (cell-stack.ts). */
export { CellStack } from './cell-stack.ts';
export type { StackedBatch, StackStepResult } from './cell-stack.ts';
export { StackError, stackingUnavailableReason } from './check.ts';
export type { StackCell } from './check.ts';
export { stackKey } from './stackable.ts';
