/**
 * The language's diagnostics as LSP diagnostics: its own file's at their ranges; those of an imported file at the
 * `import` line that brings it in (the file itself shows them when it is open). The did-you-mean fix travels in
 * `data`, for the code action.
 */
import * as nodePath from 'node:path';
import type { Diagnostic as PlasDiagnostic, DiagnosticFix } from '@plas/dsl';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Analysis } from './analysis/analyze.ts';
import { spanRange } from './positions.ts';

const MAX_PER_IMPORT = 5;

function toLsp(d: PlasDiagnostic): Diagnostic {
  const out: Diagnostic = {
    range: spanRange(d),
    severity: d.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: d.code,
    source: 'plas',
    message: d.fix ? `${d.message}\n${d.fix.message}` : d.message,
  };
  if (d.fix) out.data = { fix: d.fix };
  return out;
}

export function fixOf(d: Diagnostic): DiagnosticFix | null {
  const data = d.data as { fix?: DiagnosticFix } | undefined;
  return data?.fix && typeof data.fix.message === 'string' ? data.fix : null;
}

export function lspDiagnostics(analysis: Analysis): Diagnostic[] {
  const own = analysis.diagnostics.filter((d) => d.file === analysis.path).map(toLsp);
  const others = analysis.diagnostics.filter((d) => d.file !== analysis.path);
  if (others.length === 0) return own;
  const imports = analysis.files.find((f) => f.path === analysis.path)?.declarations.filter((d) => d.kind === 'import') ?? [];
  const dir = nodePath.dirname(analysis.path);
  const perImport = new Map<number, number>();
  for (const d of others) {
    const direct = imports.findIndex((imp) => nodePath.resolve(dir, imp.name) === nodePath.resolve(d.file));
    const index = direct >= 0 ? direct : 0;
    const imp = imports[index];
    const count = perImport.get(index) ?? 0;
    if (count >= MAX_PER_IMPORT) continue;
    perImport.set(index, count + 1);
    const where = `${nodePath.relative(dir, d.file) || d.file}:${d.line}:${d.column}`;
    own.push({
      range: imp ? spanRange(imp.span) : { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      severity: d.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
      code: d.code,
      source: 'plas',
      message: `in ${where}: ${d.message}`,
    });
  }
  return own;
}

/** When the analysis itself failed (time limit, out of memory): one warning, so the editor does not look clean. */
export function failureDiagnostic(why: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
    severity: DiagnosticSeverity.Warning,
    source: 'plas',
    code: 'not-checked',
    message: `plas could not check this file: ${why}. It is checked again after the next change.`,
  };
}
