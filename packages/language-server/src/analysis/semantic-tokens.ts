/**
 * Semantic tokens: the parser's tokens, classified by what they are in this file. Keywords used as free names
 * (`train` in `train.accuracy`, `on:` as a key) are not highlighted as keywords; catalog names carry the
 * `defaultLibrary` modifier; arms, phases and definitions their declarations and uses. Encoded as LSP wants:
 * five integers per token, positions relative to the previous token, one token per line.
 */
import { catalogNames, enumWords } from './catalog-names.ts';
import { declarations, lexTokens, references, type ast, type Declaration, type EditorToken } from '@plas/dsl';

export const tokenTypes = ['keyword', 'function', 'parameter', 'variable', 'number', 'string', 'comment', 'operator', 'namespace', 'type', 'enumMember', 'property'] as const;
export const tokenModifiers = ['declaration', 'defaultLibrary'] as const;

type TokenType = (typeof tokenTypes)[number];
const typeIndex = new Map<TokenType, number>(tokenTypes.map((t, i) => [t, i]));
const DECLARATION = 1;
const DEFAULT_LIBRARY = 2;

const unitWords = new Set(['step', 'steps', 'epoch', 'epochs', 'example', 'examples', 'task', 'tasks', 'eval', 'evals']);

interface Classified {
  type: TokenType;
  modifiers: number;
}

/** Offsets of declared names (by kind) and of references to arms and phases. */
function nameRoles(fileAst: ast.FileAst | null): Map<number, Classified> {
  const roles = new Map<number, Classified>();
  if (!fileAst) return roles;
  const visit = (d: Declaration): void => {
    if (d.kind === 'experiment') roles.set(d.nameSpan.offset, { type: 'namespace', modifiers: DECLARATION });
    else if (d.kind === 'arm' || d.kind === 'baseline' || d.kind === 'phase' || (d.kind === 'repeat' && d.nameSpan.offset !== d.span.offset)) {
      roles.set(d.nameSpan.offset, { type: 'variable', modifiers: DECLARATION });
    } else if (d.kind === 'data' || d.kind === 'model' || d.kind === 'optimizer' || d.kind === 'metrics') {
      roles.set(d.nameSpan.offset, { type: 'type', modifiers: DECLARATION });
    }
    d.children.forEach(visit);
  };
  declarations(fileAst).forEach(visit);
  for (const r of references(fileAst)) {
    if (r.kind === 'arm' || r.kind === 'phase') roles.set(r.span.offset, { type: 'variable', modifiers: 0 });
  }
  return roles;
}

function classify(tokens: readonly EditorToken[], i: number, roles: Map<number, Classified>, depth: number): Classified | null {
  const t = tokens[i]!;
  switch (t.category) {
    case 'comment':
      return { type: 'comment', modifiers: 0 };
    case 'string':
      return { type: 'string', modifiers: 0 };
    case 'number':
      return { type: 'number', modifiers: 0 };
    case 'operator':
      return { type: 'operator', modifiers: 0 };
    case 'punctuation':
      return null;
    default:
      break;
  }
  const role = roles.get(t.offset);
  if (role) return role;
  const next = nextCode(tokens, i);
  const prev = prevCode(tokens, i);
  if (depth > 0 && next?.image === ':' && (prev?.image === '(' || prev?.image === ',')) return { type: 'parameter', modifiers: 0 };
  const dotted = next?.image === '.' || prev?.image === '.';
  if (dotted) {
    const whole = dottedName(tokens, i);
    return catalogNames.has(whole) ? { type: 'function', modifiers: DEFAULT_LIBRARY } : { type: 'property', modifiers: 0 };
  }
  if (prev?.category === 'number' && unitWords.has(t.image)) return { type: 'keyword', modifiers: 0 };
  if (t.category === 'keyword') return { type: 'keyword', modifiers: 0 };
  if (next?.image === '(' || catalogNames.has(t.image)) return { type: 'function', modifiers: catalogNames.has(t.image) ? DEFAULT_LIBRARY : 0 };
  if (enumWords.has(t.image)) return { type: 'enumMember', modifiers: 0 };
  return { type: 'variable', modifiers: 0 };
}

function nextCode(tokens: readonly EditorToken[], i: number): EditorToken | undefined {
  for (let j = i + 1; j < tokens.length; j++) if (tokens[j]!.category !== 'comment') return tokens[j];
  return undefined;
}

function prevCode(tokens: readonly EditorToken[], i: number): EditorToken | undefined {
  for (let j = i - 1; j >= 0; j--) if (tokens[j]!.category !== 'comment') return tokens[j];
  return undefined;
}

/** `train.accuracy` from any of its parts. */
function dottedName(tokens: readonly EditorToken[], i: number): string {
  let start = i;
  while (start >= 2 && tokens[start - 1]!.image === '.' && tokens[start - 1]!.offset === tokens[start - 2]!.end) start -= 2;
  let end = i;
  while (end + 2 < tokens.length && tokens[end + 1]!.image === '.' && tokens[end + 1]!.offset === tokens[end]!.end) end += 2;
  return tokens.slice(start, end + 1).map((t) => t.image).join('');
}

/** LSP's relative encoding; a token spanning lines (a block comment) is split into one token per line. */
export function semanticTokens(text: string, fileAst: ast.FileAst | null): number[] {
  const tokens = lexTokens(text);
  const roles = nameRoles(fileAst);
  const data: number[] = [];
  let lastLine = 0;
  let lastChar = 0;
  let depth = 0;
  const push = (line: number, char: number, length: number, c: Classified): void => {
    if (length <= 0) return;
    data.push(line - lastLine, line === lastLine ? char - lastChar : char, length, typeIndex.get(c.type)!, c.modifiers);
    lastLine = line;
    lastChar = char;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.image === '(') depth++;
    else if (t.image === ')') depth = Math.max(0, depth - 1);
    const c = classify(tokens, i, roles, depth);
    if (!c) continue;
    const lines = t.image.split('\n');
    lines.forEach((part, k) => {
      const clean = part.endsWith('\r') ? part.slice(0, -1) : part;
      push(t.line - 1 + k, k === 0 ? t.column - 1 : 0, clean.length, c);
    });
  }
  return data;
}
