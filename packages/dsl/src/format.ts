/**
 * `formatSource`: canonical layout of a `.plas` file. Token based, so nothing but whitespace changes (the IR hash
 * is unchanged) and comments stay where they were:
 *
 * - every statement starts on its own line, indented 2 spaces per open `{`; `{` ends a line and `}` starts one;
 * - a line break the author put inside a statement is kept (as a continuation line, indented one more level);
 * - at most one blank line in a row; no blank line right after `{` or before `}`;
 * - spacing: `name(args)`, `key: value`, `a, b`, `x | y`, `layers[-2..]`, `fresh - warm`, `lr = 1e-2`;
 * - trailing comments keep their line, two spaces before `//`.
 *
 * Idempotent: formatting formatted text returns it unchanged.
 */
import type { IToken } from 'chevrotain';
import type { FileAst } from './ast.ts';
import type { Diagnostic } from './diagnostics.ts';
import { parseSource } from './parse.ts';
import { AnyName, Identifier } from './tokens.ts';

export interface FormatResult {
  /** The formatted text, or null when the file does not parse (see diagnostics). */
  text: string | null;
  diagnostics: Diagnostic[];
}

const INDENT = '  ';
const noSpaceBefore = new Set(['Comma', 'RParen', 'RSquare', 'Colon', 'Dot', 'DotDot']);
const noSpaceAfter = new Set(['LParen', 'LSquare', 'Dot', 'DotDot']);

export function formatSource(text: string, file: string): FormatResult {
  const parsed = parseSource(text, file);
  if (!parsed.ast) return { text: null, diagnostics: parsed.diagnostics };
  const starts = statementStarts(parsed.ast);
  const all = [...parsed.tokens, ...parsed.comments].sort((a, b) => a.startOffset - b.startOffset);

  let out = '';
  let braces = 0;
  let parens = 0;
  let prev: IToken | null = null;
  let before: IToken | null = null;
  let third: IToken | null = null;
  for (const t of all) {
    const kind = t.tokenType.name;
    const comment = kind === 'LineComment' || kind === 'BlockComment';
    if (kind === 'RCurly') braces = Math.max(0, braces - 1);
    const closes = kind === 'RParen' || kind === 'RSquare' ? 1 : 0;
    if (prev === null) {
      out += t.image;
    } else {
      const gap = text.slice((prev.endOffset ?? prev.startOffset) + 1, t.startOffset);
      const newlines = (gap.match(/\n/g) ?? []).length;
      const prevKind = prev.tokenType.name;
      const trailingComment = comment && newlines === 0;
      const mustBreak = prevKind === 'LineComment' || starts.has(t.startOffset) || prevKind === 'LCurly' || kind === 'RCurly';
      if (!trailingComment && (newlines > 0 || mustBreak)) {
        const blank = newlines >= 2 && prevKind !== 'LCurly' && kind !== 'RCurly';
        const statementLevel = comment || starts.has(t.startOffset) || kind === 'RCurly';
        const depth = statementLevel ? braces : braces + 1 + Math.max(0, parens - closes);
        out += (blank ? '\n\n' : '\n') + INDENT.repeat(depth);
      } else {
        out += spacing(third, before, prev, t);
      }
      out += t.image;
    }
    if (kind === 'LCurly') braces++;
    else if (kind === 'LParen' || kind === 'LSquare') parens++;
    else if (closes) parens = Math.max(0, parens - 1);
    third = before;
    before = prev;
    prev = t;
  }
  return { text: out.replace(/[ \t]+$/gm, '') + '\n', diagnostics: [] };
}

/** A token that can end an operand, making a following `-` binary (`fresh - warm`). */
function isOperand(t: IToken): boolean {
  return isName(t) || ['NumberLiteral', 'RParen', 'RSquare'].includes(t.tokenType.name);
}

function isName(t: IToken): boolean {
  return t.tokenType === Identifier || (t.tokenType.CATEGORIES ?? []).includes(AnyName);
}

/** `every` and the unit of `at step|epoch` are followed by a number, never by a subtraction. */
function countsNext(t: IToken, before: IToken | null): boolean {
  return t.tokenType.name === 'Every' || before?.tokenType.name === 'At';
}

function spacing(third: IToken | null, before: IToken | null, prev: IToken, t: IToken): string {
  const p = prev.tokenType.name;
  const k = t.tokenType.name;
  if (k === 'LineComment') return '  ';
  if (k === 'BlockComment' || p === 'BlockComment') return ' ';
  if (noSpaceBefore.has(k) || noSpaceAfter.has(p)) return '';
  if (k === 'LParen' && isName(prev)) return '';
  if (k === 'LSquare' && prev.tokenType === Identifier) return '';
  // A minus after an operator or an opening is a sign: `-2`, `[-2..]`, `layer: -1`; so is one after a count's
  // keyword or unit: `every -2 steps`, `at step -2` (errors, but the text must keep its tokens' meaning and look).
  if (p === 'Minus' && !(before && isOperand(before) && !countsNext(before, third))) return '';
  return ' ';
}

/** Offsets where a statement (or a stream item, quick item, import, definition, experiment) begins. */
function statementStarts(ast: FileAst): Set<number> {
  const s = new Set<number>();
  for (const i of ast.imports) s.add(i.span.offset);
  for (const d of ast.definitions) s.add(d.span.offset);
  for (const e of ast.experiments) {
    s.add(e.span.offset);
    for (const st of e.statements) {
      s.add(st.span.offset);
      if (st.kind === 'stream') for (const item of st.items) s.add(item.span.offset);
      if (st.kind === 'quick') for (const item of st.items) s.add(item.span.offset);
    }
  }
  return s;
}
