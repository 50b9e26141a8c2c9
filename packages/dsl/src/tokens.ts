/**
 * The `.plas` tokens, in one place. Keywords carry `longer_alt: Identifier` so that `phases` is a name, not
 * `phase` + `s`, and every keyword belongs to the `AnyName` category: wherever the grammar expects a free name
 * (a metric such as `train.accuracy`, a parameter key such as `on:`) any word is accepted.
 */
import { createToken, Lexer, type TokenType } from 'chevrotain';

// ---------------------------------------------------------------- categories

/** Any word: identifiers and keywords alike. */
export const AnyName = createToken({ name: 'AnyName', pattern: Lexer.NA });

// ---------------------------------------------------------------- whitespace and comments (comments go to their own group, kept for the formatter)

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\f\v\u00a0\ufeff]+/, group: Lexer.SKIPPED });
export const LineComment = createToken({
  name: 'LineComment',
  pattern: /\/\/[^\n\r]*/,
  group: 'comments',
});
export const BlockComment = createToken({
  name: 'BlockComment',
  pattern: /\/\*[^]*?\*\//,
  group: 'comments',
  line_breaks: true,
});

// ---------------------------------------------------------------- names and literals

export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_][A-Za-z0-9_]*/, categories: [AnyName] });

function keyword(word: string): TokenType {
  return createToken({
    name: word[0]!.toUpperCase() + word.slice(1),
    pattern: new RegExp(word),
    longer_alt: Identifier,
    categories: [AnyName],
  });
}

export const Experiment = keyword('experiment');
export const Import = keyword('import');
export const Data = keyword('data');
export const Model = keyword('model');
export const Optimizer = keyword('optimizer');
export const Loss = keyword('loss');
export const Batch = keyword('batch');
export const Seeds = keyword('seeds');
export const Metrics = keyword('metrics');
export const Stream = keyword('stream');
export const Phase = keyword('phase');
export const Repeat = keyword('repeat');
export const As = keyword('as');
export const Train = keyword('train');
export const On = keyword('on');
export const For = keyword('for');
export const Until = keyword('until');
export const Max = keyword('max');
export const Check = keyword('check');
export const Baseline = keyword('baseline');
export const Arm = keyword('arm');
export const At = keyword('at');
export const Each = keyword('each');
export const Every = keyword('every');
export const Of = keyword('of');
export const End = keyword('end');
export const Reset = keyword('reset');
export const SetKw = keyword('set');
export const Measure = keyword('measure');
export const Compare = keyword('compare');
export const Mean = keyword('mean');
export const Over = keyword('over');
export const Last = keyword('last');
export const Better = keyword('better');
export const Expect = keyword('expect');
export const Sweep = keyword('sweep');
export const Quick = keyword('quick');

/** Decimal numbers with an optional exponent: 128, 0.5, 1e-3, 2.5E+4. `0..4` lexes as 0, `..`, 4. */
export const NumberLiteral = createToken({ name: 'NumberLiteral', pattern: /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/ });
export const StringLiteral = createToken({ name: 'StringLiteral', pattern: /"(?:[^"\\\n\r]|\\.)*"/ });

// ---------------------------------------------------------------- punctuation

export const LCurly = createToken({ name: 'LCurly', pattern: /{/ });
export const RCurly = createToken({ name: 'RCurly', pattern: /}/ });
export const LParen = createToken({ name: 'LParen', pattern: /\(/ });
export const RParen = createToken({ name: 'RParen', pattern: /\)/ });
export const LSquare = createToken({ name: 'LSquare', pattern: /\[/ });
export const RSquare = createToken({ name: 'RSquare', pattern: /]/ });
export const DotDot = createToken({ name: 'DotDot', pattern: /\.\./ });
export const Dot = createToken({ name: 'Dot', pattern: /\./ });
export const Comma = createToken({ name: 'Comma', pattern: /,/ });
export const Colon = createToken({ name: 'Colon', pattern: /:/ });
export const Pipe = createToken({ name: 'Pipe', pattern: /\|/ });
export const GreaterEq = createToken({ name: 'GreaterEq', pattern: />=/ });
export const LessEq = createToken({ name: 'LessEq', pattern: /<=/ });
export const Greater = createToken({ name: 'Greater', pattern: />/ });
export const Less = createToken({ name: 'Less', pattern: /</ });
export const Equals = createToken({ name: 'Equals', pattern: /=/ });
export const Minus = createToken({ name: 'Minus', pattern: /-/ });

export const keywords: TokenType[] = [
  Experiment, Import, Data, Model, Optimizer, Loss, Batch, Seeds, Metrics, Stream, Phase, Repeat, As, Train, On, For,
  Until, Max, Check, Baseline, Arm, At, Each, Every, Of, End, Reset, SetKw, Measure, Compare, Mean, Over, Last, Better,
  Expect, Sweep, Quick,
];

/** Order matters: comments before `/`-free tokens, keywords before Identifier, `..` before `.`, `>=` before `>`. */
export const allTokens: TokenType[] = [
  WhiteSpace,
  LineComment,
  BlockComment,
  ...keywords,
  Identifier,
  NumberLiteral,
  StringLiteral,
  LCurly, RCurly, LParen, RParen, LSquare, RSquare,
  DotDot, Dot, Comma, Colon, Pipe, GreaterEq, LessEq, Greater, Less, Equals, Minus,
  AnyName,
];

export const plasLexer = new Lexer(allTokens, { positionTracking: 'full', ensureOptimizations: false });

/** Tokens that open/close a nesting level; the input guard bounds their depth before the (recursive) parser runs. */
export const openers = new globalThis.Set(['LCurly', 'LParen', 'LSquare']);
export const closers = new globalThis.Set(['RCurly', 'RParen', 'RSquare']);
