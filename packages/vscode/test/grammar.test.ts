/**
 * The TextMate grammar, run by the engine VS Code itself uses (vscode-textmate + vscode-oniguruma), over every
 * example and benchmark suite file, checked against the language's own lexer and parser: every comment, string and
 * number the lexer sees is scoped as such, keywords are keywords unless part of a dotted name or a parameter key,
 * calls and parameter keys are marked, and the names the parser declares (experiment, arms, phases, definitions)
 * get entity scopes. Nothing is ever scoped `invalid`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { declarations, keywordNames, lexTokens, parseSource, type Declaration, type EditorToken } from '@plas/dsl';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, type IGrammar, type StateStack } from 'vscode-textmate';
import { beforeAll, describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = join(here, '../../..');
const grammarPath = join(here, '../syntaxes/plas.tmLanguage.json');
const grammarJson = JSON.parse(readFileSync(grammarPath, 'utf8')) as { repository: { keywords: { match: string } } };

function plasFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? plasFiles(join(dir, e.name)) : e.name.endsWith('.plas') ? [join(dir, e.name)] : [],
  );
}

const corpus = [...plasFiles(join(repo, 'examples')), ...plasFiles(join(repo, 'packages/benchmarks/suite'))];

let grammar: IGrammar;

beforeAll(async () => {
  const wasm = readFileSync(join(createRequire(import.meta.url).resolve('vscode-oniguruma'), '../onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
    loadGrammar: async () => JSON.parse(readFileSync(grammarPath, 'utf8')),
  });
  const g = await registry.loadGrammar('source.plas');
  if (!g) throw new Error('the grammar did not load');
  grammar = g;
});

/** The scopes of every character of `text`, by offset. */
function scopesOf(text: string): string[][] {
  const out: string[][] = [];
  let stack: StateStack = INITIAL;
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line, stack);
    const lineScopes: string[][] = Array.from({ length: line.length + 1 }, () => []);
    for (const t of r.tokens) for (let c = t.startIndex; c < Math.min(t.endIndex, line.length); c++) lineScopes[c] = t.scopes;
    out.push(...lineScopes); // the last entry stands for the newline
    stack = r.ruleStack;
  }
  return out;
}

const has = (scopes: string[] | undefined, prefix: string): boolean => (scopes ?? []).some((s) => s.startsWith(prefix));

function codeNeighbours(tokens: readonly EditorToken[], i: number): { prev?: EditorToken; next?: EditorToken } {
  let p = i - 1;
  while (p >= 0 && tokens[p]!.category === 'comment') p--;
  let n = i + 1;
  while (n < tokens.length && tokens[n]!.category === 'comment') n++;
  return { prev: tokens[p], next: tokens[n] };
}

function flatten(ds: readonly Declaration[]): Declaration[] {
  return ds.flatMap((d) => [d, ...flatten(d.children)]);
}

/** What the lexer and parser say each token is, and the scope the grammar must give it. */
function mismatches(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const scopes = scopesOf(text);
  const tokens = lexTokens(text);
  const problems: string[] = [];
  const where = (t: EditorToken): string => `${file.slice(repo.length + 1)}:${t.line}:${t.column} \`${t.image.slice(0, 30)}\``;
  const expectScope = (t: EditorToken, prefix: string): void => {
    for (let o = t.offset; o < t.end; o++) {
      if (text[o] === '\n' || text[o] === '\r') continue;
      if (!has(scopes[o], prefix)) {
        problems.push(`${where(t)}: expected ${prefix}, got ${(scopes[o] ?? []).join(' ')}`);
        return;
      }
    }
  };
  let depth = 0;
  tokens.forEach((t, i) => {
    for (let o = t.offset; o < t.end; o++) if (has(scopes[o], 'invalid')) problems.push(`${where(t)}: scoped invalid`);
    if (t.image === '(') depth++;
    if (t.image === ')') depth--;
    const { prev, next } = codeNeighbours(tokens, i);
    const dotted = prev?.image === '.' || next?.image === '.';
    const key = depth > 0 && next?.image === ':' && (prev?.image === '(' || prev?.image === ',');
    if (t.category === 'comment') expectScope(t, 'comment');
    else if (t.category === 'string') expectScope(t, 'string');
    else if (t.category === 'number') expectScope(t, 'constant.numeric');
    else if (key) expectScope(t, 'variable.parameter');
    else if (t.category === 'keyword' && !dotted && !['phase', 'task'].includes(t.image)) expectScope(t, 'keyword');
    else if (t.category === 'keyword' && dotted) {
      if (has(scopes[t.offset], 'keyword')) problems.push(`${where(t)}: a keyword in a dotted name is scoped as a keyword`);
    } else if (t.category === 'name' && next?.image === '(' && !dotted) expectScope(t, 'entity.name.function');
  });
  const ast = parseSource(text, file).ast;
  if (!ast) return [`${file}: does not parse`];
  const want: Record<string, string> = {
    experiment: 'entity.name.namespace',
    arm: 'entity.name.function',
    baseline: 'entity.name.function',
    phase: 'entity.name.section',
    data: 'entity.name.type',
    model: 'entity.name.type',
    optimizer: 'entity.name.type',
    metrics: 'entity.name.type',
  };
  for (const d of flatten(declarations(ast))) {
    const prefix = want[d.kind];
    if (prefix && !has(scopes[d.nameSpan.offset], prefix)) {
      problems.push(`${file.slice(repo.length + 1)}:${d.nameSpan.line}: ${d.kind} \`${d.name}\`: expected ${prefix}, got ${(scopes[d.nameSpan.offset] ?? []).join(' ')}`);
    }
  }
  return problems;
}

describe('the TextMate grammar', () => {
  it('lists exactly the language\'s keywords', () => {
    const words = /\((experiment\|[^)]*)\)/.exec(grammarJson.repository.keywords.match)![1]!.split('|');
    expect(words.sort()).toEqual([...keywordNames].sort());
  });

  it('covers the examples and every benchmark suite file', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(15);
  });

  it.each(corpus.map((f) => [f.slice(repo.length + 1), f]))('scopes %s as the lexer and parser read it', (_, file) => {
    expect(mismatches(file)).toEqual([]);
  });

  it('scopes the hard cases: dotted names, keys that are keywords, units, ranges, block comments, escapes', () => {
    const text = [
      'experiment e {',
      '  measure every 1 epoch: train.accuracy, grad_norm(on: train)',
      '  stream { repeat 5 tasks as split: train on classes([0..4]) | permute_pixels for 2 epochs }',
      '  arm a: every step: l2(strength: 1e-3) at each split: reset layers[-2..]',
      '  arm b: at epoch 20: reset head',
      '  /* a block',
      '     comment */ data idx("dir \\"x\\"")',
      '}',
    ].join('\n');
    const scopes = scopesOf(text);
    const at = (needle: string, delta = 0): string[] => scopes[text.indexOf(needle) + delta]!;
    expect(has(at('train.accuracy'), 'keyword')).toBe(false);
    expect(has(at('accuracy'), 'variable.other.property')).toBe(true);
    expect(has(at('on: train'), 'variable.parameter')).toBe(true);
    expect(has(at('train)'), 'keyword')).toBe(true);
    expect(has(at('epoch:'), 'keyword.other.unit')).toBe(true);
    expect(has(at('step:'), 'keyword.other.unit')).toBe(true);
    expect(has(at('tasks as'), 'keyword.other.unit')).toBe(true);
    expect(has(at('epoch 20'), 'keyword.other.unit')).toBe(true);
    expect(has(at('20: reset'), 'constant.numeric')).toBe(true);
    expect(has(at('split:'), 'entity.name.section')).toBe(true);
    expect(has(at('split: reset'), 'variable.other.phase')).toBe(true);
    expect(has(at('0..4', 3), 'constant.numeric')).toBe(true);
    expect(has(at('..4'), 'keyword.operator.range')).toBe(true);
    expect(has(at('1e-3'), 'constant.numeric')).toBe(true);
    expect(has(at('1e-3', 3), 'constant.numeric')).toBe(true);
    expect(has(at('comment */'), 'comment.block')).toBe(true);
    expect(has(at('\\"x'), 'constant.character.escape')).toBe(true);
    expect(has(at('x\\""'), 'string.quoted')).toBe(true);
    expect(has(at('data idx'), 'keyword')).toBe(true);
    expect(has(at('idx('), 'entity.name.function')).toBe(true);
  });
});
