/**
 * The engine's inner contracts: what a model, an optimiser, an intervention and a diagnostic look like to each
 * other. The training loop knows these interfaces and nothing of any particular intervention or diagnostic;
 * registries map catalog names (from @plas/dsl) to implementations.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { LossKind, ModelSpec, ParamValue } from '@plas/dsl';

// ---------------------------------------------------------------- model

/** One weight layer (dense or conv), in forward order; the last one is the head. */
export interface LayerInfo {
  /** 'dense0', 'conv1', 'head', ... */
  name: string;
  /** Position among weight layers: 0 = first, layers.length - 1 = head. */
  index: number;
  kind: 'dense' | 'conv';
  /** Parameter names in `Model.params`. Dense weight is [fanIn, units]; conv kernel is [k, k, inChannels, units]. */
  weight: string;
  bias: string;
  /** Layer-norm gain/offset parameter names applied to this layer's pre-activations, when the model has them. */
  norm: { gain: string; offset: string } | null;
  /** Output units (channels for conv). */
  units: number;
  fanIn: number;
  isHead: boolean;
  /** For CReLU the activation doubles the width seen by the next layer. */
  activationWidthFactor: 1 | 2;
}

/** A type alias (not an interface) so that `tf.tidy(() => model.forward(x))` type-checks as a TensorContainer. */
export type ForwardResult = {
  /** Logits (classification) or predictions (regression), [batch, outputs]. */
  output: tf.Tensor2D;
  /** Post-activation output of every hidden weight layer (all but the head), in order; conv ones are NHWC, before pooling;
   * with CReLU a dense layer's is [batch, 2·units] (relu(z) then relu(-z)). */
  hidden: tf.Tensor[];
};

export interface Model {
  spec: ModelSpec;
  /** Input shape of one example, e.g. [784] or [28, 28, 1]. */
  inputShape: number[];
  outputs: number;
  layers: LayerInfo[];
  /** Explicit named parameters; interventions assign into these variables. */
  params: Map<string, tf.Variable>;
  /** Pure forward pass (no state change); safe inside tf.tidy and tf.variableGrads. */
  forward(x: tf.Tensor): ForwardResult;
  /** Fresh values for every parameter from the model's init distribution, drawn from `seed`. */
  freshParams(seed: number): Map<string, tf.Tensor>;
  dispose(): void;
}

// ---------------------------------------------------------------- optimiser

export interface Optimizer {
  kind: 'sgd' | 'momentum' | 'adam';
  /** Current hyper-parameters (lr, momentum, beta1, beta2, eps): mutable by `set_optimizer`. */
  hyper: Record<string, number>;
  /** Apply one update in place: params[name] -= f(grads[name], state). */
  apply(grads: Record<string, tf.Tensor>, params: Map<string, tf.Variable>): void;
  /** Per-parameter state tensors (e.g. { m, v } for Adam, { velocity } for momentum, {} for SGD). */
  slots(param: string): Record<string, tf.Variable>;
  /** Zero the state of the given parameters (all when omitted), including Adam's step count for a full reset. */
  reset(params?: string[]): void;
  /**
   * Zero the state of some units of one parameter: indices along `axis` (e.g. a dense weight's column = unit).
   * With `steps`, an optimiser that counts steps (Adam) also restarts the step count of those slices, so their bias
   * correction starts afresh (Dohare et al.'s AdamGnT); optimisers without a step count ignore it.
   */
  resetUnits(param: string, axis: number, units: number[], options?: UnitResetOptions): void;
  dispose(): void;
}

export interface UnitResetOptions {
  steps?: boolean;
}

// ---------------------------------------------------------------- run context

/** Where the training loop is, handed to interventions and diagnostics. */
export interface Position {
  step: number;
  epoch: number;
  examples: number;
  phase: string;
  task: number;
}

/** A labelled batch. Labels are int32 class indices for cross-entropy, float targets [batch, outputs] for regression. */
export interface Batch {
  x: tf.Tensor;
  y: tf.Tensor;
}

export interface RunContext {
  model: Model;
  optimizer: Optimizer;
  loss: LossKind;
  position: Position;
  /** Parameters at step 0 (θ0), for L2 Init and distance from init. Never mutated. */
  initialParams: Map<string, tf.Tensor>;
  /** A fresh uint32 seed for a purpose, derived from the cell seed, the purpose name and the position. */
  seedFor(purpose: string): number;
  /** A seeded sample of up to `size` training examples of the current phase/task (for scoring, probes). */
  sampleTrain(size: number): Batch;
  /** A named data set: 'train' (current phase), 'test', or a phase name (that phase's training data). */
  dataset(name: string, maxSize: number): Batch;
  /**
   * The same data set, handed to `fn` in evaluation chunks of rows `[start, start + chunk.x.shape[0])`; the chunks
   * belong to the context (which may keep them for the task, so repeated evaluations upload nothing): never dispose
   * them. Optional: without it, diagnostics cut `dataset(name, maxSize)` into chunks themselves (same rows, same
   * values).
   */
  forEachDatasetChunk?(name: string, maxSize: number, fn: (chunk: Batch, start: number) => void): void;
}

// ---------------------------------------------------------------- interventions

export interface StepSignals {
  /** The batch just trained on and the hidden activations of its forward pass (before the update). */
  batch: Batch;
  hidden: tf.Tensor[];
  /**
   * The same activations as host arrays when the step ran on the host (train/host-step.ts), for interventions
   * that can read them without kernels; valid until the next step.
   */
  hostHidden?: HostActivations[];
}

/** One hidden layer's activations as the host training step left them: `rows` × width, row-major. */
export interface HostActivations {
  values: Float32Array;
  rows: number;
}

/**
 * One intervention instance (an arm may hold several). Made once per cell by its registry factory with the
 * parameters from the `.plas` file; the training loop calls the hooks its trigger asks for.
 */
export interface Intervention {
  name: string;
  /**
   * True when `fire` needs the step's signals (batch and hidden activations), which only the every_step trigger
   * provides: the training loop then rejects any other trigger before training starts.
   */
  needsSignals?: boolean;
  /**
   * Fired by an 'at', 'each_task' or 'every' trigger, and by 'every_step' for interventions without adjustGrads.
   * Returns what only the intervention knows about its firing (units re-initialised per layer), for its event;
   * norms and changed weights are measured by the loop (train/events.ts).
   */
  fire?(ctx: RunContext, signals: StepSignals | null): InterventionEffect | void;
  /** For penalties fired 'every_step': add the penalty's gradient to `grads` (returns new tensors; the caller disposes the old). */
  adjustGrads?(grads: Record<string, tf.Tensor>, ctx: RunContext): Record<string, tf.Tensor>;
  /**
   * adjustGrads on host arrays, in place, bitwise the same float32 arithmetic: for the host training step
   * (train/host-step.ts), which takes only steps whose every penalty has it. `params` are the parameters' values.
   */
  adjustHostGrads?(grads: Map<string, Float32Array>, params: Map<string, Float32Array>, ctx: RunContext): void;
  dispose?(): void;
}

/** What a firing did that the loop cannot see from the weights: units re-initialised or recycled, by layer name. */
export interface InterventionEffect {
  units?: Record<string, number>;
}

/** A registered intervention as the loop calls it: IR parameters in, resolved against the catalog entry first. */
export type InterventionFactory = (params: Record<string, ParamValue>, model: Model) => Intervention;

/** An intervention's implementation: its parameters already resolved and typed from its catalog entry. */
export type InterventionImpl<P> = (params: P, model: Model) => Intervention;

// ---------------------------------------------------------------- diagnostics

export type DiagnosticValue = number | Record<string, number>;

/** A diagnostic: measures the model in context, never changes it. IR parameters in, resolved against the catalog. */
export type Diagnostic = (ctx: RunContext, params: Record<string, ParamValue>) => DiagnosticValue;

/** A metric's implementation: its parameters already resolved and typed from its catalog entry. */
export type MetricImpl<P> = (ctx: RunContext, params: P) => DiagnosticValue;
