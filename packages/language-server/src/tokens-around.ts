/**
 * Tokens near a position, bounded: a small document is lexed whole (and cached per version by the caller); a large
 * one only in a window of lines around the position, so a hover in a 1,000,000-line file costs the same as in a
 * small one. Offsets and lines of the returned tokens are those of the whole document.
 */
import { lexTokens, type EditorToken } from '@plas/dsl';

/** Lexed whole up to this size (a few milliseconds). */
export const WHOLE_TEXT_CHARS = 200_000;
const BEFORE_CHARS = 20_000;
const AFTER_CHARS = 2_000;

export function tokensAround(text: string, offset: number, lineOfOffset: (offset: number) => number): EditorToken[] {
  if (text.length <= WHOLE_TEXT_CHARS) return lexTokens(text);
  const start = offset - BEFORE_CHARS <= 0 ? 0 : text.lastIndexOf('\n', offset - BEFORE_CHARS) + 1;
  const newline = text.indexOf('\n', Math.min(text.length, offset + AFTER_CHARS));
  const end = newline === -1 ? text.length : newline;
  const firstLine = lineOfOffset(start);
  return lexTokens(text.slice(start, end)).map((t) => ({ ...t, offset: t.offset + start, end: t.end + start, line: t.line + firstLine }));
}
