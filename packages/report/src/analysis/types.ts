/** The analysed form of one experiment: everything the tables, charts and summary are made from. */
import type { FitStats } from './fit.ts';
import type { EventStats } from './events.ts';
import type { CurveEvents } from './event-markers.ts';
import type { Sensitivity } from './sensitivity.ts';
import type { CompareWindow, ExperimentIR } from '@plas/dsl';
import type { CellStatus, Divergence, ExperimentRecord } from '@plas/engine';
import type { Better } from '../stats/improvement.ts';
import type { ExpectationResult } from '../stats/expect.ts';
import type { PairedValue } from '../stats/paired.ts';

export interface CellSummary {
  hash: string;
  /** Unknown (null) for a cell that has no record. */
  arm: string | null;
  point: string | null;
  seed: number | null;
  status: CellStatus | 'missing';
  backend: string | null;
  wallMs: number | null;
  steps: number | null;
  finishedAt: string | null;
  divergence: Divergence | null;
  error: string | null;
  /** The comparison window's value (complete cells only) and why it is absent or short. */
  windowValue: number | null;
  windowNote: string | null;
  /** The same window taken at the start (the first N units): for `expect last(A) - first(A)` trends. */
  firstWindowValue: number | null;
}

export type FlagKind = 'few-seeds' | 'missing-cells' | 'diverged' | 'failed' | 'window' | 'no-baseline' | 'no-compare' | 'unpaired';

export interface Flag {
  kind: FlagKind;
  message: string;
}

export interface ResolvedCompare {
  metric: string;
  window: CompareWindow;
  better: Better;
  /** False when the file states no `compare` and the report falls back to the final value of a metric. */
  stated: boolean;
  /** Human-readable, e.g. "mean over the last 10 epochs of tune". */
  description: string;
}

export interface ArmStats {
  point: string;
  arm: string;
  role: 'baseline' | 'arm';
  n: number;
  seeds: number[];
  values: number[];
  mean: number | null;
  sd: number | null;
  tLow: number | null;
  tHigh: number | null;
  bootLow: number | null;
  bootHigh: number | null;
}

export interface Comparison {
  point: string;
  arm: string;
  baseline: string;
  n: number;
  meanDiff: number | null;
  sd: number | null;
  tLow: number | null;
  tHigh: number | null;
  bootLow: number | null;
  bootHigh: number | null;
  /** Fraction of paired seeds on which the arm is better; P(X_arm better than X_base) over all pairs. */
  seedWinRate: number | null;
  pairwise: number | null;
  pairs: PairedValue[];
}

export interface ExpectationOutcome extends ExpectationResult {
  text: string;
  left: string;
  right: string;
  op: '>' | '<';
  value: number;
  point: string;
}

export type XAxis = 'task' | 'step' | 'measurement';

export interface CurveRow {
  point: string;
  arm: string;
  /** The layer of a per-layer metric without a 'total' entry; null otherwise. */
  layer: string | null;
  x: number;
  n: number;
  mean: number;
  low: number | null;
  high: number | null;
}

export interface MetricCurves {
  key: string;
  /** The catalog metric of the series, without parameters (e.g. 'dead_units' for 'dead_units(probe=2000)'). */
  metric: string;
  kind: 'performance' | 'diagnostic';
  xAxis: XAxis;
  layered: boolean;
  /** Per-layer values drawn by their 'total' entry. */
  usesTotal: boolean;
  rows: CurveRow[];
  /** Where a new phase begins: x of the last measurement before it (phase names of repeats change once). */
  phaseStarts: PhaseStart[];
  /** Where the interventions fired on this x axis (event-markers.ts). */
  events: CurveEvents;
}

export interface PhaseStart {
  x: number;
  phase: string;
}

export interface DifferenceCurves {
  key: string;
  baseline: string;
  xAxis: XAxis;
  rows: CurveRow[];
  phaseStarts: PhaseStart[];
  events: CurveEvents;
}

export interface ExperimentHeader {
  name: string;
  file: string;
  hash: string;
  profile: string;
  sources: string[];
  backends: string[];
  /** Package → every version recorded by the cells (normally one). */
  versions: Record<string, string[]>;
  wallMs: number;
  seeds: number[];
  cellsExpected: number;
  cellsByStatus: Record<CellSummary['status'], number>;
  /** The latest cell's finishedAt (the experiment record's updatedAt when no cell has finished). */
  date: string;
}

export interface ExperimentAnalysis {
  ir: ExperimentIR;
  record: ExperimentRecord;
  header: ExperimentHeader;
  points: string[];
  /** True when the experiment sweeps (its cells then carry point labels worth showing). */
  swept: boolean;
  arms: { name: string; role: 'baseline' | 'arm' }[];
  baseline: string | null;
  compare: ResolvedCompare | null;
  cells: CellSummary[];
  armStats: ArmStats[];
  comparisons: Comparison[];
  expectations: ExpectationOutcome[];
  curves: MetricCurves[];
  differences: DifferenceCurves[];
  /** Final training accuracy per arm (empty when `train.accuracy` is not measured or is itself compared). */
  fit: FitStats[];
  /** What the interventions did, per arm (from the cells' events; empty for records without events). */
  events: EventStats[];
  /** The compared metric against the swept values (null without a sweep or a compared metric). */
  sensitivity: Sensitivity | null;
  flags: Flag[];
}
