/**
 * Which cells the host training step (host-step.ts) takes, from their spec alone: plain SGD, the squared error, an
 * MLP of ReLU layers without layer norm, and a step of at most MAX_HOST_STEP_MACS multiply-accumulates. Free of
 * TensorFlow.js, so the runner's grouping and the benchmark's time estimate read it without loading a backend
 * (subpath `@plas/engine/host-step-scope`). At run time the step also needs the accelerator, the wasm backend and
 * every-step penalties with a host form; otherwise it takes the kernel path.
 */
import type { CellSpec, ModelSpec } from '@plas/dsl';

/**
 * Largest step (batch × forward multiply-accumulates) taken on the host: above it the GEMMs dominate a step and
 * tfjs-wasm's SIMD elementwise kernels beat the host step's JS loops, so it would save nothing.
 */
export const MAX_HOST_STEP_MACS = 65_536;

/** An MLP of ReLU layers without layer norm: the models the host step runs. */
export function coversModel(spec: ModelSpec): boolean {
  return spec.kind === 'mlp' && spec.activation === 'relu' && !spec.layerNorm;
}

/**
 * Whether a cell's steps take the host path where the accelerator is loaded, given the forward multiply-accumulates
 * of one example. The runner does not stack such cells: alone they are faster.
 */
export function hostStepCovers(cell: Pick<CellSpec, 'model' | 'optimizer' | 'loss' | 'batch'>, macsPerExample: number): boolean {
  return cell.optimizer.kind === 'sgd' && cell.loss === 'squared_error' && coversModel(cell.model) && cell.batch * macsPerExample <= MAX_HOST_STEP_MACS;
}
