/**
 * A rough, documented estimate of how long a suite file takes on this project's reference machine (2 cores, one
 * thread per worker), used by `pnpm bench --plan` and by the test that keeps `pnpm bench --quick` under 10 minutes.
 * It is a planning aid, not a measurement: the real figures are printed by `pnpm bench`.
 *
 *   ms/forward(n)  = n · 2 · (dense MACs / denseFlops + conv MACs / convFlops) · 1e3
 *   ms/step        = stepOverheadMs + 3 · ms/forward(batch)          (backward ≈ 2 forwards)
 *   ms/measurement = ms/forward(examples evaluated)   (test.* over the test set, train.* over the task's pool, other
 *                    metrics over a 2,000-example probe; online.* metrics come with the training step)
 *   cell           = cellOverheadMs + steps · ms/step + Σ ms/measurement
 *   suite          = Σ cells / workers   (distinct cells: an arm a sweep leaves unchanged counts once per seed)
 *
 * Steps are the plan's upper bounds (an `until` counted at its cap), so where pretraining stops early at its target
 * the estimate runs long. Two calibrations:
 * - WASM_OPENBLAS, the default install's backend (tfjs-wasm with the native accelerator @plas/accel): fitted to the
 *   whole default suite run of 2026-12-04 (docs/benchmarks.md, "The whole suite in one run": 386 cells, 66 min of
 *   cell time), and checked against the later run with the host step and OpenBLAS's Cooperlake kernels ("The whole
 *   suite with the host step": 40 min of cell time), where per file the estimate is 0.44-2.3x the recorded cell
 *   time (08's every-step interventions cost more than the model counts; 06's plan counts steps its `until` never
 *   takes), 1.2x in total. Its step overhead is what tfjs's engine costs per step of a tiny network (~0.16 ms).
 *   Convolutions were refitted (16 → 28 GFLOP/s) to the run after the day's CNN kernel changes ("The whole suite
 *   after the CNN kernels and the overlap": 36 min of worker CPU; the CNN file's estimate 1.08x its worker CPU).
 *   Dense layers were refitted (50 → 70 GFLOP/s) to the run after the Adam and data changes of that afternoon
 *   ("The whole suite at 15 minutes": 29.7 min of worker CPU; per file 0.6-2.1x, 1.4x in total), then again
 *   (70 → 100 GFLOP/s, and 2 → 1.5 s a cell) to the run with workers kept between files ("The whole suite in 13 and
 *   a half minutes": 26.2 min of worker CPU; per file 0.6-2.3x, 1.2x in total). Cells the engine's host step
 *   takes (small plain-SGD squared-error MLPs, @plas/engine/host-step-scope) pay hostStepOverheadMs instead:
 *   benchmark 10's three arms, 1,000,000 steps a cell in 7-9 s.
 * - PLAIN_WASM (no accelerator): 4 GFLOP/s and 1.5 ms per step reproduce toolchain.md's tfjs-wasm figure for the MLP
 *   784-100-100-10 at batch 128 (16.8 ms; 3.6 of its 5.1 ms at batch 16) from before the engine's faster matmul
 *   gradient and fused kernels, so it errs on the slow side (7.5x against the accelerated run above); the
 *   quick-suite budget test uses it, so the 10-minute promise of `pnpm bench --quick` holds without the accelerator.
 * MACs come from the contract's shape inference (@plas/dsl/contract inferShapes, which the engine builds its layers
 * from): a dense layer's fan_in·fan_out; a conv layer's out_h·out_w·k²·c_in·c_out ('valid' convs; CReLU doubles c_in).
 */
import { planSummary, type ExperimentIR, type ModelSpec } from '@plas/dsl';
import { dataShape as contractDataShape, inferShapes } from '@plas/dsl/contract';
import { hostStepCovers } from '@plas/engine/host-step-scope';

/** How fast one worker trains, for the estimate. */
export interface Speed {
  /** What it stands for, as `pnpm bench --plan` prints it. */
  name: string;
  /** Effective FLOP/s of dense layers' products, and of convolutions. */
  denseFlops: number;
  convFlops: number;
  /** Fixed cost of a training step (kernel launches, engine bookkeeping), and of a cell (data, setup). */
  stepOverheadMs: number;
  cellOverheadMs: number;
  /** The step's fixed cost for cells the engine's host step takes (no tfjs kernels); absent without it. */
  hostStepOverheadMs?: number;
}

export const WASM_OPENBLAS: Speed = { name: 'wasm+openblas', denseFlops: 100e9, convFlops: 28e9, stepOverheadMs: 0.2, cellOverheadMs: 1500, hostStepOverheadMs: 0.007 };
export const PLAIN_WASM: Speed = { name: 'plain wasm', denseFlops: 4e9, convFlops: 4e9, stepOverheadMs: 1.5, cellOverheadMs: 2000 };

/** Multiply-accumulates of one example's forward pass, split by layer kind (they run at different speeds). */
export interface Macs {
  dense: number;
  conv: number;
}

/** Multiply-accumulates of one forward pass of one example: the contract's shape inference (CReLU doubles widths). */
export function modelMacs(model: ModelSpec, inputShape: readonly number[], outputs: number): number {
  return inferShapes(model, inputShape, outputs).macs;
}

/** The same, split into dense layers and the rest (convolutions). */
export function modelMacsByKind(model: ModelSpec, inputShape: readonly number[], outputs: number): Macs {
  const { layers } = inferShapes(model, inputShape, outputs);
  const sum = (dense: boolean) => layers.filter((l) => (l.kind === 'dense') === dense).reduce((s, l) => s + l.macs, 0);
  return { dense: sum(true), conv: sum(false) };
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

/** Milliseconds of `examples` forward passes. */
export function forwardMs(macs: Macs, examples: number, speed: Speed): number {
  return examples * 2 * (macs.dense / speed.denseFlops + macs.conv / speed.convFlops) * 1e3;
}

export function msPerStep(macs: Macs, batch: number, speed: Speed): number {
  return speed.stepOverheadMs + 3 * forwardMs(macs, batch, speed);
}

/** Measurements per cell and examples each evaluates (an upper bound from the cadences and the plan). */
function evaluationMs(ir: ExperimentIR, macs: Macs, stepsPerCell: number, speed: Speed): number {
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
  return forwardMs(macs, examples, speed);
}

export interface Estimate {
  cells: number;
  totalSteps: number;
  /** Sum over cells, milliseconds of one worker. */
  workerMs: number;
  /** What the estimate had to assume (e.g. the image size of an IDX folder it cannot read). */
  assumptions: string[];
}

export function estimateRun(ir: ExperimentIR, speed: Speed): Estimate {
  const plan = planSummary(ir);
  const { inputShape, outputs, assumed } = dataShape(ir);
  const macs = modelMacsByKind(ir.model, inputShape, outputs);
  const hostOverhead = speed.hostStepOverheadMs;
  const stepSpeed = hostOverhead !== undefined && hostStepCovers(ir, macs.dense + macs.conv) ? { ...speed, stepOverheadMs: hostOverhead } : speed;
  let workerMs = 0;
  for (const steps of Object.values(plan.stepsPerCell)) {
    const cellMs = speed.cellOverheadMs + steps * msPerStep(macs, ir.batch, stepSpeed) + evaluationMs(ir, macs, steps, speed);
    workerMs += cellMs * (plan.cells / Object.keys(plan.stepsPerCell).length);
  }
  return { cells: plan.cells, totalSteps: plan.totalSteps, workerMs, assumptions: assumed === null ? [] : [assumed] };
}
