/**
 * The language's words and tokens for editors: the keyword list and a tolerant lexer view (tokens with positions and
 * a coarse category). It lexes with the parser's own lexer, so highlighting, completion and the grammar tests see
 * exactly the tokens the parser sees. Never throws; characters no token matches are skipped (the parser reports them).
 */
import type { IToken } from 'chevrotain';
import { MAX_SOURCE_CHARS } from '../parse.ts';
import { AnyName, Identifier, keywords, plasLexer } from '../tokens.ts';

/** Every reserved word, in the lexer's order. */
export const keywordNames: readonly string[] = keywords.map((t) => (t.PATTERN as RegExp).source);

export type TokenCategory = 'keyword' | 'name' | 'number' | 'string' | 'comment' | 'punctuation' | 'operator';

export interface EditorToken {
  /** The lexer's token name: `Identifier`, `Phase`, `NumberLiteral`, `LParen`, `LineComment`, … */
  type: string;
  category: TokenCategory;
  image: string;
  /** 0-based offset of the first character; `end` is exclusive. */
  offset: number;
  end: number;
  /** 1-based line and column of the first character (columns count UTF-16 code units, as LSP does). */
  line: number;
  column: number;
}

const operators = new Set(['DotDot', 'Pipe', 'GreaterEq', 'LessEq', 'Greater', 'Less', 'Equals', 'Minus']);

function categoryOf(t: IToken): TokenCategory {
  const name = t.tokenType.name;
  if (name === 'LineComment' || name === 'BlockComment') return 'comment';
  if (name === 'NumberLiteral') return 'number';
  if (name === 'StringLiteral') return 'string';
  if (t.tokenType === Identifier) return 'name';
  if ((t.tokenType.CATEGORIES ?? []).includes(AnyName)) return 'keyword';
  return operators.has(name) ? 'operator' : 'punctuation';
}

/**
 * Tokens and comments of `text` in source order. Text beyond the parser's size limit gives no tokens: the parser
 * refuses such a file with a diagnostic, and an editor should not spend seconds highlighting it.
 */
export function lexTokens(text: string): EditorToken[] {
  if (text.length > MAX_SOURCE_CHARS) return [];
  try {
    const lexed = plasLexer.tokenize(text);
    const all = [...lexed.tokens, ...(lexed.groups['comments'] ?? [])].sort((a, b) => a.startOffset - b.startOffset);
    return all.map((t) => ({
      type: t.tokenType.name,
      category: categoryOf(t),
      image: t.image,
      offset: t.startOffset,
      end: t.startOffset + t.image.length,
      line: t.startLine ?? 1,
      column: t.startColumn ?? 1,
    }));
  } catch {
    return [];
  }
}

/** A word token (identifier or keyword): where the grammar expects a free name, both are accepted. */
export function isWord(t: EditorToken): boolean {
  return t.category === 'name' || t.category === 'keyword';
}
