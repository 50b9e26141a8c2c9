/**
 * `parseSource`: input guards → lexer → parser → AST. Never throws: every failure is a diagnostic. The guards run
 * first because chevrotain's recursive descent can exhaust the stack on absurd nesting, and a 10 MB file is not an
 * experiment.
 */
import type { IToken } from 'chevrotain';
import type { FileAst, Span } from './ast.ts';
import { AstBuilder } from './cst-to-ast.ts';
import { diagnosticAt, fileDiagnostic, type Diagnostic } from './diagnostics.ts';
import { parseTokens } from './parser.ts';
import { suggestion } from './suggest.ts';
import { closers, openers, plasLexer } from './tokens.ts';

/** 2 MB of text: far beyond any experiment, small enough to lex and parse in well under a second. */
export const MAX_SOURCE_CHARS = 2_000_000;
/** Brackets nested deeper than this are refused before parsing. */
export const MAX_NESTING = 48;
/** Syntax errors reported per file (recovery may cascade). */
const MAX_SYNTAX_ERRORS = 20;

export interface ParseResult {
  ast: FileAst | null;
  diagnostics: Diagnostic[];
  /** All tokens including comments (for the formatter), in source order; empty when lexing failed. */
  tokens: IToken[];
  comments: IToken[];
}

export function parseSource(text: string, file: string): ParseResult {
  const fail = (d: Diagnostic[]): ParseResult => ({ ast: null, diagnostics: d, tokens: [], comments: [] });
  try {
    const guard = guardInput(text, file);
    if (guard.length > 0) return fail(guard);

    const lexed = plasLexer.tokenize(text);
    const diagnostics: Diagnostic[] = lexed.errors.slice(0, MAX_SYNTAX_ERRORS).map((e) => lexDiagnostic(text, file, e));
    if (diagnostics.length > 0) return fail(diagnostics);
    const comments = lexed.groups['comments'] ?? [];

    const depth = nestingDiagnostic(lexed.tokens, file);
    if (depth) return fail([depth]);

    const { cst, errors } = parseTokens(lexed.tokens);
    if (errors.length > 0) {
      const last = lexed.tokens[lexed.tokens.length - 1];
      return { ...fail(errors.slice(0, MAX_SYNTAX_ERRORS).map((e) => syntaxDiagnostic(e, file, last))), tokens: lexed.tokens, comments };
    }
    const ast = new AstBuilder(file, text).visit(cst) as FileAst;
    return { ast, diagnostics: [], tokens: lexed.tokens, comments };
  } catch (e) {
    if (e instanceof RangeError) return fail([fileDiagnostic(file, 'too-deep', 'the file nests too deeply to parse')]);
    return fail([fileDiagnostic(file, 'syntax', `could not parse the file: ${(e as Error).message}`)]);
  }
}

function guardInput(text: string, file: string): Diagnostic[] {
  if (text.length > MAX_SOURCE_CHARS) {
    const mb = (text.length / 1e6).toFixed(1);
    return [fileDiagnostic(file, 'file-too-large', `the file has ${mb} M characters; the limit is ${MAX_SOURCE_CHARS / 1e6} M`)];
  }
  const bad = text.search(/[\u0000\ufffd]/);
  if (bad >= 0) {
    const span = spanAtOffset(text, file, bad, 1);
    const what = text[bad] === '\u0000' ? 'a NUL byte' : 'bytes that are not valid UTF-8';
    return [diagnosticAt(span, 'bad-encoding', `the file contains ${what}; .plas files are UTF-8 text`)];
  }
  if (text.replace(/\/\/[^\n]*|\/\*[^]*?\*\//g, '').trim() === '') {
    return [fileDiagnostic(file, 'empty-file', 'the file is empty: expected `experiment NAME { ... }` or definitions')];
  }
  return [];
}

function nestingDiagnostic(tokens: IToken[], file: string): Diagnostic | null {
  let depth = 0;
  for (const t of tokens) {
    const name = t.tokenType.name;
    if (openers.has(name)) {
      depth++;
      if (depth > MAX_NESTING) {
        return diagnosticAt(tokenSpan(t, file), 'too-deep', `brackets nest more than ${MAX_NESTING} levels deep`);
      }
    } else if (closers.has(name)) {
      depth = Math.max(0, depth - 1);
    }
  }
  return null;
}

export function spanAtOffset(text: string, file: string, offset: number, length: number): Span {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const column = offset - lineStart + 1;
  return { file, offset, endOffset: offset + length - 1, line, column, endLine: line, endColumn: column + length - 1 };
}

export function tokenSpan(t: IToken, file: string): Span {
  const line = Number.isFinite(t.startLine) ? (t.startLine as number) : 1;
  const column = Number.isFinite(t.startColumn) ? (t.startColumn as number) : 1;
  return {
    file,
    offset: t.startOffset,
    endOffset: t.endOffset ?? t.startOffset,
    line,
    column,
    endLine: Number.isFinite(t.endLine) ? (t.endLine as number) : line,
    endColumn: Number.isFinite(t.endColumn) ? (t.endColumn as number) : column,
  };
}

function lexDiagnostic(text: string, file: string, e: { offset: number; length: number; message: string }): Diagnostic {
  const ch = text[e.offset] ?? '';
  const span = spanAtOffset(text, file, e.offset, Math.max(1, Math.min(e.length, 1)));
  if (ch === '"') return diagnosticAt(span, 'bad-character', 'unterminated string: a string must close with `"` on the same line');
  if (text.startsWith('/*', e.offset)) return diagnosticAt(span, 'bad-character', 'unterminated comment: `/*` without `*/`');
  const shown = JSON.stringify(ch).slice(1, -1);
  return diagnosticAt(span, 'bad-character', `unexpected character \`${shown}\``);
}

const tokenWords: Record<string, string> = {
  LCurly: '{', RCurly: '}', LParen: '(', RParen: ')', LSquare: '[', RSquare: ']', DotDot: '..', Dot: '.',
  Comma: ',', Colon: ':', Pipe: '|', GreaterEq: '>=', LessEq: '<=', Greater: '>', Less: '<', Equals: '=', Minus: '-',
  AnyName: 'a name', Identifier: 'a name', NumberLiteral: 'a number', StringLiteral: 'a string',
};

function tokenWord(name: string): string {
  return tokenWords[name] ?? name.toLowerCase();
}

const ruleWords: Record<string, string> = {
  statement: 'a statement (data, model, optimizer, loss, batch, seeds, stream, baseline, arm, measure, compare, expect, sweep, quick)',
  file: '`import`, a definition or `experiment`',
  trigger: 'a trigger (`at PHASE`, `at each task`, `at epoch N`, `every N steps`, `every step`)',
  intervention: 'an intervention',
  duration: '`for N epochs|steps|examples` or `until METRIC >= X max N epochs`',
  term: 'a value',
  value: 'a value',
  quickItem: 'a quick override (seeds, batch, data, phase, repeat)',
  cadence: '`every N epochs|steps|tasks` or `at each phase end`',
  seedsStmt: 'a number or a list of seeds',
};

/** In a block, the words that may start the next item: a misspelt one gets a did-you-mean. */
const blockWords: Record<string, { expected: string; words: string[] }> = {
  experiment: {
    expected: ruleWords['statement']!,
    words: ['data', 'model', 'optimizer', 'loss', 'batch', 'seeds', 'stream', 'baseline', 'arm', 'measure', 'compare', 'expect', 'sweep', 'quick'],
  },
  streamBlock: { expected: '`phase` or `repeat`', words: ['phase', 'repeat'] },
  quickBlock: { expected: ruleWords['quickItem']!, words: ['seeds', 'batch', 'data', 'phase', 'repeat'] },
  file: { expected: ruleWords['file']!, words: ['import', 'experiment', 'data', 'model', 'optimizer', 'metrics'] },
};

function syntaxDiagnostic(
  e: { message: string; token: IToken; previousToken?: IToken; name?: string; context?: { ruleStack: string[] } },
  file: string,
  lastToken: IToken | undefined,
): Diagnostic {
  const atEof = e.token.tokenType?.name === 'EOF' || !Number.isFinite(e.token.startOffset);
  const where = atEof ? (lastToken ?? e.previousToken) : e.token;
  const span = where ? tokenSpan(where, file) : { file, offset: 0, endOffset: 0, line: 1, column: 1, endLine: 1, endColumn: 1 };
  const found = atEof ? 'the end of the file' : `\`${e.token.image}\``;
  const mismatch = /Expecting token of type --> (\w+) <--/.exec(e.message);
  const stack = e.context?.ruleStack ?? [];
  const block = blockWords[stack[stack.length - 1] ?? 'file'];
  const closing = mismatch ? mismatch[1] === 'RCurly' || mismatch[1] === 'EOF' : /expecting EOF/i.test(e.message);
  if (block && closing && !atEof && /^[A-Za-z_]\w*$/.test(e.token.image)) {
    return diagnosticAt(span, 'syntax', `expected ${block.expected} but found \`${e.token.image}\``, suggestion(e.token.image, block.words));
  }
  let message: string;
  if (mismatch) {
    message = `expected \`${tokenWord(mismatch[1]!)}\` but found ${found}`.replace('`a name`', 'a name').replace('`a number`', 'a number').replace('`a string`', 'a string');
  } else {
    const rule = [...stack].reverse().find((r) => ruleWords[r] !== undefined);
    message = rule ? `expected ${ruleWords[rule]} but found ${found}` : `unexpected ${found}`;
  }
  if (atEof && lastToken) {
    // Point just after the last token.
    const s = tokenSpan(lastToken, file);
    return diagnosticAt({ ...s, column: s.endColumn + 1, line: s.endLine, endColumn: s.endColumn + 1 }, 'syntax', message);
  }
  return diagnosticAt(span, 'syntax', message);
}
