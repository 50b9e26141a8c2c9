/**
 * The CST visitor: turns chevrotain's concrete syntax tree into the typed AST of ast.ts. It runs only on a CST
 * without syntax errors, so every required child is present.
 *
 * The children of each rule are typed by cst.generated.ts (chevrotain's generateCstDts, from the grammar itself), so
 * the compiler checks every child name and whether it may be absent, and `sub` knows what each child builds.
 */
import type { CstNode, ICstVisitor, IToken } from 'chevrotain';
import type * as A from './ast.ts';
import type * as C from './cst.generated.ts';
import { parser } from './parser.ts';

const BaseVisitor = parser.getBaseCstVisitorConstructor();

type RuleName = Exclude<keyof C.PlasCstVisitor<unknown, unknown>, keyof ICstVisitor<unknown, unknown>>;
/** What visiting a node of rule `N['name']` returns: that rule's method's return type. */
type Built<N extends CstNode> = ReturnType<AstBuilder[N['name'] & RuleName]>;

/** The i-th element of a child list that the grammar guarantees here (the CST has no syntax errors). */
function one<L extends readonly unknown[]>(list: L | undefined, i = 0): L[number] {
  const x: L[number] | undefined = list?.[i];
  if (x === undefined) throw new Error(`internal: a required CST child is missing (index ${i})`);
  return x;
}

export class AstBuilder extends BaseVisitor implements C.PlasCstVisitor<never, unknown> {
  constructor(
    private readonly fileName: string,
    private readonly text: string,
  ) {
    super();
    this.validateVisitor();
  }

  // ---------------------------------------------------------------- spans

  private spanOfToken(t: IToken): A.Span {
    return this.spanBetween(t, t);
  }

  private spanBetween(a: IToken, b: IToken): A.Span {
    return {
      file: this.fileName,
      offset: a.startOffset,
      endOffset: b.endOffset ?? a.startOffset,
      line: a.startLine ?? 1,
      column: a.startColumn ?? 1,
      endLine: b.endLine ?? a.startLine ?? 1,
      endColumn: b.endColumn ?? a.startColumn ?? 1,
    };
  }

  private ident(t: IToken): A.Ident {
    return { name: t.image, span: this.spanOfToken(t) };
  }

  private sub<N extends CstNode>(n: N): Built<N> {
    return this.visit(n) as Built<N>;
  }

  /** Visits every node of an optional child list. */
  private subs<N extends CstNode>(list: readonly N[] | undefined): Built<N>[] {
    return (list ?? []).map((n) => this.sub(n));
  }

  // ---------------------------------------------------------------- file

  file(ctx: C.FileCstChildren): A.FileAst {
    return {
      file: this.fileName,
      imports: this.subs(ctx.importDecl),
      definitions: this.subs(ctx.definition),
      experiments: this.subs(ctx.experiment),
    };
  }

  importDecl(ctx: C.ImportDeclCstChildren): A.ImportDecl {
    const s = one(ctx.StringLiteral);
    return { path: unquote(s.image), span: this.spanBetween(one(ctx.Import), s) };
  }

  definition(ctx: C.DefinitionCstChildren): A.Definition {
    const first = ctx.Data?.[0] ?? ctx.Model?.[0] ?? ctx.Optimizer?.[0];
    const name = this.ident(one(ctx.Identifier));
    if (first) {
      const call = this.sub(one(ctx.call));
      const kind = first.tokenType.name.toLowerCase() as 'data' | 'model' | 'optimizer';
      return { kind, name, call, span: { ...this.spanOfToken(first), ...endOf(call.span) } };
    }
    const metrics = this.sub(one(ctx.metricList));
    const last = metrics[metrics.length - 1];
    return { kind: 'metrics', name, metrics, span: { ...this.spanOfToken(one(ctx.Metrics)), ...(last ? endOf(last.span) : {}) } };
  }

  experiment(ctx: C.ExperimentCstChildren): A.ExperimentAst {
    return {
      name: this.ident(one(ctx.AnyName)),
      statements: this.subs(ctx.statement),
      span: this.spanBetween(one(ctx.Experiment), one(ctx.RCurly)),
    };
  }

  statement(ctx: C.StatementCstChildren): A.Statement {
    // exactly one alternative is present
    return this.sub(one(Object.values(ctx).find((list) => list !== undefined)));
  }

  dataStmt(ctx: C.DataStmtCstChildren): A.Statement {
    return this.callStatement('data', one(ctx.Data), one(ctx.call));
  }
  modelStmt(ctx: C.ModelStmtCstChildren): A.Statement {
    return this.callStatement('model', one(ctx.Model), one(ctx.call));
  }
  optimizerStmt(ctx: C.OptimizerStmtCstChildren): A.Statement {
    return this.callStatement('optimizer', one(ctx.Optimizer), one(ctx.call));
  }
  private callStatement(kind: 'data' | 'model' | 'optimizer', kw: IToken, callNode: C.CallCstNode): A.Statement {
    const call = this.sub(callNode);
    return { kind, call, span: { ...this.spanOfToken(kw), ...endOf(call.span) } };
  }

  lossStmt(ctx: C.LossStmtCstChildren): A.Statement {
    const name = one(ctx.Identifier);
    return { kind: 'loss', name: this.ident(name), span: this.spanBetween(one(ctx.Loss), name) };
  }

  batchStmt(ctx: C.BatchStmtCstChildren): A.Statement & { kind: 'batch' } {
    const value = this.sub(one(ctx.signedNumber));
    return { kind: 'batch', value, span: { ...this.spanOfToken(one(ctx.Batch)), ...endOf(value.span) } };
  }

  seedsStmt(ctx: C.SeedsStmtCstChildren): A.Statement & { kind: 'seeds' } {
    const n = ctx.signedNumber?.[0];
    const value = n ? this.sub(n) : this.sub(one(ctx.list));
    return { kind: 'seeds', value, span: { ...this.spanOfToken(one(ctx.Seeds)), ...endOf(value.span) } };
  }

  streamBlock(ctx: C.StreamBlockCstChildren): A.Statement {
    const items = [...(ctx.phaseDecl ?? []), ...(ctx.repeatDecl ?? [])]
      .sort((a, b) => (a.location?.startOffset ?? 0) - (b.location?.startOffset ?? 0))
      .map((n) => this.sub(n));
    return { kind: 'stream', items, span: this.spanBetween(one(ctx.Stream), one(ctx.RCurly)) };
  }

  phaseDecl(ctx: C.PhaseDeclCstChildren): A.StreamItemAst {
    const train = this.sub(one(ctx.trainClause));
    return { kind: 'phase', name: this.ident(one(ctx.AnyName)), train, span: { ...this.spanOfToken(one(ctx.Phase)), ...endOf(train.span) } };
  }

  repeatDecl(ctx: C.RepeatDeclCstChildren): A.StreamItemAst {
    const train = this.sub(one(ctx.trainClause));
    const name = ctx.AnyName?.[0];
    return {
      kind: 'repeat',
      count: this.sub(one(ctx.amount)),
      name: name ? this.ident(name) : null,
      train,
      span: { ...this.spanOfToken(one(ctx.Repeat)), ...endOf(train.span) },
    };
  }

  trainClause(ctx: C.TrainClauseCstChildren): A.TrainClause {
    const duration = this.sub(one(ctx.duration));
    return {
      pipeline: this.sub(one(ctx.pipeline)),
      duration,
      span: { ...this.spanOfToken(one(ctx.Train)), ...endOf(duration.span) },
    };
  }

  pipeline(ctx: C.PipelineCstChildren): A.CallValue[] {
    return this.subs(ctx.call);
  }

  duration(ctx: C.DurationCstChildren): A.DurationAst {
    const f = ctx.forDuration?.[0];
    return f ? this.sub(f) : this.sub(one(ctx.untilDuration));
  }

  forDuration(ctx: C.ForDurationCstChildren): A.DurationAst & { kind: 'for' } {
    const amount = this.sub(one(ctx.amount));
    return { kind: 'for', amount, span: { ...this.spanOfToken(one(ctx.For)), ...endOf(amount.span) } };
  }

  untilDuration(ctx: C.UntilDurationCstChildren): A.DurationAst {
    const metric = this.sub(one(ctx.qualifiedName));
    const amounts = this.subs(ctx.amount);
    const max = amounts[0]!;
    const checkEvery = amounts[1] ?? null;
    return {
      kind: 'until',
      metric,
      op: ctx.GreaterEq?.[0] ? '>=' : '<=',
      value: this.sub(one(ctx.signedNumber)),
      max,
      checkEvery,
      span: { ...this.spanOfToken(one(ctx.Until)), ...endOf((checkEvery ?? max).span) },
    };
  }

  amount(ctx: C.AmountCstChildren): A.Amount {
    const value = this.sub(one(ctx.signedNumber));
    const unit = this.ident(one(ctx.AnyName));
    return { value, unit, span: { ...value.span, ...endOf(unit.span) } };
  }

  // ---------------------------------------------------------------- arms

  armDecl(ctx: C.ArmDeclCstChildren): A.ArmAst {
    const kw = ctx.Baseline?.[0] ?? one(ctx.Arm);
    const name = this.ident(one(ctx.AnyName));
    const clauses = this.subs(ctx.triggerClause);
    const last = clauses[clauses.length - 1];
    return {
      kind: 'arm',
      role: kw.tokenType.name === 'Baseline' ? 'baseline' : 'arm',
      name,
      clauses,
      span: { ...this.spanOfToken(kw), ...endOf(last ? last.span : name.span) },
    };
  }

  triggerClause(ctx: C.TriggerClauseCstChildren): A.TriggerClause {
    const trigger = this.sub(one(ctx.trigger));
    const interventions = this.subs(ctx.intervention);
    const last = interventions[interventions.length - 1]!;
    return { trigger, interventions, span: { ...trigger.span, ...endOf(last.span) } };
  }

  trigger(ctx: C.TriggerCstChildren): A.TriggerAst {
    const at = ctx.atTrigger?.[0];
    return at ? this.sub(at) : this.sub(one(ctx.everyTrigger));
  }

  atTrigger(ctx: C.AtTriggerCstChildren): A.TriggerAst {
    const names = ctx.AnyName ?? [];
    const at = one(ctx.At);
    const last = names[names.length - 1]!;
    if (ctx.Each?.[0]) {
      return {
        kind: 'each',
        what: this.ident(names[0]!),
        of: names[1] ? this.ident(names[1]) : null,
        span: this.spanBetween(at, last),
      };
    }
    const n = ctx.signedNumber?.[0];
    if (n) {
      const value = this.sub(n);
      return { kind: 'point', unit: this.ident(last), n: value, span: { ...this.spanOfToken(at), ...endOf(value.span) } };
    }
    return { kind: 'at', phase: this.ident(last), span: this.spanBetween(at, last) };
  }

  everyTrigger(ctx: C.EveryTriggerCstChildren): A.TriggerAst {
    const n = ctx.signedNumber?.[0];
    const unit = one(ctx.AnyName);
    return {
      kind: 'every',
      n: n ? this.sub(n) : null,
      unit: this.ident(unit),
      span: this.spanBetween(one(ctx.Every), unit),
    };
  }

  intervention(ctx: C.InterventionCstChildren): A.InterventionAst {
    const reset = ctx.resetIntervention?.[0];
    if (reset) return this.sub(reset);
    const set = ctx.setIntervention?.[0];
    if (set) return this.sub(set);
    const call = this.sub(one(ctx.call));
    return { kind: 'call', call, span: call.span };
  }

  resetIntervention(ctx: C.ResetInterventionCstChildren): A.InterventionAst {
    const kw = one(ctx.Reset);
    const argsNode = ctx.args?.[0];
    if (argsNode) {
      const args = this.sub(argsNode);
      return { kind: 'reset', target: null, args: args.args, span: { ...this.spanOfToken(kw), ...endOf(args.span) } };
    }
    const opt = ctx.Optimizer?.[0];
    if (opt) return { kind: 'reset', target: 'optimizer', args: null, span: this.spanBetween(kw, opt) };
    const target = ctx.layerTarget?.[0];
    if (target) {
      const t = this.sub(target);
      return { kind: 'reset', target: t, args: null, span: { ...this.spanOfToken(kw), ...endOf(t.span) } };
    }
    return { kind: 'reset', target: null, args: null, span: this.spanOfToken(kw) };
  }

  layerTarget(ctx: C.LayerTargetCstChildren): A.IndexValue | A.Ident {
    const name = this.ident(one(ctx.Identifier));
    const range = ctx.rangeExpr?.[0];
    if (!range) return name;
    const r = this.sub(range);
    return { kind: 'index', name, ...r, span: { ...name.span, ...endOf(this.spanOfToken(one(ctx.RSquare))) } };
  }

  rangeExpr(ctx: C.RangeExprCstChildren): { from: A.NumberValue; to: A.NumberValue | null; isRange: boolean } {
    const nums = this.subs(ctx.signedNumber);
    return { from: nums[0]!, to: nums[1] ?? null, isRange: ctx.DotDot?.[0] !== undefined };
  }

  setIntervention(ctx: C.SetInterventionCstChildren): A.InterventionAst {
    const value = this.sub(one(ctx.signedNumber));
    return {
      kind: 'set',
      key: this.ident(one(ctx.AnyName)),
      value,
      span: { ...this.spanOfToken(one(ctx.Set)), ...endOf(value.span) },
    };
  }

  // ---------------------------------------------------------------- measure, compare, expect, sweep, quick

  measureStmt(ctx: C.MeasureStmtCstChildren): A.MeasureAst {
    const metrics = this.sub(one(ctx.metricList));
    return {
      kind: 'measure',
      cadence: this.sub(one(ctx.cadence)),
      metrics,
      span: { ...this.spanOfToken(one(ctx.Measure)), ...endOf(metrics[metrics.length - 1]!.span) },
    };
  }

  cadence(ctx: C.CadenceCstChildren): A.CadenceAst {
    const every = ctx.Every?.[0];
    if (every) {
      const n = ctx.signedNumber?.[0];
      const unit = one(ctx.AnyName);
      return { kind: 'every', n: n ? this.sub(n) : null, unit: this.ident(unit), span: this.spanBetween(every, unit) };
    }
    return { kind: 'each_end', what: this.ident(one(ctx.AnyName)), span: this.spanBetween(one(ctx.At), one(ctx.End)) };
  }

  metricList(ctx: C.MetricListCstChildren): A.MetricRef[] {
    return this.subs(ctx.metricRef);
  }

  metricRef(ctx: C.MetricRefCstChildren): A.MetricRef {
    const name = this.sub(one(ctx.qualifiedName));
    const argsNode = ctx.args?.[0];
    if (!argsNode) return { name, args: null, span: name.span };
    const args = this.sub(argsNode);
    return { name, args: args.args, span: { ...name.span, ...endOf(args.span) } };
  }

  compareStmt(ctx: C.CompareStmtCstChildren): A.CompareAst {
    const names = ctx.AnyName ?? [];
    const hasOf = ctx.Of?.[0] !== undefined;
    const hasBetter = ctx.Better?.[0] !== undefined;
    const of = hasOf ? names[0]! : undefined;
    const better = hasBetter ? names[hasOf ? 1 : 0]! : undefined;
    const last = this.sub(one(ctx.amount));
    const endTok = better ?? of;
    return {
      kind: 'compare',
      metric: this.sub(one(ctx.metricRef)),
      last,
      of: of ? this.ident(of) : null,
      better: better ? this.ident(better) : null,
      span: { ...this.spanOfToken(one(ctx.Compare)), ...endOf(endTok ? this.spanOfToken(endTok) : last.span) },
    };
  }

  expectStmt(ctx: C.ExpectStmtCstChildren): A.ExpectAst {
    const [leftSide, rightSide] = this.subs(ctx.expectSide);
    const value = this.sub(one(ctx.signedNumber));
    const kw = one(ctx.Expect);
    const left = leftSide!.window ?? leftSide!.arm;
    return {
      kind: 'expect',
      left: leftSide!.arm,
      right: rightSide!.arm,
      leftWindow: leftSide!.window,
      rightWindow: rightSide!.window,
      op: ctx.Greater?.[0] ? '>' : '<',
      value,
      text: this.text.slice(left.span.offset, value.span.endOffset + 1).replace(/\s+/g, ' '),
      span: { ...this.spanOfToken(kw), ...endOf(value.span) },
    };
  }

  expectSide(ctx: C.ExpectSideCstChildren): { arm: A.Ident; window: A.Ident | null } {
    const names = ctx.AnyName;
    return names.length === 2 ? { arm: this.ident(names[1]!), window: this.ident(names[0]!) } : { arm: this.ident(one(names)), window: null };
  }

  sweepStmt(ctx: C.SweepStmtCstChildren): A.SweepAst {
    return {
      kind: 'sweep',
      mode: this.ident(one(ctx.Identifier)),
      args: this.subs(ctx.sweepAxis),
      span: this.spanBetween(one(ctx.Sweep), one(ctx.RParen)),
    };
  }

  /** An axis is an `Arg` whose key may be dotted (`sp.shrink`): the key's name holds the dots. */
  sweepAxis(ctx: C.SweepAxisCstChildren): A.Arg {
    const key = this.sub(one(ctx.qualifiedName));
    const value = this.sub(one(ctx.value));
    return { key, value, span: { ...key.span, ...endOf(value.span) } };
  }

  quickBlock(ctx: C.QuickBlockCstChildren): A.QuickAst {
    return {
      kind: 'quick',
      items: this.subs(ctx.quickItem),
      span: this.spanBetween(one(ctx.Quick), one(ctx.RCurly)),
    };
  }

  quickItem(ctx: C.QuickItemCstChildren): A.QuickItem {
    // exactly one alternative is present
    return this.sub(one(Object.values(ctx).find((list) => list !== undefined)));
  }

  quickData(ctx: C.QuickDataCstChildren): A.QuickItem {
    const args = this.sub(one(ctx.args));
    return { kind: 'data', args: args.args, span: { ...this.spanOfToken(one(ctx.Data)), ...endOf(args.span) } };
  }

  quickPhase(ctx: C.QuickPhaseCstChildren): A.QuickItem {
    const forNode = ctx.forDuration?.[0];
    const duration = forNode ? this.sub(forNode).amount : this.sub(one(ctx.amount));
    return {
      kind: 'phase',
      name: this.ident(one(ctx.AnyName)),
      duration,
      mode: forNode ? 'for' : 'max',
      span: { ...this.spanOfToken(one(ctx.Phase)), ...endOf(duration.span) },
    };
  }

  quickRepeat(ctx: C.QuickRepeatCstChildren): A.QuickItem {
    const count = this.sub(one(ctx.amount));
    const forNode = ctx.forDuration?.[0];
    const duration = forNode ? this.sub(forNode).amount : null;
    const name = ctx.AnyName?.[0];
    return {
      kind: 'repeat',
      count,
      name: name ? this.ident(name) : null,
      duration,
      span: { ...this.spanOfToken(one(ctx.Repeat)), ...endOf((duration ?? count).span) },
    };
  }

  // ---------------------------------------------------------------- calls and values

  call(ctx: C.CallCstChildren): A.CallValue {
    const name = this.ident(one(ctx.Identifier));
    const argsNode = ctx.args?.[0];
    if (!argsNode) return { kind: 'call', name, args: [], hasArgs: false, span: name.span };
    const args = this.sub(argsNode);
    return { kind: 'call', name, args: args.args, hasArgs: true, span: { ...name.span, ...endOf(args.span) } };
  }

  args(ctx: C.ArgsCstChildren): { args: A.Arg[]; span: A.Span } {
    return {
      args: this.subs(ctx.arg),
      span: this.spanBetween(one(ctx.LParen), one(ctx.RParen)),
    };
  }

  arg(ctx: C.ArgCstChildren): A.Arg {
    const value = this.sub(one(ctx.value));
    const key = ctx.AnyName?.[0];
    return {
      key: key ? this.ident(key) : null,
      value,
      span: key ? { ...this.spanOfToken(key), ...endOf(value.span) } : value.span,
    };
  }

  value(ctx: C.ValueCstChildren): A.Value {
    const terms = this.subs(ctx.term);
    if (terms.length === 1) return terms[0]!;
    return { kind: 'pipeline', stages: terms, span: { ...terms[0]!.span, ...endOf(terms[terms.length - 1]!.span) } };
  }

  term(ctx: C.TermCstChildren): A.Value {
    const s = ctx.StringLiteral?.[0];
    if (s) return { kind: 'string', value: unquote(s.image), span: this.spanOfToken(s) };
    const child = ctx.numberOrRange?.[0] ?? ctx.list?.[0] ?? one(ctx.nameTerm);
    return this.sub(child);
  }

  numberOrRange(ctx: C.NumberOrRangeCstChildren): A.NumberValue | A.RangeValue {
    const nums = this.subs(ctx.signedNumber);
    const from = nums[0]!;
    const dots = ctx.DotDot?.[0];
    if (!dots) return from;
    const to = nums[1] ?? null;
    return { kind: 'range', from, to, span: { ...from.span, ...endOf(to ? to.span : this.spanOfToken(dots)) } };
  }

  nameTerm(ctx: C.NameTermCstChildren): A.Value {
    const name = this.sub(one(ctx.qualifiedName));
    const argsNode = ctx.args?.[0];
    if (argsNode) {
      const args = this.sub(argsNode);
      return { kind: 'call', name, args: args.args, hasArgs: true, span: { ...name.span, ...endOf(args.span) } };
    }
    const range = ctx.rangeExpr?.[0];
    if (range) {
      const r = this.sub(range);
      return { kind: 'index', name, ...r, span: { ...name.span, ...endOf(this.spanOfToken(one(ctx.RSquare))) } };
    }
    return { kind: 'name', name: name.name, span: name.span };
  }

  list(ctx: C.ListCstChildren): A.ListValue {
    return {
      kind: 'list',
      items: this.subs(ctx.value),
      span: this.spanBetween(one(ctx.LSquare), one(ctx.RSquare)),
    };
  }

  qualifiedName(ctx: C.QualifiedNameCstChildren): A.Ident {
    const parts = ctx.AnyName;
    return { name: parts.map((p) => p.image).join('.'), span: this.spanBetween(one(parts), one(parts, parts.length - 1)) };
  }

  signedNumber(ctx: C.SignedNumberCstChildren): A.NumberValue {
    const minus = ctx.Minus?.[0];
    const n = one(ctx.NumberLiteral);
    const text = (minus ? '-' : '') + n.image;
    return { kind: 'number', value: Number(text), text, span: this.spanBetween(minus ?? n, n) };
  }
}

/** The end-half of a span, to extend a start span with: `{ ...start, ...endOf(last) }`. */
function endOf(s: A.Span): Pick<A.Span, 'endOffset' | 'endLine' | 'endColumn'> {
  return { endOffset: s.endOffset, endLine: s.endLine, endColumn: s.endColumn };
}

function unquote(image: string): string {
  return image.slice(1, -1).replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}
