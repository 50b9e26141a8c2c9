/**
 * Where a cursor or a name sits in a `.plas` file, read from tokens alone. An editor asks while the text is being
 * typed, so it is usually not a valid file and the parser gives no tree: these functions walk tokens backwards
 * (skipping bracketed groups) to the enclosing call, the statement's first keyword and the enclosing block, and say
 * what may come next. They never throw and look at most MAX_WALK tokens back.
 */
import { isWord, type EditorToken } from './lexicon.ts';

/** Which catalog a name at this place belongs to. `conv` is a layer inside `cnn(conv: [...])`. */
export type CatalogKind = 'data' | 'model' | 'optimizer' | 'intervention' | 'metric' | 'selector' | 'conv';

export type Expectation =
  | { kind: 'keywords'; words: readonly string[] }
  /** Names of a catalog, and of definitions of that kind (`model mlp100 = ...`); `untilOnly` for an `until` rule. */
  | { kind: 'catalog'; catalog: CatalogKind; untilOnly?: boolean }
  /** Parameter keys of a call (`shrink_perturb(` offers shrink, perturb, noise), minus those already given. */
  | { kind: 'params'; catalog: CatalogKind; callee: string; used: readonly string[] }
  /** Values of one parameter (an enum's words, true/false). */
  | { kind: 'values'; catalog: CatalogKind; callee: string; key: string }
  | { kind: 'phases' }
  | { kind: 'arms' }
  | { kind: 'losses' };

export interface CursorContext {
  /** The word being typed before the cursor (dotted names included, `test.acc`), '' when none. */
  prefix: string;
  /** Offset where that word starts (= the cursor when there is none). */
  prefixOffset: number;
  expects: Expectation[];
}

/** What a name token is, for hover and go-to-definition. */
export interface TokenRole {
  /** The statement's first keyword (`arm`, `measure`, `phase`, …), or null at file level / unknown. */
  statement: string | null;
  /** The catalog a name at this place comes from, when the place has one. */
  catalog: CatalogKind | null;
  /** The innermost call whose parentheses contain the token, with its catalog. */
  call: { callee: string; catalog: CatalogKind | null } | null;
  /** The token is a parameter key (`shrink` in `shrink: 0.4`). */
  isKey: boolean;
  /** The block the statement is in. */
  block: Block;
}

export type Block = 'file' | 'experiment' | 'stream' | 'quick';

const MAX_WALK = 4000;

const blockWords: Record<Block, readonly string[]> = {
  file: ['import', 'experiment', 'data', 'model', 'optimizer', 'metrics'],
  experiment: ['data', 'model', 'optimizer', 'loss', 'batch', 'seeds', 'stream', 'baseline', 'arm', 'measure', 'compare', 'expect', 'sweep', 'quick'],
  stream: ['phase', 'repeat'],
  quick: ['seeds', 'batch', 'data', 'phase', 'repeat'],
};

const starters = new Set([...blockWords.file, ...blockWords.experiment, ...blockWords.stream]);
/** A starter keyword right after one of these is part of the statement, not the start of one (`at each phase end`). */
const notAfter = new Set(['.', ':', ',', '(', '[', '|', '=', '-', '..', '>=', '<=', '>', '<', 'each', 'at', 'of', 'every', 'on', 'reset', 'set', 'as', 'last', 'for', 'max', 'until', 'check', 'better']);

const statementCatalog: Record<string, CatalogKind> = {
  data: 'data', model: 'model', optimizer: 'optimizer', metrics: 'metric', measure: 'metric', compare: 'metric',
  arm: 'intervention', baseline: 'intervention', phase: 'selector', repeat: 'selector',
};

function isCode(t: EditorToken): boolean {
  return t.category !== 'comment';
}

interface Scan {
  /** Index of the `(` of the innermost unclosed call before `at`, and of its callee name. */
  open: number | null;
  callee: number | null;
  /** Index of the statement's first keyword, null if none was found. */
  starter: number | null;
  block: Block;
}

/** Walks back from `tokens[at - 1]`, skipping closed bracket groups. */
function scan(tokens: readonly EditorToken[], at: number): Scan {
  const result: Scan = { open: null, callee: null, starter: null, block: 'file' };
  let depth = 0;
  let curly = 0;
  const stop = Math.max(0, at - MAX_WALK);
  for (let i = at - 1; i >= stop; i--) {
    const t = tokens[i]!;
    const img = t.image;
    if (img === ')' || img === ']') depth++;
    else if (img === '(' || img === '[') {
      if (depth > 0) depth--;
      else if (img === '(' && result.open === null && result.starter === null) {
        result.open = i;
        const prev = tokens[i - 1];
        result.callee = prev && isWord(prev) ? i - 1 : null;
      }
    } else if (img === '}') {
      curly++;
    } else if (img === '{') {
      if (curly > 0) curly--;
      else {
        result.block = blockOf(tokens, i);
        return result;
      }
    } else if (depth === 0 && curly === 0 && result.starter === null && t.category === 'keyword' && starters.has(img)) {
      const prev = tokens[i - 1];
      if (!prev || !notAfter.has(prev.image)) result.starter = i;
    }
  }
  return result;
}

function blockOf(tokens: readonly EditorToken[], brace: number): Block {
  const owner = tokens[brace - 1]?.image;
  if (owner === 'stream') return 'stream';
  if (owner === 'quick') return 'quick';
  return 'experiment';
}

/** The first token ending after `offset`, or tokens.length. */
function indexAfter(tokens: readonly EditorToken[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The token containing `offset`, or ending right at it; where one token ends and the next starts at `offset`
 * (`shrink_perturb|(`, `(|shrink`), the word of the two.
 */
export function tokenAt(tokens: readonly EditorToken[], offset: number): number | null {
  const i = indexAfter(tokens, offset);
  const t = tokens[i];
  if (!t || t.offset > offset) return null;
  const next = tokens[i + 1];
  if (t.end === offset && next && next.offset === offset && !isWord(t) && isWord(next)) return i + 1;
  return i;
}

/** Whether `offset` is inside a string that is not closed yet on its line (the lexer skips such a quote). */
function inOpenString(text: string, offset: number): boolean {
  const line = text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset);
  let open = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (!open && c === '/' && (line[i + 1] === '/' || line[i + 1] === '*')) return false;
    if (c === '\\' && open) i++;
    else if (c === '"') open = !open;
  }
  return open;
}

export function cursorContext(text: string, allTokens: readonly EditorToken[], offset: number): CursorContext {
  const hit = tokenAt(allTokens, offset);
  const inside = hit === null ? null : allTokens[hit]!;
  // Inside a comment or a string nothing is offered (at its very end, after a closing quote, neither).
  if (inside && (inside.category === 'comment' || inside.category === 'string') && offset > inside.offset) {
    return { prefix: '', prefixOffset: offset, expects: [] };
  }
  if (inOpenString(text, offset)) return { prefix: '', prefixOffset: offset, expects: [] };
  const tokens = allTokens.filter(isCode);
  let at = indexAfter(tokens, offset);
  let prefix = '';
  let prefixOffset = offset;
  const typed = tokens[at];
  if (typed && typed.offset < offset && isWord(typed)) {
    prefix = typed.image.slice(0, offset - typed.offset);
    prefixOffset = typed.offset;
    // A dotted name: `test.acc` completes as one word.
    while (at >= 2 && tokens[at - 1]!.image === '.' && isWord(tokens[at - 2]!) && tokens[at - 1]!.offset === tokens[at - 2]!.end) {
      at -= 2;
      prefix = tokens[at]!.image + '.' + prefix;
      prefixOffset = tokens[at]!.offset;
    }
  } else if (typed && typed.offset < offset && typed.end === offset) {
    // Right after punctuation or a number: the cursor starts a new token.
    at++;
  } else if (typed && typed.offset < offset) {
    // The cursor is inside a number: nothing to complete.
    return { prefix: '', prefixOffset: offset, expects: [] };
  }
  const lineStart = text.lastIndexOf('\n', prefixOffset - 1) + 1;
  const startsLine = text.slice(lineStart, prefixOffset).trim() === '';
  return { prefix, prefixOffset, expects: expectationsAt(tokens, at, startsLine, prefix !== '') };
}

function expectationsAt(tokens: readonly EditorToken[], at: number, startsLine: boolean, typing: boolean): Expectation[] {
  const s = scan(tokens, at);
  const prev = tokens[at - 1];
  const expects: Expectation[] = [];
  if (s.open !== null) return argExpectations(tokens, at, s, typing);
  if (startsLine || !prev || prev.image === '{' || prev.image === '}') expects.push({ kind: 'keywords', words: blockWords[s.block] });
  if (prev && s.starter !== null && prev.image !== '}') expects.push(...statementExpectations(tokens, s.starter, at, s.block));
  return expects;
}

/** Inside `callee(...)`: a key position offers the call's parameters, a value position the parameter's values. */
function argExpectations(tokens: readonly EditorToken[], at: number, s: Scan, typing: boolean): Expectation[] {
  const calleeName = s.callee === null ? null : tokens[s.callee]!.image;
  if (calleeName === null) return [];
  const catalog = callCatalog(tokens, s);
  if (catalog === null) return [];
  const prev = tokens[at - 1]!;
  if ((prev.image === '(' && at - 1 === s.open) || (prev.image === ',' && depthWithin(tokens, s.open!, at - 1) === 0)) {
    return [{ kind: 'params', catalog, callee: calleeName, used: keysGiven(tokens, s.open!, typing ? at : null) }];
  }
  const keyTok = tokens[at - 2];
  if (prev.image === ':' && keyTok && isWord(keyTok) && depthWithin(tokens, s.open!, at - 2) === 0) {
    return [{ kind: 'values', catalog, callee: calleeName, key: keyTok.image }];
  }
  return [];
}

/** Brackets left open between the call's `(` and `tokens[index]` (0 = directly in its argument list). */
function depthWithin(tokens: readonly EditorToken[], open: number, index: number): number {
  let depth = 0;
  for (let i = open + 1; i < index && i < tokens.length; i++) {
    const img = tokens[i]!.image;
    if (img === '(' || img === '[') depth++;
    else if (img === ')' || img === ']') depth = Math.max(0, depth - 1);
  }
  return depth;
}

/**
 * Keys written in the call's argument list, before and after the cursor (up to its `)`, or, in unfinished text,
 * a brace or the next statement on a later line), except the word being typed (`typed`).
 */
function keysGiven(tokens: readonly EditorToken[], open: number, typed: number | null): string[] {
  const keys: string[] = [];
  let depth = 0;
  const line = tokens[open]!.line;
  for (let i = open + 1; i < tokens.length && i < open + MAX_WALK; i++) {
    const t = tokens[i]!;
    const img = t.image;
    if (img === '{' || img === '}') break;
    if (t.line > line && t.category === 'keyword' && starters.has(img) && !notAfter.has(tokens[i - 1]!.image)) break;
    if (img === '(' || img === '[') depth++;
    else if (img === ')' || img === ']') {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && img === ':' && i - 1 !== typed && isWord(tokens[i - 1]!)) keys.push(tokens[i - 1]!.image);
  }
  return keys;
}

/** The catalog of the call whose `(` the scan found: its statement's, or `conv` inside a model. */
function callCatalog(tokens: readonly EditorToken[], s: Scan): CatalogKind | null {
  const callee = s.callee === null ? '' : tokens[s.callee]!.image;
  // Find the statement of the call itself (the scan from inside the parentheses stopped at the `(`).
  const outer = scan(tokens, s.callee ?? s.open!);
  if (outer.open !== null) {
    const outerCatalog = callCatalog(tokens, outer);
    if (outerCatalog === 'model' && callee === 'conv') return 'conv';
    return outerCatalog;
  }
  const starter = outer.starter === null ? null : tokens[outer.starter]!.image;
  if (starter === null) return null;
  if (starter === 'data' && outer.block === 'quick') return null;
  if ((starter === 'phase' || starter === 'repeat') && outer.block === 'stream') {
    return isUntilMetric(tokens, outer.starter!, s.callee ?? s.open!) ? 'metric' : 'selector';
  }
  return statementCatalog[starter] ?? null;
}

function isUntilMetric(tokens: readonly EditorToken[], from: number, to: number): boolean {
  for (let i = to - 1; i > from; i--) {
    const img = tokens[i]!.image;
    if (img === 'until') return true;
    if (img === 'on' || img === '|') return false;
  }
  return false;
}

/** After the statement's first keyword: what the statement takes at this point. */
function statementExpectations(tokens: readonly EditorToken[], starter: number, at: number, block: Block): Expectation[] {
  const word = tokens[starter]!.image;
  const prev = tokens[at - 1]!;
  const p = prev.image;
  const before = tokens[at - 2]?.image;
  const kw = (...words: string[]): Expectation[] => [{ kind: 'keywords', words }];
  switch (word) {
    case 'data':
    case 'model':
    case 'optimizer':
      if (block === 'quick') return [];
      if (at - 1 === starter || p === '=') return [{ kind: 'catalog', catalog: statementCatalog[word]! }];
      return [];
    case 'loss':
      return at - 1 === starter ? [{ kind: 'losses' }] : [];
    case 'metrics':
      return p === '=' || p === ',' ? [{ kind: 'catalog', catalog: 'metric' }] : [];
    case 'arm':
    case 'baseline':
      return armExpectations(tokens, starter, at);
    case 'measure':
      if (at - 1 === starter) return kw('every', 'at');
      if (p === 'at') return kw('each');
      if (p === 'each') return kw('phase', 'task');
      if (before === 'each') return kw('end');
      if (p === 'every' || prev.category === 'number') return kw('epoch', 'step', 'task');
      if (p === ':' || p === ',') return [{ kind: 'catalog', catalog: 'metric' }];
      return [];
    case 'compare':
      if (at - 1 === starter) return [{ kind: 'catalog', catalog: 'metric' }];
      if (p === ':' && before === 'better') return kw('higher', 'lower');
      if (p === ':') return kw('mean');
      if (p === 'mean') return kw('over');
      if (p === 'over') return kw('last');
      if (prev.category === 'number' && before === 'last') return kw('epochs', 'tasks', 'steps', 'evals');
      if (p === 'of') return [{ kind: 'phases' }];
      if (p === ',') return kw('better');
      if (before === 'last') return kw('of');
      return [];
    case 'expect':
      return at - 1 === starter || p === '-' ? [{ kind: 'arms' }] : [];
    case 'sweep':
      return at - 1 === starter ? kw('grid', 'zip') : [];
    case 'phase':
    case 'repeat':
      return block === 'quick' ? quickExpectations(word, tokens, starter, at) : streamExpectations(tokens, at);
    case 'stream':
    case 'quick':
      return [];
    default:
      return [];
  }
}

function streamExpectations(tokens: readonly EditorToken[], at: number): Expectation[] {
  const prev = tokens[at - 1]!;
  const p = prev.image;
  const before = tokens[at - 2]?.image;
  if (p === ':') return [{ kind: 'keywords', words: ['train'] }];
  if (p === 'train') return [{ kind: 'keywords', words: ['on'] }];
  if (p === 'on' || p === '|') return [{ kind: 'catalog', catalog: 'selector' }];
  if (p === 'until') return [{ kind: 'catalog', catalog: 'metric', untilOnly: true }];
  if (p === 'check') return [{ kind: 'keywords', words: ['every'] }];
  if (prev.category === 'number' && (before === 'for' || before === 'max' || before === 'every')) {
    return [{ kind: 'keywords', words: ['epochs', 'steps', 'examples'] }];
  }
  if (prev.category === 'number' && (before === '>=' || before === '<=')) return [{ kind: 'keywords', words: ['max'] }];
  if (p === ')' || (isWord(prev) && (before === 'on' || before === '|'))) return [{ kind: 'keywords', words: ['for', 'until'] }];
  return [];
}

function quickExpectations(word: string, tokens: readonly EditorToken[], starter: number, at: number): Expectation[] {
  const p = tokens[at - 1]!.image;
  if (word === 'phase' && at - 1 === starter) return [{ kind: 'phases' }];
  if (p === ':') return [{ kind: 'keywords', words: word === 'phase' ? ['for', 'max'] : ['for'] }];
  if (tokens[at - 1]!.category === 'number' && (tokens[at - 2]?.image === 'for' || tokens[at - 2]?.image === 'max')) {
    return [{ kind: 'keywords', words: ['epochs', 'steps', 'examples'] }];
  }
  return [];
}

/** `arm NAME: at PHASE: X, Y every N steps: Z at epoch N: W`. */
function armExpectations(tokens: readonly EditorToken[], starter: number, at: number): Expectation[] {
  const prev = tokens[at - 1]!;
  const p = prev.image;
  const before = tokens[at - 2]?.image;
  if (at - 1 === starter) return [];
  if (p === 'at') return [{ kind: 'keywords', words: ['each', 'epoch', 'step'] }, { kind: 'phases' }];
  if ((p === 'epoch' || p === 'step') && before === 'at') return [];
  if (p === 'each') return [{ kind: 'keywords', words: ['task', 'phase'] }, { kind: 'phases' }];
  if (p === 'of') return [{ kind: 'phases' }];
  if (p === 'every') return [{ kind: 'keywords', words: ['step', 'epoch', 'task'] }];
  if (prev.category === 'number' && before === 'every') return [{ kind: 'keywords', words: ['steps', 'epochs', 'tasks'] }];
  if (p === 'reset') return [{ kind: 'keywords', words: ['all', 'head', 'layers', 'optimizer'] }];
  if (p === ':' && at - 2 === starter + 1) return [{ kind: 'keywords', words: ['at', 'every'] }];
  if (p === ':' || p === ',') return [{ kind: 'catalog', catalog: 'intervention' }, { kind: 'keywords', words: ['reset', 'set'] }];
  if (p === 'set') return [{ kind: 'keywords', words: ['lr'] }];
  return [{ kind: 'keywords', words: ['at', 'every'] }];
}

/** The role of the name at `tokens[index]` (tokens as returned by `lexTokens`, comments included). */
export function tokenRole(allTokens: readonly EditorToken[], index: number): TokenRole {
  const target = allTokens[index];
  const tokens = allTokens.filter(isCode);
  const at = target ? tokens.findIndex((t) => t.offset === target.offset) : tokens.length;
  const s = scan(tokens, at);
  const next = tokens[at + 1];
  const isKey = s.open !== null && next?.image === ':' && depthWithin(tokens, s.open, at) === 0 && ['(', ','].includes(tokens[at - 1]?.image ?? '');
  const call = s.open !== null && s.callee !== null ? { callee: tokens[s.callee]!.image, catalog: callCatalog(tokens, s) } : null;
  let catalog: CatalogKind | null = null;
  let statement: string | null = null;
  if (s.open === null) {
    statement = s.starter === null ? null : tokens[s.starter]!.image;
    if (statement !== null && s.block !== 'quick') {
      catalog = statementCatalog[statement] ?? null;
      if ((statement === 'phase' || statement === 'repeat') && isUntilMetric(tokens, s.starter!, at)) catalog = 'metric';
    }
  } else if (call && !isKey) {
    // A name in a call's arguments that is itself a call: `conv(...)` inside a model, a nested selector.
    catalog = call.catalog === 'model' && target?.image === 'conv' ? 'conv' : call.catalog;
  }
  return { statement, catalog, call, isKey, block: s.block };
}
