/**
 * A rough, documented estimate of how long a suite file takes on this project's reference machine (2 cores,
 * tfjs-wasm, one thread per worker), used by `pnpm bench --plan` and by the test that keeps `pnpm bench --quick`
 * under 10 minutes. It is a planning aid, not a measurement: the real figures are printed by `pnpm bench`.
 *
 *   flops/example  = 6 · MACs(model)           (forward 2·MACs, backward ≈ 4·MACs)
 *   ms/step        = STEP_OVERHEAD_MS + batch · flops/example / WASM_FLOPS · 1e3
 *   ms/measurement = (examples evaluated) · 2 · MACs / WASM_FLOPS · 1e3   (test.* over the test set, train.* over
 *                    the task's pool; online.* metrics come with the training step and cost nothing extra)
 *   cell           = CELL_OVERHEAD_MS + steps · ms/step + measurements · ms/measurement
 *   suite          = Σ cells / workers   (distinct cells: an arm a sweep leaves unchanged counts once per seed)
 *
 * WASM_FLOPS = 4e9 and STEP_OVERHEAD_MS = 1.5 reproduce toolchain.md's tfjs-wasm table (MLP 784-100-100-10: 5.1 ms
 * at batch 16, 16.8 ms at batch 128) before the engine's faster matmul gradient, so the estimate errs on the slow
 * side. MACs come from the contract's shape inference (@plas/dsl/contract inferShapes, which the engine builds its
 * layers from): an MLP's Σ fan_in·fan_out; a conv layer's out_h·out_w·k²·c_in·c_out ('valid' convs; CReLU doubles c_in).
 */
import { planSummary, type ExperimentIR, type ModelSpec } from '@plas/dsl';
import { dataShape as contractDataShape, inferShapes } from '@plas/dsl/contract';

export const WASM_FLOPS = 4e9;
export const STEP_OVERHEAD_MS = 1.5;
export const CELL_OVERHEAD_MS = 2000;

/** Multiply-accumulates of one forward pass of one example: the contract's shape inference (CReLU doubles widths). */
export function modelMacs(model: ModelSpec, inputShape: readonly number[], outputs: number): number {
  return inferShapes(model, inputShape, outputs).macs;
}

/** MNIST-sized images, assumed for a source whose files alone know the shape (a generic IDX folder). */
const ASSUMED_INPUT = [28, 28, 1];
const ASSUMED_OUTPUTS = 10;

/**
 * Input shape and outputs of a data source as the engine builds them (the data source catalog's shapes). Where
 * only the files know (an `idx` folder), MNIST's 28×28×1 and 10 classes are assumed, and `assumed` says so.
 */
export function dataShape(ir: Pick<ExperimentIR, 'data'>): { inputShape: number[]; outputs: number; assumed: string | null } {
  const shape = contractDataShape(ir.data);
  if (shape.inputShape !== null && shape.outputs !== null) return { inputShape: shape.inputShape, outputs: shape.outputs, assumed: null };
  return {
    inputShape: shape.inputShape ?? ASSUMED_INPUT,
    outputs: shape.outputs ?? ASSUMED_OUTPUTS,
    assumed: `${ir.data.kind}: the shape is read from the files at run time; the estimate assumes ${ASSUMED_INPUT.join('×')} inputs and ${ASSUMED_OUTPUTS} classes`,
  };
}

export function msPerStep(macs: number, batch: number): number {
  return STEP_OVERHEAD_MS + (batch * 6 * macs * 1e3) / WASM_FLOPS;
}

/** Measurements per cell and examples each evaluates (an upper bound from the cadences and the plan). */
function evaluationMs(ir: ExperimentIR, macs: number, stepsPerCell: number): number {
  const epochSteps = Math.max(1, Math.ceil(ir.data.train / ir.batch));
  const tasks = ir.stream.reduce((n, item) => n + (item.kind === 'repeat' ? item.count : 1), 0);
  let examples = 0;
  for (const m of ir.measure) {
    if (m.metric.startsWith('online.')) continue;
    const perMeasurement = m.metric.startsWith('test.') ? ir.data.test : m.metric.startsWith('train.') ? ir.data.train : 2000;
    let count: number;
    const c = m.cadence;
    if (c.kind === 'phase_end' || c.unit === 'tasks') count = tasks / (c.kind === 'every' ? c.n : 1);
    else if (c.unit === 'epochs') count = stepsPerCell / (epochSteps * c.n);
    else count = stepsPerCell / c.n;
    examples += Math.ceil(count) * perMeasurement;
  }
  return (examples * 2 * macs * 1e3) / WASM_FLOPS;
}

export interface Estimate {
  cells: number;
  totalSteps: number;
  /** Sum over cells, milliseconds of one worker. */
  workerMs: number;
  /** What the estimate had to assume (e.g. the image size of an IDX folder it cannot read). */
  assumptions: string[];
}

export function estimateRun(ir: ExperimentIR): Estimate {
  const plan = planSummary(ir);
  const { inputShape, outputs, assumed } = dataShape(ir);
  const macs = modelMacs(ir.model, inputShape, outputs);
  let workerMs = 0;
  for (const steps of Object.values(plan.stepsPerCell)) {
    const cellMs = CELL_OVERHEAD_MS + steps * msPerStep(macs, ir.batch) + evaluationMs(ir, macs, steps);
    workerMs += cellMs * (plan.cells / Object.keys(plan.stepsPerCell).length);
  }
  return { cells: plan.cells, totalSteps: plan.totalSteps, workerMs, assumptions: assumed === null ? [] : [assumed] };
}
