/**
 * The experiment IR: what a `.plas` file means, with every default resolved.
 *
 * This is the contract between the language (`@plas/dsl`), the engine and the report. It is plain JSON: no
 * classes, no undefined, no functions, so that `canonicalJson(ir)` is stable and its sha256 is the experiment's
 * identity. Fields may be added (optional first, then resolved); renaming one is a breaking change of `IR_VERSION`.
 */

import type { DerivedDataSpec } from './catalog/data-sources.ts';

export const IR_VERSION = 1;

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Where a construct came from, so that the engine can point back into the `.plas` file (e.g. a layer that does not exist). */
export interface SourceSpan {
  file: string;
  line: number; // 1-based
  column: number; // 1-based
  length: number;
}

// ---------------------------------------------------------------- data

export interface DataSizes {
  /** Training examples drawn (seeded) from the source's training pool. */
  train: number;
  /** Held-out test examples. */
  test: number;
}

/**
 * What data to train and test on: `{ kind, ...parameters }`, derived from the data source catalog
 * (catalog/data-sources.ts), e.g. `{ kind: 'idx', path, train, test }` or `{ kind: 'slowly_changing_regression',
 * flippingBits, randomBits, flipEvery, targetHidden, flip, bias, threshold, train, test }`. Every source has the
 * `DataSizes`.
 */
export type DataSpec = DerivedDataSpec;

export type DataKind = DataSpec['kind'];

// ---------------------------------------------------------------- model

export type Activation = 'relu' | 'tanh' | 'crelu' | 'sigmoid' | 'leaky_relu' | 'linear';

export type InitScheme =
  | 'he_uniform'
  | 'he_normal'
  | 'glorot_uniform'
  | 'glorot_normal'
  /** PyTorch's nn.Linear/Conv default: weights and biases ~ U(±1/sqrt(fan_in)). */
  | 'torch_default'
  /** he_uniform for hidden layers, the head U(±sqrt(3/fan_in)) (kaiming_uniform_ with linear gain), zero biases. */
  | 'he_uniform_linear_head';

export interface MlpSpec {
  kind: 'mlp';
  hidden: number[];
  activation: Activation;
  layerNorm: boolean;
  init: InitScheme;
}

export interface ConvLayerSpec {
  filters: number;
  kernel: number;
  /** Max-pool window (and stride) after the conv; 1 = no pooling. */
  pool: number;
}

/** Kumar et al.'s small CNN by default: conv 5x5/16 + pool 2, conv 5x5/16 + pool 2, FC 100, FC 100. */
export interface CnnSpec {
  kind: 'cnn';
  conv: ConvLayerSpec[];
  hidden: number[];
  activation: Activation;
  layerNorm: boolean;
  init: InitScheme;
}

export type ModelSpec = MlpSpec | CnnSpec;

// ---------------------------------------------------------------- optimiser and loss

export type OptimizerSpec =
  | { kind: 'sgd'; lr: number }
  | { kind: 'momentum'; lr: number; momentum: number; nesterov: boolean }
  | { kind: 'adam'; lr: number; beta1: number; beta2: number; eps: number };

export type LossKind = 'cross_entropy' | 'squared_error';

// ---------------------------------------------------------------- stream

export type DurationUnit = 'steps' | 'epochs' | 'examples';

export interface FixedDuration {
  kind: 'fixed';
  amount: number;
  unit: DurationUnit;
}

/** Train until `metric op value` holds at an evaluation, and at most `max`. Evaluated every `checkEvery`. */
export interface UntilDuration {
  kind: 'until';
  metric: string; // e.g. 'train.accuracy'
  op: '>=' | '<=';
  value: number;
  max: FixedDuration;
  checkEvery: FixedDuration;
}

export type Duration = FixedDuration | UntilDuration;

/**
 * A data selector or transform. A phase's `data` is a pipeline applied left to right to the training pool.
 * Transforms marked "per task" draw their randomness from (seed, task index) so every task differs.
 */
export type Selector =
  | { kind: 'all' }
  | { kind: 'subset'; fraction: number }
  | { kind: 'classes'; classes: number[] }
  | { kind: 'permute_pixels' } // per task
  | { kind: 'permute_labels' } // per task
  | { kind: 'random_labels'; fraction: number } // per task; fraction of examples whose label is re-drawn
  | { kind: 'label_noise'; fraction: number } // fixed per seed; fraction of labels replaced by another class
  /**
   * Berariu et al. App. A.3: classes split into `stages` groups; a fraction `uniform` of the data is spread evenly
   * over stages; stage i (0-based task index, or `stage` in a phase) holds D_(i-1) ∪ D_(u,i) ∪ its classes' data.
   * The last stage is all the data.
   */
  | { kind: 'multi_stage'; stages: number; uniform: number; stage: number | null }
  /**
   * Berariu et al.'s smooth transition: at step n of N each example is drawn from all data with probability
   * p(n) = 1 - gamma^(50 n / N), otherwise from `from` (the earlier subset).
   */
  | { kind: 'smooth'; gamma: number; from: Selector[] }
  /** Class-incremental: task i sees classes [i*perTask, (i+1)*perTask). */
  | { kind: 'class_incremental'; perTask: number };

export interface PhaseSpec {
  kind: 'phase';
  name: string;
  data: Selector[];
  duration: Duration;
  span: SourceSpan;
}

/** `repeat N tasks: ...`: N tasks with the same recipe; per-task transforms use the task index. */
export interface RepeatSpec {
  kind: 'repeat';
  name: string; // 'task' unless named
  count: number;
  data: Selector[];
  duration: Duration;
  span: SourceSpan;
}

export type StreamItem = PhaseSpec | RepeatSpec;

// ---------------------------------------------------------------- arms and interventions

export type LayerSelector =
  | { kind: 'all' }
  | { kind: 'head' }
  /** Python-like indices over the model's weight layers (0 = first, -1 = head); `to` inclusive, null = to the end. */
  | { kind: 'range'; from: number; to: number | null };

export type Trigger =
  /** Once, at the start of the named phase (or of the first task of a repeat). */
  | { kind: 'at'; phase: string }
  /** At the start of every task of the named repeat (or of every phase when `phase` is null), except the first. */
  | { kind: 'each_task'; phase: string | null }
  /**
   * Once, after the first `n` steps or epochs of the stream have been trained (counted over the whole stream, as
   * `every` counts): at the moment `every n ...` would first fire. n = 0 fires before the first step.
   */
  | { kind: 'at_point'; n: number; unit: 'steps' | 'epochs' }
  /** Every N steps or epochs of training, counted over the whole stream. */
  | { kind: 'every'; n: number; unit: 'steps' | 'epochs' }
  /** Every training step (for penalties such as l2 this means: added to every step's loss). */
  | { kind: 'every_step' };

export type ParamValue = number | string | boolean | number[] | LayerSelector;

export interface InterventionSpec {
  /** A name from the intervention catalog, e.g. 'reset', 'shrink_perturb', 'l2_init', 'set_optimizer'. */
  name: string;
  params: Record<string, ParamValue>;
  trigger: Trigger;
  span: SourceSpan;
}

export interface ArmSpec {
  name: string;
  role: 'baseline' | 'arm';
  interventions: InterventionSpec[];
  span: SourceSpan;
}

// ---------------------------------------------------------------- measurement and comparison

export type Cadence =
  | { kind: 'every'; n: number; unit: 'steps' | 'epochs' | 'tasks' }
  /** At the end of every phase / task. */
  | { kind: 'phase_end' };

export interface MeasureSpec {
  /** A metric from the catalog, e.g. 'test.accuracy', 'dead_units', 'grad_norm'. */
  metric: string;
  params: Record<string, ParamValue>;
  /** The name the series is stored under, parameters included and canonical: `dead_units(probe=2000)`. */
  key: string;
  cadence: Cadence;
  span: SourceSpan;
}

export interface CompareWindow {
  /** Mean over the last `count` measurements (of the metric's cadence) of `phase`, or of the whole run when null. */
  count: number;
  unit: 'epochs' | 'tasks' | 'steps' | 'evals';
  phase: string | null;
}

export interface CompareSpec {
  /** The `key` of a measured series. */
  metric: string;
  window: CompareWindow;
  /** 'higher' for accuracies, 'lower' for losses: what counts as an improvement. */
  better: 'higher' | 'lower';
  span: SourceSpan;
}

/**
 * A stated finding, checked by the report and the benchmark suite: mean of (left - right) over paired seeds
 * compared with `value`, e.g. `expect fresh - warm > 0`.
 */
export interface ExpectSpec {
  left: string; // arm name
  right: string; // arm name
  op: '>' | '<';
  value: number;
  /**
   * Present (true) only for `last(A) - first(A) op value`: a trend within arm A (left = right = A), judged on the
   * per-seed difference of A's last and first windows of the compared metric. Absent for `A - B`, so files without
   * a trend keep their hash.
   */
  trend?: true;
  text: string; // the finding as written
  span: SourceSpan;
}

// ---------------------------------------------------------------- sweeps

export interface SweepAxis {
  /** The user's key (e.g. 'lr') and the JSON path in a CellSpec it overrides (e.g. ['optimizer', 'lr']). */
  key: string;
  path: (string | number)[];
  values: JsonValue[];
  /**
   * Present for an arm's intervention or trigger parameter (key `ARM.PARAM`, e.g. 'sp.shrink'): only that arm's
   * cells are overridden, at `path` (['interventions', i, 'params', 'shrink'] or [..., 'trigger', 'n']). Absent
   * otherwise, so files without such an axis keep their hash.
   */
  arm?: string;
  /** Further paths set to the same value: the other interventions of one `every N ...:` clause. */
  alsoPaths?: (string | number)[][];
}

export interface SweepSpec {
  kind: 'grid' | 'zip';
  axes: SweepAxis[];
}

// ---------------------------------------------------------------- the experiment

export interface ExperimentIR {
  irVersion: typeof IR_VERSION;
  name: string;
  /** 'quick' when the file's quick profile was applied. */
  profile: 'default' | 'quick';
  data: DataSpec;
  model: ModelSpec;
  optimizer: OptimizerSpec;
  loss: LossKind;
  batch: number;
  seeds: number[];
  stream: StreamItem[];
  arms: ArmSpec[];
  measure: MeasureSpec[];
  compare: CompareSpec | null;
  expect: ExpectSpec[];
  sweep: SweepSpec | null;
  /** The source files this IR came from (the main file first, then imports), for the report's header. */
  sources: string[];
  /** sha256 (hex) of the canonical JSON of this IR without `hash`, `sources` and every `span`. */
  hash: string;
}

/** One unit of work: an arm at a sweep point and a seed. Everything the engine needs, self-contained. */
export interface CellSpec {
  experiment: string;
  experimentHash: string;
  arm: string;
  role: 'baseline' | 'arm';
  /** The sweep point, as { key: value } (empty without a sweep), and its stable label, e.g. 'lr=0.001'. */
  point: Record<string, JsonValue>;
  pointLabel: string;
  seed: number;
  data: DataSpec;
  model: ModelSpec;
  optimizer: OptimizerSpec;
  loss: LossKind;
  batch: number;
  stream: StreamItem[];
  interventions: InterventionSpec[];
  measure: MeasureSpec[];
  /**
   * sha256 of the canonical JSON of this cell without `hash`, `experimentHash` and spans: the run store's key. The
   * experiment hash is left out so that adding an arm to the experiment keeps every existing cell's key.
   */
  hash: string;
}
