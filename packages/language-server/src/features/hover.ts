/**
 * Hover: a catalog name shows its entry (doc, formula, source, parameters); a parameter key its type, range,
 * default and unit; a definition, arm or phase where it is declared; a number with a unit its value in steps.
 */
import { tokenAt, tokenRole, type EditorToken } from '@plas/dsl';
import { MarkupKind, type Hover, type Range } from 'vscode-languageserver';
import type { Analysis, FileSymbols } from '../analysis/analyze.ts';
import { entryMarkdown, findEntry, kindWord, paramMarkdown } from '../docs.ts';
import { calleeEntry, findDeclarations } from './lookup.ts';
import { amountHover } from './steps.ts';

export interface HoverInput {
  offset: number;
  tokens: readonly EditorToken[];
  files: readonly FileSymbols[];
  mainPath: string;
  /** The analysis of exactly this text, or null (then step counts are not shown: positions may have moved). */
  current: Analysis | null;
  range: (from: number, to: number) => Range;
  relative: (path: string) => string;
}

function markdown(value: string, range: Range): Hover {
  return { contents: { kind: MarkupKind.Markdown, value }, range };
}

function dotted(tokens: readonly EditorToken[], i: number): { name: string; from: number; to: number } {
  let start = i;
  while (start >= 2 && tokens[start - 1]!.image === '.' && tokens[start - 1]!.offset === tokens[start - 2]!.end) start -= 2;
  let end = i;
  while (end + 2 < tokens.length && tokens[end + 1]!.image === '.' && tokens[end + 1]!.offset === tokens[end]!.end) end += 2;
  return { name: tokens.slice(start, end + 1).map((t) => t.image).join(''), from: tokens[start]!.offset, to: tokens[end]!.end };
}

export function hover(input: HoverInput): Hover | null {
  const { tokens, offset } = input;
  const i = tokenAt(tokens, offset);
  if (i === null) return null;
  const t = tokens[i]!;
  if (t.category === 'number' || t.category === 'name' || t.category === 'keyword') {
    const steps = input.current ? amountHover(tokens, i, input.current, input.mainPath) : null;
    if (steps) return markdown(steps.text, input.range(steps.from, steps.to));
  }
  if (t.category !== 'name' && t.category !== 'keyword') return null;
  const role = tokenRole(tokens, i);
  const range = input.range(t.offset, t.end);
  if (role.isKey && role.call?.catalog) {
    const entry = calleeEntry(input.files, role.call.catalog, role.call.callee);
    const param = entry?.params.find((p) => p.name === t.image);
    if (entry && param) return markdown(`${paramMarkdown(param)}\n\n(of ${kindWord(role.call.catalog)} \`${entry.name}\`)`, range);
    return null;
  }
  const declared = findDeclarations(input.files, input.mainPath, t.image).filter((f) => f.declaration.nameSpan.offset !== t.offset || f.path !== input.mainPath);
  const definition = declared.find((f) => ['data', 'model', 'optimizer', 'metrics'].includes(f.declaration.kind));
  if (definition && role.catalog !== 'selector') {
    const d = definition.declaration;
    const where = `${input.relative(definition.path)}:${d.nameSpan.line}`;
    const callee = d.kind === 'metrics' ? null : findEntry(d.detail, null);
    const body = callee ? `\n\n---\n\n${entryMarkdown(callee.kind, callee.entry)}` : '';
    return markdown(`\`\`\`plas\n${d.kind} ${d.name} = ${d.detail}${d.kind === 'metrics' ? '' : '(…)'}\n\`\`\`\ndefined at ${where}${body}`, range);
  }
  const name = dotted(tokens, i);
  const found = role.catalog !== null || tokens[i + 1]?.image === '(' || t.category === 'name' ? findEntry(name.name, role.catalog) : null;
  if (found) return markdown(entryMarkdown(found.kind, found.entry), input.range(name.from, name.to));
  const local = declared.find((f) => ['arm', 'baseline', 'phase', 'repeat'].includes(f.declaration.kind));
  if (local) {
    const d = local.declaration;
    return markdown(`${d.kind} \`${d.name}\` (line ${d.nameSpan.line}): ${d.detail}`, range);
  }
  return null;
}
