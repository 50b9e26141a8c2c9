/**
 * What the run store holds: one `CellRecord` per cell, one `ExperimentRecord` per experiment run.
 * This is the contract between the engine and the report; the report reads nothing else.
 *
 * Layout under the store root (default `.plas/`):
 *   cells/<cellHash>.json                 CellRecord, written atomically when the cell ends (complete or diverged)
 *   experiments/<experimentHash>.json     ExperimentRecord: the IR and the cell hashes it expands to
 *   claims/<cellHash>.json                a runner's lease on a cell it is training (store/claims.ts)
 */
import type { CellSpec, ExperimentIR, ParamValue, Trigger } from '@plas/dsl';

export const CELL_RECORD_SCHEMA = 'plas.cell/1';
export const EXPERIMENT_RECORD_SCHEMA = 'plas.experiment/1';

/** One measurement. `value` is null when the metric could not be computed (e.g. after divergence). */
export interface SeriesPoint {
  /** Training steps taken before the measurement, over the whole stream. */
  step: number;
  /** Whole epochs completed within the current phase/task (0 at its start). */
  epoch: number;
  /** Examples seen over the whole stream. */
  examples: number;
  /** The phase name (for repeats: the repeat's name). */
  phase: string;
  /** Task index within a repeat (0 for a plain phase). */
  task: number;
  /** Scalar metrics give a number; per-layer metrics give { layerName: number, ..., total?: number }. */
  value: number | Record<string, number> | null;
  /**
   * True for the measurement taken right after an intervention fired (at the same step as the one before it):
   * curves draw it as a second point at that x; a compare window leaves it out (it is not a training result).
   */
  afterIntervention?: true;
}

/** What one firing did to one weight layer (train/events.ts). */
export interface EventLayer {
  layer: string;
  /** Units re-initialised (reset) or recycled (redo, continual_backprop); absent for interventions without units. */
  units?: number;
  /** L2 norm of the layer's parameters (weight, bias, layer-norm gain/offset) before and after; null when not finite. */
  normBefore?: number | null;
  normAfter?: number | null;
  /** Fraction of those parameters whose value changed. */
  changed?: number;
}

/**
 * One intervention firing (or, for per-step interventions, one task's firings summed: `firings` > 1). Part of the
 * record's content: it is checksummed and compared bit for bit on a rerun.
 */
export interface InterventionEvent {
  /** Steps taken before the firing, over the stream; for a summary, the step of its last firing. */
  step: number;
  phase: string;
  task: number;
  /** The intervention's catalog name and its parameters as resolved (defaults filled). */
  name: string;
  params: Record<string, ParamValue>;
  trigger: Trigger['kind'];
  /** 1 for a single firing; a per-step summary counts its task's firings (from `fromStep` to `step`). */
  firings: number;
  fromStep?: number;
  /** The layers it acted on (units) or changed (norms). A summary has units only. */
  layers: EventLayer[];
  /** Values that were not finite, stored as null: e.g. ['dense1.normAfter']. */
  nonFinite?: string[];
}

export type CellStatus = 'complete' | 'diverged' | 'failed';

export interface Divergence {
  step: number;
  phase: string;
  task: number;
  /** What was not finite, e.g. 'train.loss'. */
  what: string;
  value: 'NaN' | 'Infinity' | '-Infinity';
}

export interface CellRecord {
  schema: typeof CELL_RECORD_SCHEMA;
  status: CellStatus;
  /** The resolved configuration the cell ran with, its hash included. */
  cell: CellSpec;
  backend: string;
  /** Package name → version for @plas/*, @tensorflow/*, and node itself ('node'). */
  versions: Record<string, string>;
  timing: { startedAt: string; finishedAt: string; wallMs: number; steps: number; stepsPerSecond: number };
  divergence: Divergence | null;
  /** For status 'failed': the error message. */
  error: string | null;
  /** Measured series by MeasureSpec.key. */
  series: Record<string, SeriesPoint[]>;
  /** What the interventions did, in order (present when the cell has interventions). */
  events?: InterventionEvent[];
  /**
   * `sha256:<hex>` of the canonical JSON of every other field (store/record-check.ts). Set by the store when it
   * writes the record; a record without it, or with one that does not match, is rejected on load and recomputed.
   */
  checksum?: string;
}

export interface ExperimentRecord {
  schema: typeof EXPERIMENT_RECORD_SCHEMA;
  ir: ExperimentIR;
  /** The `.plas` file as given on the command line. */
  file: string;
  /** Every cell hash the experiment expands to (in the order of expansion), whether or not it has run yet. */
  cells: string[];
  /** Last time a run of this experiment started / ended (ISO). */
  updatedAt: string;
  backend: string;
}
