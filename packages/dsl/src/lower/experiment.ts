/**
 * AST → IR for one experiment: runs the statement lowerings in data-flow order (setup, stream, arms, measures,
 * compare, sweep, quick). Each lowering reports its own diagnostics; cross-reference checks live in validate/.
 */
import type { Definition, ExperimentAst, Span, Statement } from '../ast.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { IR_VERSION, type ArmSpec, type CompareSpec, type ExperimentIR, type ExpectSpec, type MeasureSpec, type StreamItem, type SweepSpec } from '../ir.ts';
import { lowerArm, type ArmContext } from './arms.ts';
import { lowerCompare, lowerExpect, lowerMeasure, type MeasureContext } from './measure.ts';
import { applyQuick, lowerQuick, type QuickOverrides } from './quick.ts';
import { isRegression, lowerBatch, lowerData, lowerLoss, lowerModel, lowerOptimizer, lowerSeeds, type SetupContext } from './setup.ts';
import { lowerStreamItem } from './stream.ts';
import { lowerSweep } from './sweep.ts';

/** The lowered experiment plus what the reference checks (validate/references.ts) need to point back into the source. */
export interface Lowered {
  ast: ExperimentAst;
  /** Without `hash` (computed last) and `sources` (filled by compile). */
  ir: ExperimentIR;
  quick: QuickOverrides | null;
  /** Where parts of IR objects were written (see `noteSpan`). */
  where: Map<object, Record<string, Span>>;
  /** False when some statement failed to lower: cross-reference checks then only see what did. */
  complete: boolean;
}

type StatementOf<K extends Statement['kind']> = Statement extends infer S ? (S extends { kind: infer SK } ? (K extends SK ? S : never) : never) : never;

function first<K extends Statement['kind']>(exp: ExperimentAst, kind: K): StatementOf<K> | undefined {
  return exp.statements.find((s) => s.kind === kind) as StatementOf<K> | undefined;
}

function all<K extends Statement['kind']>(exp: ExperimentAst, kind: K): StatementOf<K>[] {
  return exp.statements.filter((s) => s.kind === kind) as StatementOf<K>[];
}

export function lowerExperiment(exp: ExperimentAst, definitions: ReadonlyMap<string, Definition>, diags: Diagnostic[]): Lowered | null {
  const before = diags.length;
  const where = new Map<object, Record<string, Span>>();
  const setup: SetupContext = { diags, definitions, where };

  const dataStmt = first(exp, 'data');
  const modelStmt = first(exp, 'model');
  const optStmt = first(exp, 'optimizer');
  const data = dataStmt ? lowerData(dataStmt.call, setup) : null;
  const model = modelStmt ? lowerModel(modelStmt.call, setup) : null;
  const optimizer = optStmt ? lowerOptimizer(optStmt.call, setup) : null;
  const lossStmt = first(exp, 'loss');
  const loss = lossStmt ? lowerLoss(lossStmt.name, setup) : data && isRegression(data) ? 'squared_error' : 'cross_entropy';
  const batchStmt = first(exp, 'batch');
  const batch = batchStmt ? lowerBatch(batchStmt.value, setup) : 32;
  const seedsStmt = first(exp, 'seeds');
  const seeds = seedsStmt ? lowerSeeds(seedsStmt.value, setup) : [0];

  const stream: StreamItem[] = [];
  let streamOk = true;
  for (const item of first(exp, 'stream')?.items ?? []) {
    const s = lowerStreamItem(item, setup);
    if (s) stream.push(s);
    else streamOk = false;
  }

  const repeatNames = (first(exp, 'stream')?.items ?? []).flatMap((i) => (i.kind === 'repeat' ? [i.name?.name ?? 'task'] : []));
  const armCtx: ArmContext = { diags, repeatNames, where };
  const arms: ArmSpec[] = [];
  for (const a of all(exp, 'arm')) {
    const arm = lowerArm(a, armCtx);
    if (arm) arms.push(arm);
  }

  const measureCtx: MeasureContext = { diags, definitions, where };
  const measure: MeasureSpec[] = [];
  for (const m of all(exp, 'measure')) measure.push(...(lowerMeasure(m, measureCtx) ?? []));
  const compareStmt = first(exp, 'compare');
  const compare: CompareSpec | null = compareStmt ? lowerCompare(compareStmt, measureCtx) : null;
  const expect: ExpectSpec[] = all(exp, 'expect').map(lowerExpect);
  const sweepStmt = first(exp, 'sweep');
  const sweepArms = { arms, declared: all(exp, 'arm').map((a) => a.name.name), stream: streamOk ? stream : null };
  const sweep: SweepSpec | null = sweepStmt ? lowerSweep(sweepStmt, optimizer, setup, sweepArms) : null;
  const quickStmt = first(exp, 'quick');
  const study = { measure: measureCtx, measured: measure, stream, compare, sweep, optimizer, arms: sweepArms, stated: { compare: !!compareStmt, sweep: !!sweepStmt } };
  const quick = quickStmt ? lowerQuick(quickStmt, stream, setup, study) : null;

  if (!data || !model || !optimizer || !loss || batch === null || !seeds || !streamOk) return null;
  const ir: ExperimentIR = {
    irVersion: IR_VERSION,
    name: exp.name.name,
    profile: 'default',
    data,
    model,
    optimizer,
    loss,
    batch,
    seeds,
    stream,
    arms,
    measure,
    compare,
    expect,
    sweep,
    sources: [],
    hash: '',
  };
  return { ast: exp, ir, quick, where, complete: diags.length === before };
}

export { applyQuick };
