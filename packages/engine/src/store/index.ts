/**
 * `@plas/engine/store`: the run store without TensorFlow.js — the record types, the one checked reader of cell
 * records, claims (leases for runners sharing a store) and sharding. @plas/report and `plas status` read the store
 * through this entry, so they never load tfjs.
 */
export * from '../record.ts';
export { RunStore, DEFAULT_STORE, readCellFile, writeAtomic, type CellFile } from './run-store.ts';
export { readExperimentFile, experimentFileNames, experimentRecordProblem, type ExperimentFile } from './experiment-file.ts';
export { checkCellRecord, cellChecksum, withChecksum, type CellCheck } from './record-check.ts';
export { metricDomainProblem } from './metric-domain.ts';
export { Claims, DEFAULT_LEASE_MS, leaseMs, type Claim } from './claims.ts';
export { parseShard, shardCells, partitionCells, cellCosts, ShardError, type Shard } from '../runner/shard.ts';
export { experimentStatus, readExperimentRecords, CELL_STATES, type CellState, type CellStatusRow, type ExperimentStatus } from './status.ts';
