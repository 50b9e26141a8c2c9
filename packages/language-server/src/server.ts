/**
 * The server: wires the LSP connection to the features. Documents are analysed on the analysis thread after a
 * short quiet period (debounced per document; a document's dependents, the open files that import it, are analysed
 * again too). Position requests (completion, hover, definition) answer on this thread from tokens around the
 * cursor plus the latest analysis, so they stay fast whatever the analysis costs. No handler lets an error out:
 * it is logged and the request gets an empty answer.
 */
import * as nodePath from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { lexTokens, type EditorToken } from '@plas/dsl';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type InitializeResult,
  type Location,
  type Range,
} from 'vscode-languageserver';
import type { Analysis, FileSymbols } from './analysis/analyze.ts';
import { AnalysisRunner } from './analysis/runner.ts';
import { tokenModifiers, tokenTypes } from './analysis/semantic-tokens.ts';
import { failureDiagnostic, lspDiagnostics } from './diagnostics.ts';
import { codeActions } from './features/code-actions.ts';
import { complete } from './features/completion.ts';
import { definition } from './features/definition.ts';
import { hover } from './features/hover.ts';
import { documentSymbols } from './features/symbols.ts';
import { spanRange } from './positions.ts';
import { tokensAround, WHOLE_TEXT_CHARS } from './tokens-around.ts';

export interface ServerOptions {
  /** Quiet time after a change before the document is analysed (default 20 ms; clients may set `debounceMs`). */
  debounceMs?: number;
  /** An analysis running longer than this is stopped and reported (default 20 s). */
  timeoutMs?: number;
}

interface DocState {
  /** The latest finished analysis and the document version it is of. */
  analysis: Analysis | null;
  version: number;
  /** Symbols of the latest analysis in which the main file parsed: completion and outline survive a typo. */
  goodFiles: FileSymbols[];
  timer: NodeJS.Timeout | null;
  waiters: { version: number; resolve: () => void }[];
  /** Lexed whole text of a small document, for its version. */
  tokens: { version: number; tokens: EditorToken[] } | null;
}

export function pathOf(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const states = new Map<string, DocState>();
  let debounceMs = options.debounceMs ?? 20;
  let runner: AnalysisRunner | null = null;
  const log = (message: string): void => connection.console.log(message);
  const getRunner = (): AnalysisRunner => (runner ??= new AnalysisRunner({ timeoutMs: options.timeoutMs ?? 20_000, log }));

  const state = (uri: string): DocState => {
    let s = states.get(uri);
    if (!s) {
      s = { analysis: null, version: -1, goodFiles: [], timer: null, waiters: [], tokens: null };
      states.set(uri, s);
    }
    return s;
  };

  function guard<A extends unknown[], R>(name: string, fallback: R, fn: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
    return async (...args: A) => {
      try {
        return await fn(...args);
      } catch (error) {
        connection.console.error(`plas language server: ${name} failed: ${(error as Error).stack ?? String(error)}`);
        return fallback;
      }
    };
  }

  // ---------------------------------------------------------------- analysis

  const schedule = (uri: string, delay = debounceMs): void => {
    const s = state(uri);
    if (s.timer) clearTimeout(s.timer);
    s.timer = setTimeout(() => {
      s.timer = null;
      void validate(uri);
    }, delay);
  };

  const validate = guard('analysis', undefined, async (uri: string): Promise<void> => {
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const path = pathOf(uri);
    const overlays: Record<string, string> = {};
    for (const other of documents.all()) if (other.uri !== uri) overlays[pathOf(other.uri)] = other.getText();
    const s = state(uri);
    let analysis: Analysis | null;
    try {
      analysis = await getRunner().analyze({ path, text: doc.getText(), overlays });
    } catch (error) {
      if (documents.get(uri)?.version === version) {
        void connection.sendDiagnostics({ uri, version, diagnostics: [failureDiagnostic((error as Error).message)] });
      }
      settle(s, version);
      return;
    }
    if (analysis === null) return; // replaced by a newer version before it ran
    s.analysis = analysis;
    s.version = version;
    if (analysis.files.some((f) => f.path === path)) s.goodFiles = analysis.files;
    else {
      // Keep the main file's last good symbols, with the imports as they are now.
      const main = s.goodFiles.find((f) => f.path === path);
      s.goodFiles = main ? [main, ...analysis.files] : analysis.files;
    }
    if (documents.get(uri)?.version === version) {
      void connection.sendDiagnostics({ uri, version, diagnostics: lspDiagnostics(analysis) });
    }
    settle(s, version);
  });

  const settle = (s: DocState, version: number): void => {
    const ready = s.waiters.filter((w) => w.version <= version);
    s.waiters = s.waiters.filter((w) => w.version > version);
    for (const w of ready) w.resolve();
  };

  /** The analysis of the document's current version, waiting for it at most `ms`; the latest one after that. */
  const currentAnalysis = async (uri: string, ms: number): Promise<Analysis | null> => {
    const doc = documents.get(uri);
    const s = state(uri);
    if (!doc) return s.analysis;
    if (s.version >= doc.version) return s.analysis;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      s.waiters.push({ version: doc.version, resolve: () => (clearTimeout(timer), resolve()) });
    });
    return s.analysis;
  };

  /** A changed document, and every open document whose last analysis read it. */
  const changed = (uri: string): void => {
    schedule(uri);
    const path = pathOf(uri);
    for (const [other, s] of states) {
      if (other !== uri && documents.get(other) && s.analysis?.sources.includes(path)) schedule(other);
    }
  };

  documents.onDidOpen((e) => changed(e.document.uri));
  documents.onDidChangeContent((e) => changed(e.document.uri));
  documents.onDidSave((e) => changed(e.document.uri));
  documents.onDidClose((e) => {
    const s = states.get(e.document.uri);
    if (s?.timer) clearTimeout(s.timer);
    for (const w of s?.waiters ?? []) w.resolve();
    states.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    // Importers now read the file from disk again.
    const path = pathOf(e.document.uri);
    for (const [other, os] of states) if (os.analysis?.sources.includes(path)) schedule(other);
  });

  // ---------------------------------------------------------------- position helpers

  const tokensFor = (doc: TextDocument, offset: number): EditorToken[] => {
    const s = state(doc.uri);
    const text = doc.getText();
    if (text.length > WHOLE_TEXT_CHARS) return tokensAround(text, offset, (o) => doc.positionAt(o).line);
    if (s.tokens?.version !== doc.version) s.tokens = { version: doc.version, tokens: lexTokens(text) };
    return s.tokens.tokens;
  };

  const rangeOf = (doc: TextDocument) => (from: number, to: number): Range => ({ start: doc.positionAt(from), end: doc.positionAt(to) });

  const filesOf = (uri: string): FileSymbols[] => state(uri).goodFiles;

  /** Symbols for a position request: a document never analysed yet (just opened) waits for its first analysis. */
  const symbolsFor = async (uri: string): Promise<FileSymbols[]> => {
    if (state(uri).analysis === null) await currentAnalysis(uri, 3_000);
    return filesOf(uri);
  };

  // ---------------------------------------------------------------- requests

  connection.onInitialize((params): InitializeResult => {
    const init = params.initializationOptions as { debounceMs?: unknown } | undefined;
    if (typeof init?.debounceMs === 'number' && init.debounceMs >= 0) debounceMs = init.debounceMs;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['(', ',', '.', ':', '|'] },
        hoverProvider: true,
        definitionProvider: true,
        documentSymbolProvider: true,
        documentFormattingProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        semanticTokensProvider: { legend: { tokenTypes: [...tokenTypes], tokenModifiers: [...tokenModifiers] }, full: true },
      },
      serverInfo: { name: 'plas-language-server' },
    };
  });

  connection.onCompletion(
    guard('completion', [], async (params, token: CancellationToken) => {
      const files = await symbolsFor(params.textDocument.uri);
      const doc = documents.get(params.textDocument.uri);
      if (!doc || token.isCancellationRequested) return [];
      const offset = doc.offsetAt(params.position);
      return complete({
        text: doc.getText(),
        offset,
        tokens: tokensFor(doc, offset),
        files,
        mainPath: pathOf(doc.uri),
        range: rangeOf(doc),
      });
    }),
  );

  connection.onHover(
    guard('hover', null, async (params, token: CancellationToken) => {
      const files = await symbolsFor(params.textDocument.uri);
      const doc = documents.get(params.textDocument.uri);
      if (!doc || token.isCancellationRequested) return null;
      const offset = doc.offsetAt(params.position);
      const s = state(doc.uri);
      const dir = nodePath.dirname(pathOf(doc.uri));
      return hover({
        offset,
        tokens: tokensFor(doc, offset),
        files,
        mainPath: pathOf(doc.uri),
        current: s.version === doc.version ? s.analysis : null,
        range: rangeOf(doc),
        relative: (p) => nodePath.relative(dir, p) || p,
      });
    }),
  );

  connection.onDefinition(
    guard('definition', null, async (params, token: CancellationToken): Promise<Location | null> => {
      const files = await symbolsFor(params.textDocument.uri);
      const doc = documents.get(params.textDocument.uri);
      if (!doc || token.isCancellationRequested) return null;
      const offset = doc.offsetAt(params.position);
      const target = definition(tokensFor(doc, offset), offset, files, pathOf(doc.uri));
      if (!target) return null;
      const range = target.span ? spanRange(target.span) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      return { uri: pathToFileURL(target.path).href, range };
    }),
  );

  connection.onDocumentSymbol(
    guard('documentSymbol', [], async (params, token: CancellationToken) => {
      const uri = params.textDocument.uri;
      await currentAnalysis(uri, 2_000);
      if (token.isCancellationRequested) return [];
      const main = filesOf(uri).find((f) => f.path === pathOf(uri));
      return main ? documentSymbols(main.declarations) : [];
    }),
  );

  connection.onDocumentFormatting(
    guard('formatting', null, async (params, token: CancellationToken) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      const text = doc.getText();
      const formatted = await getRunner().format({ path: pathOf(doc.uri), text });
      if (formatted === null || token.isCancellationRequested || documents.get(doc.uri)?.version !== doc.version) return null;
      if (formatted === text) return [];
      return [{ range: { start: { line: 0, character: 0 }, end: doc.positionAt(text.length) }, newText: formatted }];
    }),
  );

  connection.onCodeAction(guard('codeAction', [], (params) => codeActions(params.textDocument.uri, params.context.diagnostics)));

  connection.languages.semanticTokens.on(
    guard('semanticTokens', { data: [] }, async (params, token: CancellationToken) => {
      const analysis = await currentAnalysis(params.textDocument.uri, 3_000);
      if (token.isCancellationRequested) return { data: [] };
      return { data: analysis?.semanticTokens ?? [] };
    }),
  );

  connection.onShutdown(() => {
    runner?.dispose();
    runner = null;
  });

  documents.listen(connection);
  connection.listen();
}
