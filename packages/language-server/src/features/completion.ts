/**
 * Completion: the cursor's context (from tokens, as the text is usually unfinished) says what may come next;
 * keywords, catalog names and definitions, a call's parameter keys, a parameter's values, phase and arm names.
 * Every catalog item carries its documentation (formula, defaults, ranges, source).
 */
import { cursorContext, lossKinds, metricCatalog, type EditorToken, type Expectation, type MetricEntry } from '@plas/dsl';
import { CompletionItemKind, MarkupKind, type CompletionItem, type Range } from 'vscode-languageserver';
import type { FileSymbols } from '../analysis/analyze.ts';
import { catalogOf, entryMarkdown, kindWord, paramMarkdown, paramValues, typeText } from '../docs.ts';
import { calleeEntry, declaredNames, definitionsOf } from './lookup.ts';

export interface CompletionInput {
  text: string;
  offset: number;
  tokens: readonly EditorToken[];
  /** Symbols of the latest analysis that parsed (possibly of an older version). */
  files: readonly FileSymbols[];
  mainPath: string;
  /** LSP range of [offset a, offset b). */
  range: (from: number, to: number) => Range;
}

const definitionKind: Record<string, string> = { data: 'data', model: 'model', optimizer: 'optimizer', metric: 'metrics' };

function itemsFor(e: Expectation, input: CompletionInput): CompletionItem[] {
  switch (e.kind) {
    case 'keywords':
      return e.words.map((w) => ({ label: w, kind: CompletionItemKind.Keyword, sortText: `2${w}` }));
    case 'catalog': {
      const entries = Object.values(catalogOf(e.catalog)).filter((entry) => !e.untilOnly || (entry as MetricEntry).until === true);
      const items: CompletionItem[] = entries.map((entry) => ({
        label: entry.name,
        kind: CompletionItemKind.Function,
        detail: `${kindWord(e.catalog)}: ${entry.doc}`,
        documentation: { kind: MarkupKind.Markdown, value: entryMarkdown(e.catalog, entry) },
        sortText: `1${entry.name}`,
      }));
      const defKind = definitionKind[e.catalog];
      if (defKind && !e.untilOnly) {
        for (const d of definitionsOf(input.files, defKind)) {
          items.push({
            label: d.declaration.name,
            kind: CompletionItemKind.Variable,
            detail: `${defKind} ${d.declaration.name} = ${d.declaration.detail}`,
            sortText: `0${d.declaration.name}`,
          });
        }
      }
      return items;
    }
    case 'params': {
      const entry = calleeEntry(input.files, e.catalog, e.callee);
      if (!entry) return [];
      return entry.params
        .filter((p) => !e.used.includes(p.name))
        .map((p, i) => ({
          label: p.name,
          kind: CompletionItemKind.Property,
          detail: typeText(p.type),
          documentation: { kind: MarkupKind.Markdown, value: `${paramMarkdown(p)}\n\n(of ${kindWord(e.catalog)} \`${entry.name}\`)` },
          insertText: `${p.name}: `,
          // Keep the catalog's order: required and most important first.
          sortText: `0${String(i).padStart(3, '0')}`,
        }));
    }
    case 'values': {
      const entry = calleeEntry(input.files, e.catalog, e.callee);
      const param = entry?.params.find((p) => p.name === e.key);
      if (!param) return [];
      return paramValues(param).map((v) => ({ label: v, kind: CompletionItemKind.EnumMember, detail: `${param.name}: ${typeText(param.type)}` }));
    }
    case 'phases':
      return declaredNames(input.files, input.mainPath, ['phase', 'repeat']).map((d) => ({ label: d.name, kind: CompletionItemKind.Event, detail: `${d.kind} ${d.name}` }));
    case 'arms':
      return declaredNames(input.files, input.mainPath, ['arm', 'baseline']).map((d) => ({ label: d.name, kind: CompletionItemKind.Class, detail: `${d.kind} ${d.name}: ${d.detail}` }));
    case 'losses':
      return lossKinds.map((l) => ({ label: l, kind: CompletionItemKind.EnumMember }));
  }
}

export function complete(input: CompletionInput): CompletionItem[] {
  const ctx = cursorContext(input.text, input.tokens, input.offset);
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  for (const e of ctx.expects) {
    for (const item of itemsFor(e, input)) {
      if (seen.has(item.label)) continue;
      seen.add(item.label);
      if (ctx.prefix !== '') {
        // Replace the whole word typed so far (a dotted metric such as `test.acc` included).
        item.textEdit = { range: input.range(ctx.prefixOffset, input.offset), newText: item.insertText ?? item.label };
        item.filterText = item.label;
        delete item.insertText;
      }
      items.push(item);
    }
  }
  return items;
}

/** Metric names, for tests and docs: the catalog's. */
export const metricNames: readonly string[] = Object.keys(metricCatalog);
