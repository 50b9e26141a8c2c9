/**
 * The typed syntax tree built from chevrotain's CST by `cst-to-ast.ts`. It keeps what was written, with positions;
 * nothing is resolved here (names, defaults and units are the job of lower/ and validate/).
 */

/** A source range; lines and columns are 1-based, `endColumn` is inclusive of the last character. */
export interface Span {
  file: string;
  offset: number;
  endOffset: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Ident {
  name: string;
  span: Span;
}

// ---------------------------------------------------------------- values

export type Value = NumberValue | StringValue | NameValue | ListValue | RangeValue | CallValue | IndexValue | PipelineValue;

export interface NumberValue {
  kind: 'number';
  value: number;
  /** As written, for messages and the formatter. */
  text: string;
  span: Span;
}

export interface StringValue {
  kind: 'string';
  value: string;
  span: Span;
}

/** A bare or dotted name: `relu`, `train.accuracy`, `pretrain.data`. */
export interface NameValue {
  kind: 'name';
  name: string;
  span: Span;
}

export interface ListValue {
  kind: 'list';
  items: Value[];
  span: Span;
}

/** `0..4` (inclusive) or `-2..` (open end). */
export interface RangeValue {
  kind: 'range';
  from: NumberValue;
  to: NumberValue | null;
  span: Span;
}

export interface CallValue {
  kind: 'call';
  name: Ident;
  args: Arg[];
  /** Whether parentheses were written (`mnist` vs `mnist()`). */
  hasArgs: boolean;
  span: Span;
}

/** `layers[-2..]`, `layers[1]`. */
export interface IndexValue {
  kind: 'index';
  name: Ident;
  from: NumberValue;
  to: NumberValue | null;
  /** `layers[1]` (a single layer) vs `layers[1..]`. */
  isRange: boolean;
  span: Span;
}

/** `subset(fraction: 0.5) | permute_pixels`. */
export interface PipelineValue {
  kind: 'pipeline';
  stages: Value[];
  span: Span;
}

export interface Arg {
  key: Ident | null;
  value: Value;
  span: Span;
}

/** `100 epochs`: a count and the unit word as written (singular or plural). */
export interface Amount {
  value: NumberValue;
  unit: Ident;
  span: Span;
}

// ---------------------------------------------------------------- file

export interface FileAst {
  file: string;
  imports: ImportDecl[];
  definitions: Definition[];
  experiments: ExperimentAst[];
}

export interface ImportDecl {
  path: string;
  span: Span;
}

export type Definition =
  | { kind: 'data' | 'model' | 'optimizer'; name: Ident; call: CallValue; span: Span }
  | { kind: 'metrics'; name: Ident; metrics: MetricRef[]; span: Span };

export interface ExperimentAst {
  name: Ident;
  statements: Statement[];
  span: Span;
}

export type Statement =
  | { kind: 'data' | 'model' | 'optimizer'; call: CallValue; span: Span }
  | { kind: 'loss'; name: Ident; span: Span }
  | { kind: 'batch'; value: NumberValue; span: Span }
  | { kind: 'seeds'; value: NumberValue | ListValue; span: Span }
  | { kind: 'stream'; items: StreamItemAst[]; span: Span }
  | ArmAst
  | MeasureAst
  | CompareAst
  | ExpectAst
  | SweepAst
  | QuickAst;

export type StatementKind = Statement['kind'];

// ---------------------------------------------------------------- stream

export type DurationAst =
  | { kind: 'for'; amount: Amount; span: Span }
  | {
      kind: 'until';
      metric: Ident;
      op: '>=' | '<=';
      value: NumberValue;
      max: Amount;
      checkEvery: Amount | null;
      span: Span;
    };

export interface TrainClause {
  pipeline: CallValue[];
  duration: DurationAst;
  span: Span;
}

export type StreamItemAst =
  | { kind: 'phase'; name: Ident; train: TrainClause; span: Span }
  | { kind: 'repeat'; count: Amount; name: Ident | null; train: TrainClause; span: Span };

// ---------------------------------------------------------------- arms

export type TriggerAst =
  | { kind: 'at'; phase: Ident; span: Span }
  | { kind: 'each'; what: Ident; of: Ident | null; span: Span }
  /** `at epoch 20`, `at step 500`: a fixed point of the stream (the unit word as written, checked when lowering). */
  | { kind: 'point'; unit: Ident; n: NumberValue; span: Span }
  | { kind: 'every'; n: NumberValue | null; unit: Ident; span: Span };

export type InterventionAst =
  /** `reset ...`: target null = bare `reset`; 'optimizer' = `reset optimizer`. */
  | { kind: 'reset'; target: IndexValue | Ident | 'optimizer' | null; args: Arg[] | null; span: Span }
  | { kind: 'set'; key: Ident; value: NumberValue; span: Span }
  | { kind: 'call'; call: CallValue; span: Span };

export interface TriggerClause {
  trigger: TriggerAst;
  interventions: InterventionAst[];
  span: Span;
}

export interface ArmAst {
  kind: 'arm';
  role: 'baseline' | 'arm';
  name: Ident;
  clauses: TriggerClause[];
  span: Span;
}

// ---------------------------------------------------------------- measure, compare, expect, sweep, quick

export interface MetricRef {
  name: Ident;
  args: Arg[] | null;
  span: Span;
}

export type CadenceAst =
  | { kind: 'every'; n: NumberValue | null; unit: Ident; span: Span }
  | { kind: 'each_end'; what: Ident; span: Span };

export interface MeasureAst {
  kind: 'measure';
  cadence: CadenceAst;
  metrics: MetricRef[];
  span: Span;
}

export interface CompareAst {
  kind: 'compare';
  metric: MetricRef;
  last: Amount;
  of: Ident | null;
  better: Ident | null;
  span: Span;
}

export interface ExpectAst {
  kind: 'expect';
  left: Ident;
  right: Ident;
  /** `last(arm)` / `first(arm)`: the window function written around each side, or null for a bare arm. */
  leftWindow: Ident | null;
  rightWindow: Ident | null;
  op: '>' | '<';
  value: NumberValue;
  text: string;
  span: Span;
}

export interface SweepAst {
  kind: 'sweep';
  mode: Ident;
  args: Arg[];
  span: Span;
}

export type QuickItem =
  | { kind: 'seeds'; value: NumberValue | ListValue; span: Span }
  | { kind: 'batch'; value: NumberValue; span: Span }
  | { kind: 'data'; args: Arg[]; span: Span }
  | { kind: 'phase'; name: Ident; duration: Amount; mode: 'for' | 'max'; span: Span }
  | { kind: 'repeat'; count: Amount; name: Ident | null; duration: Amount | null; span: Span }
  /** `compare ...` in quick: replaces the experiment's compare (its window, usually) in the quick profile. */
  | CompareAst
  /** `sweep grid(key: [...])` in quick: replaces the lists of the named axes of the experiment's sweep. */
  | SweepAst;

export interface QuickAst {
  kind: 'quick';
  items: QuickItem[];
  span: Span;
}
