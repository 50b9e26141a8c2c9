/**
 * Diagnostics are data: where, how bad, which check (`code`), what, and optionally a fix. They are produced by every
 * stage (input guards, lexer, parser, linker, validation, lowering) and rendered only at the edge (`renderDiagnostics`).
 */
import { readFileSync } from 'node:fs';
import type { Span } from './ast.ts';

export type Severity = 'error' | 'warning';

export interface DiagnosticFix {
  /** Shown as `help: ...`. */
  message: string;
  /** Text that would replace the diagnostic's span, when the fix is a replacement (e.g. a did-you-mean). */
  replacement?: string;
}

export interface Diagnostic {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  endLine: number;
  /** 1-based, inclusive. */
  endColumn: number;
  severity: Severity;
  code: DiagnosticCode;
  message: string;
  fix?: DiagnosticFix;
}

/** Every diagnostic code with a one-line meaning (listed in docs/language.md). */
export const diagnosticCodes = {
  'empty-file': 'the file has no content',
  'file-too-large': 'the file exceeds the size limit',
  'bad-encoding': 'the file is not valid UTF-8 or contains NUL bytes',
  'too-deep': 'brackets nest deeper than the limit',
  'bad-character': 'a character that no token matches',
  syntax: 'the text does not follow the grammar',
  'import-missing': 'an imported file does not exist or cannot be read',
  'import-cycle': 'files import each other in a cycle',
  'no-experiment': 'the compiled file declares no experiment',
  'multiple-experiments': 'the compiled file declares more than one experiment',
  'missing-statement': 'a required statement (data, model, optimizer, stream) is absent',
  'duplicate-statement': 'a statement that may appear once appears twice',
  'duplicate-name': 'two phases, arms, definitions or parameters share a name',
  'unknown-name': 'a name that is not in the catalog or not defined (with did-you-mean)',
  'unknown-param': 'a parameter key the construct does not take (with did-you-mean)',
  'missing-param': 'a required parameter is absent',
  'too-many-args': 'more positional arguments than the construct takes',
  'type-mismatch': 'a value of the wrong type',
  'out-of-range': 'a number outside its allowed range (the range is named)',
  'unknown-unit': 'a unit word that is not allowed here',
  'unit-mismatch': 'a unit that does not fit the stream (e.g. tasks without a repeat)',
  'unknown-phase': 'a reference to a phase or repeat that does not exist',
  'unknown-arm': 'a reference to an arm that does not exist',
  'bad-trend': 'an `expect` with first()/last() that is not `last(ARM) - first(ARM)`',
  'missing-baseline': 'arms are compared but there is no baseline',
  'multiple-baselines': 'more than one baseline',
  'no-arms': 'the experiment declares no arm',
  'not-measured': 'compare or until names a metric that is not measured / not evaluable',
  'penalty-trigger': 'a loss penalty (l2, l2_init) or continual_backprop that does not fire every step',
  'loss-mismatch': 'a loss that does not fit the data (cross_entropy on regression or vice versa)',
  'ambiguous-task': '`each task` where the stream has no or several repeats',
  'sweep-seeds': 'the seed axis cannot be swept',
  'sweep-mismatch': 'zip sweep axes of different lengths, or an empty axis',
  'quick-mismatch': 'a quick override that names nothing in the stream or does not fit it',
  'few-seeds': '(warning) arms are compared on a single seed: no confidence interval is possible',
  'run-setup': 'a value the data or the model cannot satisfy, found by `plas run` before training (e.g. a layer that does not exist)',
} as const;

export type DiagnosticCode = keyof typeof diagnosticCodes;

export function diagnosticAt(
  span: Span,
  code: DiagnosticCode,
  message: string,
  fix?: DiagnosticFix,
  severity: Severity = 'error',
): Diagnostic {
  const d: Diagnostic = {
    file: span.file,
    line: span.line,
    column: span.column,
    endLine: span.endLine,
    endColumn: span.endColumn,
    severity,
    code,
    message,
  };
  if (fix) d.fix = fix;
  return d;
}

/** A diagnostic about a whole file (no meaningful position). */
export function fileDiagnostic(file: string, code: DiagnosticCode, message: string): Diagnostic {
  return { file, line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', code, message };
}

export function hasErrors(diags: readonly Diagnostic[]): boolean {
  return diags.some((d) => d.severity === 'error');
}

export function sortDiagnostics(diags: Diagnostic[]): Diagnostic[] {
  return [...diags].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

// ---------------------------------------------------------------- rendering

export type SourceTexts = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

function textOf(sources: SourceTexts, file: string): string | undefined {
  return sources instanceof Map ? sources.get(file) : (sources as Record<string, string>)[file];
}

/**
 * Renders like rustc:
 *
 *     warm.plas:12:20: error[unknown-name]: unknown intervention `shrink_perturbb`
 *        |
 *     12 |   arm snp: at tune: shrink_perturbb(shrink: 0.4)
 *        |                     ^^^^^^^^^^^^^^^
 *        = help: did you mean `shrink_perturb`?
 */
export function renderDiagnostics(diags: readonly Diagnostic[], sources?: SourceTexts): string {
  const read = new Map<string, string | undefined>();
  const text = (file: string): string | undefined => {
    if (sources) return textOf(sources, file);
    // Without texts (e.g. from a stored diagnostic list), read each file once, best effort.
    if (!read.has(file)) read.set(file, readText(file));
    return read.get(file);
  };
  return diags.map((d) => renderOne(d, text(d.file))).join('\n');
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

const MAX_SHOWN_LINE = 200;

function renderOne(d: Diagnostic, text: string | undefined): string {
  const head = `${d.file}:${d.line}:${d.column}: ${d.severity}[${d.code}]: ${d.message}\n`;
  let body = '';
  const lineText = text?.split(/\r?\n/)[d.line - 1];
  if (lineText !== undefined) {
    const gutter = String(d.line);
    const pad = ' '.repeat(gutter.length);
    const shown = lineText.length > MAX_SHOWN_LINE ? lineText.slice(0, MAX_SHOWN_LINE) + '…' : lineText;
    const start = Math.max(0, Math.min(d.column - 1, shown.length));
    const end = d.endLine === d.line ? Math.max(d.endColumn, d.column) : Math.max(lineText.length, d.column);
    const width = Math.max(1, Math.min(end, shown.length + 1) - start);
    const lead = shown.slice(0, start).replace(/[^\t]/g, ' ');
    body += `${pad} |\n${gutter} | ${shown.replace(/[\u0000-\u0008\u000b-\u001f]/g, '?')}\n${pad} | ${lead}${'^'.repeat(width)}\n`;
    if (d.fix) body += `${pad} = help: ${d.fix.message}\n`;
  } else if (d.fix) {
    body += `  = help: ${d.fix.message}\n`;
  }
  return head + body;
}
