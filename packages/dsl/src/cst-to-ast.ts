/**
 * The CST visitor: turns chevrotain's concrete syntax tree into the typed AST of ast.ts. It runs only on a CST
 * without syntax errors, so every required child is present.
 */
import type { CstElement, CstNode, IToken } from 'chevrotain';
import type * as A from './ast.ts';
import { parser } from './parser.ts';

type Ctx = Record<string, CstElement[] | undefined>;

const BaseVisitor = parser.getBaseCstVisitorConstructor();

function tokens(ctx: Ctx, name: string): IToken[] {
  return (ctx[name] ?? []) as IToken[];
}
function tok(ctx: Ctx, name: string, i = 0): IToken {
  const t = tokens(ctx, name)[i];
  if (!t) throw new Error(`internal: missing token ${name}[${i}]`);
  return t;
}
function maybeTok(ctx: Ctx, name: string, i = 0): IToken | undefined {
  return tokens(ctx, name)[i];
}
function nodes(ctx: Ctx, name: string): CstNode[] {
  return (ctx[name] ?? []) as CstNode[];
}
function node(ctx: Ctx, name: string, i = 0): CstNode {
  const n = nodes(ctx, name)[i];
  if (!n) throw new Error(`internal: missing node ${name}[${i}]`);
  return n;
}

export class AstBuilder extends BaseVisitor {
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

  private spanOf(n: CstNode): A.Span {
    const l = n.location;
    return {
      file: this.fileName,
      offset: l?.startOffset ?? 0,
      endOffset: l?.endOffset ?? 0,
      line: l?.startLine ?? 1,
      column: l?.startColumn ?? 1,
      endLine: l?.endLine ?? 1,
      endColumn: l?.endColumn ?? 1,
    };
  }

  private ident(t: IToken): A.Ident {
    return { name: t.image, span: this.spanOfToken(t) };
  }

  private sub<R>(n: CstNode): R {
    return this.visit(n) as R;
  }

  // ---------------------------------------------------------------- file

  file(ctx: Ctx): A.FileAst {
    return {
      file: this.fileName,
      imports: nodes(ctx, 'importDecl').map((n) => this.sub<A.ImportDecl>(n)),
      definitions: nodes(ctx, 'definition').map((n) => this.sub<A.Definition>(n)),
      experiments: nodes(ctx, 'experiment').map((n) => this.sub<A.ExperimentAst>(n)),
    };
  }

  importDecl(ctx: Ctx): A.ImportDecl {
    const s = tok(ctx, 'StringLiteral');
    return { path: unquote(s.image), span: this.spanBetween(tok(ctx, 'Import'), s) };
  }

  definition(ctx: Ctx): A.Definition {
    const first = maybeTok(ctx, 'Data') ?? maybeTok(ctx, 'Model') ?? maybeTok(ctx, 'Optimizer');
    const name = this.ident(tok(ctx, 'Identifier'));
    if (first) {
      const call = this.sub<A.CallValue>(node(ctx, 'call'));
      const kind = first.tokenType.name.toLowerCase() as 'data' | 'model' | 'optimizer';
      return { kind, name, call, span: { ...this.spanOfToken(first), ...endOf(call.span) } };
    }
    const metrics = this.sub<A.MetricRef[]>(node(ctx, 'metricList'));
    const last = metrics[metrics.length - 1];
    return { kind: 'metrics', name, metrics, span: { ...this.spanOfToken(tok(ctx, 'Metrics')), ...(last ? endOf(last.span) : {}) } };
  }

  experiment(ctx: Ctx): A.ExperimentAst {
    return {
      name: this.ident(tok(ctx, 'AnyName')),
      statements: nodes(ctx, 'statement').map((n) => this.sub<A.Statement>(n)),
      span: this.spanBetween(tok(ctx, 'Experiment'), tok(ctx, 'RCurly')),
    };
  }

  statement(ctx: Ctx): A.Statement {
    const child = Object.values(ctx)[0]?.[0] as CstNode;
    return this.sub<A.Statement>(child);
  }

  dataStmt(ctx: Ctx): A.Statement {
    return this.callStatement('data', tok(ctx, 'Data'), node(ctx, 'call'));
  }
  modelStmt(ctx: Ctx): A.Statement {
    return this.callStatement('model', tok(ctx, 'Model'), node(ctx, 'call'));
  }
  optimizerStmt(ctx: Ctx): A.Statement {
    return this.callStatement('optimizer', tok(ctx, 'Optimizer'), node(ctx, 'call'));
  }
  private callStatement(kind: 'data' | 'model' | 'optimizer', kw: IToken, callNode: CstNode): A.Statement {
    const call = this.sub<A.CallValue>(callNode);
    return { kind, call, span: { ...this.spanOfToken(kw), ...endOf(call.span) } };
  }

  lossStmt(ctx: Ctx): A.Statement {
    return { kind: 'loss', name: this.ident(tok(ctx, 'Identifier')), span: this.spanBetween(tok(ctx, 'Loss'), tok(ctx, 'Identifier')) };
  }

  batchStmt(ctx: Ctx): A.Statement & { kind: 'batch' } {
    const value = this.sub<A.NumberValue>(node(ctx, 'signedNumber'));
    return { kind: 'batch', value, span: { ...this.spanOfToken(tok(ctx, 'Batch')), ...endOf(value.span) } };
  }

  seedsStmt(ctx: Ctx): A.Statement & { kind: 'seeds' } {
    const n = nodes(ctx, 'signedNumber')[0] ?? node(ctx, 'list');
    const value = this.sub<A.NumberValue | A.ListValue>(n);
    return { kind: 'seeds', value, span: { ...this.spanOfToken(tok(ctx, 'Seeds')), ...endOf(value.span) } };
  }

  streamBlock(ctx: Ctx): A.Statement {
    const items = [...nodes(ctx, 'phaseDecl'), ...nodes(ctx, 'repeatDecl')]
      .sort((a, b) => (a.location?.startOffset ?? 0) - (b.location?.startOffset ?? 0))
      .map((n) => this.sub<A.StreamItemAst>(n));
    return { kind: 'stream', items, span: this.spanBetween(tok(ctx, 'Stream'), tok(ctx, 'RCurly')) };
  }

  phaseDecl(ctx: Ctx): A.StreamItemAst {
    const train = this.sub<A.TrainClause>(node(ctx, 'trainClause'));
    return { kind: 'phase', name: this.ident(tok(ctx, 'AnyName')), train, span: { ...this.spanOfToken(tok(ctx, 'Phase')), ...endOf(train.span) } };
  }

  repeatDecl(ctx: Ctx): A.StreamItemAst {
    const train = this.sub<A.TrainClause>(node(ctx, 'trainClause'));
    const name = maybeTok(ctx, 'AnyName');
    return {
      kind: 'repeat',
      count: this.sub<A.Amount>(node(ctx, 'amount')),
      name: name ? this.ident(name) : null,
      train,
      span: { ...this.spanOfToken(tok(ctx, 'Repeat')), ...endOf(train.span) },
    };
  }

  trainClause(ctx: Ctx): A.TrainClause {
    const duration = this.sub<A.DurationAst>(node(ctx, 'duration'));
    return {
      pipeline: this.sub<A.CallValue[]>(node(ctx, 'pipeline')),
      duration,
      span: { ...this.spanOfToken(tok(ctx, 'Train')), ...endOf(duration.span) },
    };
  }

  pipeline(ctx: Ctx): A.CallValue[] {
    return nodes(ctx, 'call').map((n) => this.sub<A.CallValue>(n));
  }

  duration(ctx: Ctx): A.DurationAst {
    return this.sub<A.DurationAst>(nodes(ctx, 'forDuration')[0] ?? node(ctx, 'untilDuration'));
  }

  forDuration(ctx: Ctx): A.DurationAst & { kind: 'for' } {
    const amount = this.sub<A.Amount>(node(ctx, 'amount'));
    return { kind: 'for', amount, span: { ...this.spanOfToken(tok(ctx, 'For')), ...endOf(amount.span) } };
  }

  untilDuration(ctx: Ctx): A.DurationAst {
    const metric = this.sub<A.Ident>(node(ctx, 'qualifiedName'));
    const amounts = nodes(ctx, 'amount').map((n) => this.sub<A.Amount>(n));
    const max = amounts[0]!;
    const checkEvery = amounts[1] ?? null;
    return {
      kind: 'until',
      metric,
      op: maybeTok(ctx, 'GreaterEq') ? '>=' : '<=',
      value: this.sub<A.NumberValue>(node(ctx, 'signedNumber')),
      max,
      checkEvery,
      span: { ...this.spanOfToken(tok(ctx, 'Until')), ...endOf((checkEvery ?? max).span) },
    };
  }

  amount(ctx: Ctx): A.Amount {
    const value = this.sub<A.NumberValue>(node(ctx, 'signedNumber'));
    const unit = this.ident(tok(ctx, 'AnyName'));
    return { value, unit, span: { ...value.span, ...endOf(unit.span) } };
  }

  // ---------------------------------------------------------------- arms

  armDecl(ctx: Ctx): A.ArmAst {
    const kw = maybeTok(ctx, 'Baseline') ?? tok(ctx, 'Arm');
    const name = this.ident(tok(ctx, 'AnyName'));
    const clauses = nodes(ctx, 'triggerClause').map((n) => this.sub<A.TriggerClause>(n));
    const last = clauses[clauses.length - 1];
    return {
      kind: 'arm',
      role: kw.tokenType.name === 'Baseline' ? 'baseline' : 'arm',
      name,
      clauses,
      span: { ...this.spanOfToken(kw), ...endOf(last ? last.span : name.span) },
    };
  }

  triggerClause(ctx: Ctx): A.TriggerClause {
    const trigger = this.sub<A.TriggerAst>(node(ctx, 'trigger'));
    const interventions = nodes(ctx, 'intervention').map((n) => this.sub<A.InterventionAst>(n));
    const last = interventions[interventions.length - 1]!;
    return { trigger, interventions, span: { ...trigger.span, ...endOf(last.span) } };
  }

  trigger(ctx: Ctx): A.TriggerAst {
    return this.sub<A.TriggerAst>(nodes(ctx, 'atTrigger')[0] ?? node(ctx, 'everyTrigger'));
  }

  atTrigger(ctx: Ctx): A.TriggerAst {
    const names = tokens(ctx, 'AnyName');
    const at = tok(ctx, 'At');
    const last = names[names.length - 1]!;
    if (maybeTok(ctx, 'Each')) {
      return {
        kind: 'each',
        what: this.ident(names[0]!),
        of: names[1] ? this.ident(names[1]) : null,
        span: this.spanBetween(at, last),
      };
    }
    const n = nodes(ctx, 'signedNumber')[0];
    if (n) {
      const value = this.sub<A.NumberValue>(n);
      return { kind: 'point', unit: this.ident(last), n: value, span: { ...this.spanOfToken(at), ...endOf(value.span) } };
    }
    return { kind: 'at', phase: this.ident(last), span: this.spanBetween(at, last) };
  }

  everyTrigger(ctx: Ctx): A.TriggerAst {
    const n = nodes(ctx, 'signedNumber')[0];
    const unit = tok(ctx, 'AnyName');
    return {
      kind: 'every',
      n: n ? this.sub<A.NumberValue>(n) : null,
      unit: this.ident(unit),
      span: this.spanBetween(tok(ctx, 'Every'), unit),
    };
  }

  intervention(ctx: Ctx): A.InterventionAst {
    const reset = nodes(ctx, 'resetIntervention')[0];
    if (reset) return this.sub<A.InterventionAst>(reset);
    const set = nodes(ctx, 'setIntervention')[0];
    if (set) return this.sub<A.InterventionAst>(set);
    const call = this.sub<A.CallValue>(node(ctx, 'call'));
    return { kind: 'call', call, span: call.span };
  }

  resetIntervention(ctx: Ctx): A.InterventionAst {
    const kw = tok(ctx, 'Reset');
    const argsNode = nodes(ctx, 'args')[0];
    if (argsNode) {
      const args = this.sub<{ args: A.Arg[]; span: A.Span }>(argsNode);
      return { kind: 'reset', target: null, args: args.args, span: { ...this.spanOfToken(kw), ...endOf(args.span) } };
    }
    const opt = maybeTok(ctx, 'Optimizer');
    if (opt) return { kind: 'reset', target: 'optimizer', args: null, span: this.spanBetween(kw, opt) };
    const target = nodes(ctx, 'layerTarget')[0];
    if (target) {
      const t = this.sub<A.IndexValue | A.Ident>(target);
      return { kind: 'reset', target: t, args: null, span: { ...this.spanOfToken(kw), ...endOf(t.span) } };
    }
    return { kind: 'reset', target: null, args: null, span: this.spanOfToken(kw) };
  }

  layerTarget(ctx: Ctx): A.IndexValue | A.Ident {
    const name = this.ident(tok(ctx, 'Identifier'));
    const range = nodes(ctx, 'rangeExpr')[0];
    if (!range) return name;
    const r = this.sub<{ from: A.NumberValue; to: A.NumberValue | null; isRange: boolean }>(range);
    return { kind: 'index', name, ...r, span: { ...name.span, ...endOf(this.spanOfToken(tok(ctx, 'RSquare'))) } };
  }

  rangeExpr(ctx: Ctx): { from: A.NumberValue; to: A.NumberValue | null; isRange: boolean } {
    const nums = nodes(ctx, 'signedNumber').map((n) => this.sub<A.NumberValue>(n));
    return { from: nums[0]!, to: nums[1] ?? null, isRange: maybeTok(ctx, 'DotDot') !== undefined };
  }

  setIntervention(ctx: Ctx): A.InterventionAst {
    const value = this.sub<A.NumberValue>(node(ctx, 'signedNumber'));
    return {
      kind: 'set',
      key: this.ident(tok(ctx, 'AnyName')),
      value,
      span: { ...this.spanOfToken(tok(ctx, 'Set')), ...endOf(value.span) },
    };
  }

  // ---------------------------------------------------------------- measure, compare, expect, sweep, quick

  measureStmt(ctx: Ctx): A.MeasureAst {
    const metrics = this.sub<A.MetricRef[]>(node(ctx, 'metricList'));
    return {
      kind: 'measure',
      cadence: this.sub<A.CadenceAst>(node(ctx, 'cadence')),
      metrics,
      span: { ...this.spanOfToken(tok(ctx, 'Measure')), ...endOf(metrics[metrics.length - 1]!.span) },
    };
  }

  cadence(ctx: Ctx): A.CadenceAst {
    const every = maybeTok(ctx, 'Every');
    if (every) {
      const n = nodes(ctx, 'signedNumber')[0];
      const unit = tok(ctx, 'AnyName');
      return { kind: 'every', n: n ? this.sub<A.NumberValue>(n) : null, unit: this.ident(unit), span: this.spanBetween(every, unit) };
    }
    return { kind: 'each_end', what: this.ident(tok(ctx, 'AnyName')), span: this.spanBetween(tok(ctx, 'At'), tok(ctx, 'End')) };
  }

  metricList(ctx: Ctx): A.MetricRef[] {
    return nodes(ctx, 'metricRef').map((n) => this.sub<A.MetricRef>(n));
  }

  metricRef(ctx: Ctx): A.MetricRef {
    const name = this.sub<A.Ident>(node(ctx, 'qualifiedName'));
    const argsNode = nodes(ctx, 'args')[0];
    if (!argsNode) return { name, args: null, span: name.span };
    const args = this.sub<{ args: A.Arg[]; span: A.Span }>(argsNode);
    return { name, args: args.args, span: { ...name.span, ...endOf(args.span) } };
  }

  compareStmt(ctx: Ctx): A.CompareAst {
    const names = tokens(ctx, 'AnyName');
    const hasOf = maybeTok(ctx, 'Of') !== undefined;
    const hasBetter = maybeTok(ctx, 'Better') !== undefined;
    const of = hasOf ? names[0]! : undefined;
    const better = hasBetter ? names[hasOf ? 1 : 0]! : undefined;
    const last = this.sub<A.Amount>(node(ctx, 'amount'));
    const endTok = better ?? of;
    return {
      kind: 'compare',
      metric: this.sub<A.MetricRef>(node(ctx, 'metricRef')),
      last,
      of: of ? this.ident(of) : null,
      better: better ? this.ident(better) : null,
      span: { ...this.spanOfToken(tok(ctx, 'Compare')), ...endOf(endTok ? this.spanOfToken(endTok) : last.span) },
    };
  }

  expectStmt(ctx: Ctx): A.ExpectAst {
    const [leftSide, rightSide] = nodes(ctx, 'expectSide').map((n) => this.sub<{ arm: A.Ident; window: A.Ident | null }>(n));
    const value = this.sub<A.NumberValue>(node(ctx, 'signedNumber'));
    const kw = tok(ctx, 'Expect');
    const left = leftSide!.window ?? leftSide!.arm;
    return {
      kind: 'expect',
      left: leftSide!.arm,
      right: rightSide!.arm,
      leftWindow: leftSide!.window,
      rightWindow: rightSide!.window,
      op: maybeTok(ctx, 'Greater') ? '>' : '<',
      value,
      text: this.text.slice(left.span.offset, value.span.endOffset + 1).replace(/\s+/g, ' '),
      span: { ...this.spanOfToken(kw), ...endOf(value.span) },
    };
  }

  expectSide(ctx: Ctx): { arm: A.Ident; window: A.Ident | null } {
    const names = tokens(ctx, 'AnyName');
    return names.length === 2 ? { arm: this.ident(names[1]!), window: this.ident(names[0]!) } : { arm: this.ident(names[0]!), window: null };
  }

  sweepStmt(ctx: Ctx): A.SweepAst {
    return {
      kind: 'sweep',
      mode: this.ident(tok(ctx, 'Identifier')),
      args: nodes(ctx, 'sweepAxis').map((n) => this.sub<A.Arg>(n)),
      span: this.spanBetween(tok(ctx, 'Sweep'), tok(ctx, 'RParen')),
    };
  }

  /** An axis is an `Arg` whose key may be dotted (`sp.shrink`): the key's name holds the dots. */
  sweepAxis(ctx: Ctx): A.Arg {
    const key = this.sub<A.Ident>(node(ctx, 'qualifiedName'));
    const value = this.sub<A.Value>(node(ctx, 'value'));
    return { key, value, span: { ...key.span, ...endOf(value.span) } };
  }

  quickBlock(ctx: Ctx): A.QuickAst {
    return {
      kind: 'quick',
      items: nodes(ctx, 'quickItem').map((n) => this.sub<A.QuickItem>(n)),
      span: this.spanBetween(tok(ctx, 'Quick'), tok(ctx, 'RCurly')),
    };
  }

  quickItem(ctx: Ctx): A.QuickItem {
    const child = Object.values(ctx)[0]?.[0] as CstNode;
    return this.sub<A.QuickItem>(child);
  }

  quickData(ctx: Ctx): A.QuickItem {
    const args = this.sub<{ args: A.Arg[]; span: A.Span }>(node(ctx, 'args'));
    return { kind: 'data', args: args.args, span: { ...this.spanOfToken(tok(ctx, 'Data')), ...endOf(args.span) } };
  }

  quickPhase(ctx: Ctx): A.QuickItem {
    const forNode = nodes(ctx, 'forDuration')[0];
    const duration = forNode ? this.sub<{ amount: A.Amount }>(forNode).amount : this.sub<A.Amount>(node(ctx, 'amount'));
    return {
      kind: 'phase',
      name: this.ident(tok(ctx, 'AnyName')),
      duration,
      mode: forNode ? 'for' : 'max',
      span: { ...this.spanOfToken(tok(ctx, 'Phase')), ...endOf(duration.span) },
    };
  }

  quickRepeat(ctx: Ctx): A.QuickItem {
    const count = this.sub<A.Amount>(node(ctx, 'amount'));
    const forNode = nodes(ctx, 'forDuration')[0];
    const duration = forNode ? this.sub<{ amount: A.Amount }>(forNode).amount : null;
    const name = maybeTok(ctx, 'AnyName');
    return {
      kind: 'repeat',
      count,
      name: name ? this.ident(name) : null,
      duration,
      span: { ...this.spanOfToken(tok(ctx, 'Repeat')), ...endOf((duration ?? count).span) },
    };
  }

  // ---------------------------------------------------------------- calls and values

  call(ctx: Ctx): A.CallValue {
    const name = this.ident(tok(ctx, 'Identifier'));
    const argsNode = nodes(ctx, 'args')[0];
    if (!argsNode) return { kind: 'call', name, args: [], hasArgs: false, span: name.span };
    const args = this.sub<{ args: A.Arg[]; span: A.Span }>(argsNode);
    return { kind: 'call', name, args: args.args, hasArgs: true, span: { ...name.span, ...endOf(args.span) } };
  }

  args(ctx: Ctx): { args: A.Arg[]; span: A.Span } {
    return {
      args: nodes(ctx, 'arg').map((n) => this.sub<A.Arg>(n)),
      span: this.spanBetween(tok(ctx, 'LParen'), tok(ctx, 'RParen')),
    };
  }

  arg(ctx: Ctx): A.Arg {
    const value = this.sub<A.Value>(node(ctx, 'value'));
    const key = maybeTok(ctx, 'AnyName');
    return {
      key: key ? this.ident(key) : null,
      value,
      span: key ? { ...this.spanOfToken(key), ...endOf(value.span) } : value.span,
    };
  }

  value(ctx: Ctx): A.Value {
    const terms = nodes(ctx, 'term').map((n) => this.sub<A.Value>(n));
    if (terms.length === 1) return terms[0]!;
    return { kind: 'pipeline', stages: terms, span: { ...terms[0]!.span, ...endOf(terms[terms.length - 1]!.span) } };
  }

  term(ctx: Ctx): A.Value {
    const s = maybeTok(ctx, 'StringLiteral');
    if (s) return { kind: 'string', value: unquote(s.image), span: this.spanOfToken(s) };
    const child = (nodes(ctx, 'numberOrRange')[0] ?? nodes(ctx, 'list')[0] ?? node(ctx, 'nameTerm'));
    return this.sub<A.Value>(child);
  }

  numberOrRange(ctx: Ctx): A.NumberValue | A.RangeValue {
    const nums = nodes(ctx, 'signedNumber').map((n) => this.sub<A.NumberValue>(n));
    const from = nums[0]!;
    const dots = maybeTok(ctx, 'DotDot');
    if (!dots) return from;
    const to = nums[1] ?? null;
    return { kind: 'range', from, to, span: { ...from.span, ...endOf(to ? to.span : this.spanOfToken(dots)) } };
  }

  nameTerm(ctx: Ctx): A.Value {
    const name = this.sub<A.Ident>(node(ctx, 'qualifiedName'));
    const argsNode = nodes(ctx, 'args')[0];
    if (argsNode) {
      const args = this.sub<{ args: A.Arg[]; span: A.Span }>(argsNode);
      return { kind: 'call', name, args: args.args, hasArgs: true, span: { ...name.span, ...endOf(args.span) } };
    }
    const range = nodes(ctx, 'rangeExpr')[0];
    if (range) {
      const r = this.sub<{ from: A.NumberValue; to: A.NumberValue | null; isRange: boolean }>(range);
      return { kind: 'index', name, ...r, span: { ...name.span, ...endOf(this.spanOfToken(tok(ctx, 'RSquare'))) } };
    }
    return { kind: 'name', name: name.name, span: name.span };
  }

  list(ctx: Ctx): A.ListValue {
    return {
      kind: 'list',
      items: nodes(ctx, 'value').map((n) => this.sub<A.Value>(n)),
      span: this.spanBetween(tok(ctx, 'LSquare'), tok(ctx, 'RSquare')),
    };
  }

  qualifiedName(ctx: Ctx): A.Ident {
    const parts = tokens(ctx, 'AnyName');
    return { name: parts.map((p) => p.image).join('.'), span: this.spanBetween(parts[0]!, parts[parts.length - 1]!) };
  }

  signedNumber(ctx: Ctx): A.NumberValue {
    const minus = maybeTok(ctx, 'Minus');
    const n = tok(ctx, 'NumberLiteral');
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
