export * from './record.ts';
export type * from './core/contracts.ts';
export { RunStore, DEFAULT_STORE } from './store/run-store.ts';
export { runExperiment, RunConfigError, RunError, type RunOptions, type RunEvent, type RunResult } from './runner/run-experiment.ts';
export type { BackendPreference } from './runner/protocol.ts';
export { packageVersions } from './core/versions.ts';
