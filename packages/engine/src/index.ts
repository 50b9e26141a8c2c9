/**
 * @plas/engine: runs Plas experiment IR with TensorFlow.js.
 *
 * Most users need only `runExperiment` (what `plas run` calls) and the record types the report reads; the rest is
 * here for tools that run single cells, load data or look up what the engine implements.
 */

// Records: the run store's contents, read by @plas/report.
export * from './record.ts';
export { RunStore, DEFAULT_STORE, writeAtomic, readCellFile, type CellFile } from './store/run-store.ts';
export { Claims, DEFAULT_LEASE_MS, leaseMs, type Claim } from './store/claims.ts';
export { parseShard, shardCells, ShardError, type Shard } from './runner/shard.ts';

// Running experiments: cells over worker processes, resumable.
export {
  runExperiment,
  RunConfigError,
  RunError,
  type RunOptions,
  type RunEvent,
  type RunResult,
} from './runner/run-experiment.ts';
export { WorkerPool } from './runner/worker-pool.ts';

// One cell, in this process.
export { runCell, CellConfigError, StepGate, type RunCellOptions, type CellProgress, type Stepper } from './train/index.ts';
export { selectBackend, backendIdentity, BackendError, BACKEND_PREFERENCES, type BackendPreference } from './backend/index.ts';
export { packageVersions } from './core/versions.ts';
export { describeStorageError, isStorageError } from './core/storage-error.ts';
export { deriveSeed, makeRng, type Rng } from './core/seed.ts';

// Data and task streams.
export { loadDataset, DataError, type Dataset, type Split } from './data/index.ts';
export { taskViews, makeSampler, smoothProbability, type TaskView, type Sampler } from './streams/index.ts';

// What the engine implements, by catalog name.
export { getIntervention, interventionNames } from './interventions/index.ts';
export { getDiagnostic, diagnosticNames, DiagnosticError } from './diagnostics/registry.ts';
export { createModel } from './models/index.ts';
export { createOptimizer } from './optim/index.ts';
export { CellStack, StackError, stackingUnavailableReason, type StackCell, type StackedBatch, type StackStepResult } from './stack/index.ts';

// The inner contracts, for authors of interventions and diagnostics.
export type * from './core/contracts.ts';
