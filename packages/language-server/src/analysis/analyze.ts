/**
 * One document version, analysed: compile it (imports read from the open documents first, then the disk), and
 * collect what the editor features need: diagnostics, the declarations and references of the file and of every
 * file it imports, the step counts of its stream and its semantic tokens. Pure data in, pure data out (it crosses
 * a worker boundary); never throws.
 */
import {
  compileSource,
  declarations,
  formatSource,
  lexTokens,
  parseSource,
  planSummary,
  readSourceFile,
  references,
  type Declaration,
  type Diagnostic,
  type Reference,
} from '@plas/dsl';
import { semanticTokens } from './semantic-tokens.ts';

export interface AnalyzeRequest {
  path: string;
  text: string;
  /** Texts of the other open documents by path: an edited preset is seen before it is saved. */
  overlays: Record<string, string>;
}

export interface FileSymbols {
  path: string;
  declarations: Declaration[];
  references: Reference[];
}

export interface StreamItemSteps {
  name: string;
  kind: 'phase' | 'repeat';
  /** Training examples one pass over the item's data selects. */
  examples: number;
  stepsPerEpoch: number;
}

export interface Analysis {
  path: string;
  diagnostics: Diagnostic[];
  /** Every file read, main first (paths as the compiler names them). */
  sources: string[];
  /** The main file (when it parses) and each import that parses. */
  files: FileSymbols[];
  /** From the compiled IR, when the file compiles: the batch size and each stream item's steps per epoch. */
  steps: { batch: number; items: StreamItemSteps[] } | null;
  /** LSP-encoded semantic tokens of the main file. */
  semanticTokens: number[];
  elapsedMs: number;
}

export function analyze(req: AnalyzeRequest): Analysis {
  const started = performance.now();
  const readFile = (p: string): string | null => (Object.prototype.hasOwnProperty.call(req.overlays, p) ? req.overlays[p]! : readSourceFile(p));
  const compiled = compileSource(req.text, req.path, { allowLibrary: true, readFile });
  const files: FileSymbols[] = [];
  const main = parseSource(req.text, req.path);
  if (main.ast) files.push(symbolsOf(req.path, main.ast));
  // A file with a syntax error reads no imports; its `import` lines alone still name the presets it uses.
  const sources = main.ast ? compiled.sources : compileSource(importLines(req.text), req.path, { allowLibrary: true, readFile }).sources;
  for (const [path, text] of sources) {
    if (path === req.path) continue;
    const symbols = importedSymbols(path, text);
    if (symbols) files.push(symbols);
  }
  const mainAst = main.ast;
  let steps: Analysis['steps'] = null;
  if (compiled.ir) {
    try {
      const plan = planSummary(compiled.ir);
      steps = {
        batch: compiled.ir.batch,
        items: plan.stream.map((s) => ({ name: s.name, kind: s.kind, examples: s.examples, stepsPerEpoch: Math.ceil(s.examples / compiled.ir!.batch) })),
      };
    } catch {
      steps = null;
    }
  }
  return {
    path: req.path,
    diagnostics: compiled.diagnostics,
    sources: [...compiled.sources.keys()],
    files,
    steps,
    semanticTokens: semanticTokens(req.text, mainAst),
    elapsedMs: performance.now() - started,
  };
}

function importLines(text: string): string {
  const tokens = lexTokens(text).filter((t) => t.category !== 'comment');
  const lines: string[] = [];
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    if (t.image === 'import' && next?.category === 'string') lines.push(`import ${next.image}`);
  });
  return lines.join('\n');
}

function symbolsOf(path: string, ast: NonNullable<ReturnType<typeof parseSource>['ast']>): FileSymbols {
  return { path, declarations: declarations(ast), references: references(ast) };
}

/** Imports (presets) rarely change while their importer is edited: their symbols are kept by path and text. */
const importCache = new Map<string, { text: string; symbols: FileSymbols | null }>();
const MAX_CACHED_IMPORTS = 200;

function importedSymbols(path: string, text: string): FileSymbols | null {
  const hit = importCache.get(path);
  if (hit && hit.text === text) return hit.symbols;
  const ast = parseSource(text, path).ast;
  const symbols = ast ? symbolsOf(path, ast) : null;
  if (importCache.size >= MAX_CACHED_IMPORTS) importCache.clear();
  importCache.set(path, { text, symbols });
  return symbols;
}

export interface FormatRequest {
  path: string;
  text: string;
}

/** The formatted text, or null when the file does not parse. */
export function format(req: FormatRequest): string | null {
  return formatSource(req.text, req.path).text;
}
