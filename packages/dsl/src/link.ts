/**
 * Imports and definitions. `import "presets/mlp.plas"` is resolved relative to the importing file; each file is
 * loaded once; a cycle is an error that shows the whole cycle. Definitions from every loaded file share one scope
 * (`model small = mlp(...)` in a preset, `model small(activation: tanh)` in an experiment).
 */
import * as nodePath from 'node:path';
import type { Definition, FileAst, ImportDecl } from './ast.ts';
import { diagnosticAt, type Diagnostic } from './diagnostics.ts';
import { parseSource } from './parse.ts';
import { SourceFileError } from './source-file.ts';

/** Reads a file's text; throws or returns null when it does not exist. */
export type ReadFile = (path: string) => string | null;

export interface LoadedFile {
  /** The path as shown in diagnostics (relative when the main path was). */
  path: string;
  text: string;
  ast: FileAst | null;
}

export interface Linked {
  /** The main file first, then imports in depth-first order. */
  files: LoadedFile[];
  /** Definitions by `kind:name`, e.g. `model:small`. */
  definitions: Map<string, Definition>;
  diagnostics: Diagnostic[];
}

/** Imports deeper than this are refused (a chain, not a cycle, but absurd). */
const MAX_IMPORT_DEPTH = 32;

export function linkFiles(mainPath: string, mainText: string, readFile: ReadFile): Linked {
  const files: LoadedFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const loaded = new Set<string>();

  const visit = (path: string, text: string, stack: string[]): void => {
    const key = nodePath.resolve(path);
    loaded.add(key);
    const parsed = parseSource(text, path);
    diagnostics.push(...parsed.diagnostics);
    const file: LoadedFile = { path, text, ast: parsed.ast };
    files.push(file);
    for (const imp of parsed.ast?.imports ?? []) {
      const target = importTarget(path, imp);
      const targetKey = nodePath.resolve(target);
      const cycleStart = stack.indexOf(targetKey);
      if (cycleStart >= 0 || targetKey === key) {
        const chain = [...stack.slice(cycleStart >= 0 ? cycleStart : stack.length - 1), targetKey].map((p) => nodePath.relative(process.cwd(), p) || p);
        diagnostics.push(diagnosticAt(imp.span, 'import-cycle', `import cycle: ${chain.join(' → ')}`));
        continue;
      }
      if (loaded.has(targetKey)) continue;
      if (stack.length >= MAX_IMPORT_DEPTH) {
        diagnostics.push(diagnosticAt(imp.span, 'import-cycle', `imports nest more than ${MAX_IMPORT_DEPTH} files deep`));
        continue;
      }
      let content: string | null = null;
      let reason = '';
      try {
        content = readFile(target);
      } catch (error) {
        // A reader may say why (readSourceFile: not a regular file, too large); other failures read as missing.
        if (error instanceof SourceFileError) reason = `: ${error.message}`;
        content = null;
      }
      if (content === null) {
        diagnostics.push(diagnosticAt(imp.span, 'import-missing', `cannot read imported file \`${imp.path}\` (looked for ${target})${reason}`));
        continue;
      }
      visit(target, content, [...stack, targetKey]);
    }
  };
  visit(mainPath, mainText, [nodePath.resolve(mainPath)]);

  const definitions = new Map<string, Definition>();
  for (const f of files) {
    for (const def of f.ast?.definitions ?? []) {
      const k = `${def.kind}:${def.name.name}`;
      const prior = definitions.get(k);
      if (prior) {
        diagnostics.push(
          diagnosticAt(def.name.span, 'duplicate-name', `${def.kind} \`${def.name.name}\` is already defined at ${prior.span.file}:${prior.span.line}`),
        );
        continue;
      }
      definitions.set(k, def);
    }
  }
  return { files, definitions, diagnostics };
}

function importTarget(fromFile: string, imp: ImportDecl): string {
  return nodePath.isAbsolute(imp.path) ? imp.path : nodePath.normalize(nodePath.join(nodePath.dirname(fromFile), imp.path));
}
