/** @plas/benchmarks: the suite of `.plas` experiments reproducing plasticity findings at CPU scale, and its runner. */
export { main, TORCH_BENCHMARK, type BenchIO } from './run-bench.ts';
export { parseBenchArgs, BenchArgsError, BENCH_HELP, type BenchArgs, type Backend } from './args.ts';
export { suiteFiles, selectFiles, benchmarkName, SUITE_DIR } from './suite.ts';
export { formatSummaryTable, formatSummaryMarkdown, formatEffect, formatWall, signed, tallyLine, type SummaryRow, type RowVerdict } from './summary.ts';
export { findingRows, errorRow } from './findings.ts';
export { recordedCellMs } from './cell-time.ts';
export { estimateRun, modelMacs, modelMacsByKind, msPerStep, forwardMs, dataShape, WASM_OPENBLAS, PLAIN_WASM, type Speed, type Macs, type Estimate as RunEstimate } from './budget.ts';
export { repoRoot, findWorkspaceRoot } from './repo-root.ts';
export { torchArgs, findTorchPython, parseTorchOutput, runTorch, TorchProtocolError, TORCH_SCRIPT, type TorchResult } from './torch.ts';
export { formatComparison, plasLine, torchLine, type ComparisonLine, type Estimate } from './compare-torch.ts';
