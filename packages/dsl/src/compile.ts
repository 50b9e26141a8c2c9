/**
 * The pipeline, wired: link (parse each file, resolve imports) → structure checks → lower → reference checks →
 * quick profile → hash. `compileSource`/`compileFile` never throw; failures are diagnostics.
 */
import type { FileAst } from './ast.ts';
import { hashIr } from './canonical.ts';
import { diagnosticAt, fileDiagnostic, hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics.ts';
import type { ExperimentIR } from './ir.ts';
import { linkFiles, type ReadFile } from './link.ts';
import { readSourceFile, SourceFileError } from './source-file.ts';

export { readSourceFile, SourceFileError, MAX_SOURCE_BYTES } from './source-file.ts';
import { checkDefinitions } from './lower/definitions.ts';
import { applyQuick, lowerExperiment } from './lower/experiment.ts';
import { runAstChecks, runIrChecks } from './validate/index.ts';

export interface CompileOptions {
  /** Apply the file's `quick { ... }` profile. */
  quick?: boolean;
  /** Reads an imported file (default: the file system, UTF-8). Return null (or throw) when it does not exist. */
  readFile?: ReadFile;
  /** Accept a file with definitions but no experiment (an import library): no `no-experiment` error, ir stays null. */
  allowLibrary?: boolean;
}

export interface CompileResult {
  ir: ExperimentIR | null;
  diagnostics: Diagnostic[];
  /** The text of every file read (main and imports), by the path used in diagnostics: for `renderDiagnostics`. */
  sources: Map<string, string>;
}


export function compileSource(text: string, file: string, options: CompileOptions = {}): CompileResult {
  const sources = new Map<string, string>([[file, text]]);
  try {
    return compileLinked(text, file, options, sources);
  } catch (e) {
    // A bug, not a user error: still a diagnostic, never a stack trace.
    return { ir: null, diagnostics: [fileDiagnostic(file, 'syntax', `internal error while compiling: ${(e as Error).message}`)], sources };
  }
}

function compileLinked(text: string, file: string, options: CompileOptions, sources: Map<string, string>): CompileResult {
  const linked = linkFiles(file, text, options.readFile ?? readSourceFile);
  for (const f of linked.files) sources.set(f.path, f.text);
  const diagnostics = [...linked.diagnostics];
  checkDefinitions(linked.definitions, diagnostics);
  const main = linked.files[0]!;
  const done = (ir: ExperimentIR | null): CompileResult => ({ ir: hasErrors(diagnostics) ? null : ir, diagnostics: sortDiagnostics(dedupe(diagnostics)), sources });
  if (!main.ast) return done(null);

  const experiments = main.ast.experiments;
  if (experiments.length === 0) {
    if (!options.allowLibrary) diagnostics.push(noExperiment(main.ast));
    return done(null);
  }
  for (const extra of experiments.slice(1)) {
    diagnostics.push(diagnosticAt(extra.name.span, 'multiple-experiments', 'a file declares one experiment; move this one to its own file'));
  }
  const exp = experiments[0]!;
  diagnostics.push(...runAstChecks(exp));
  const lowered = lowerExperiment(exp, linked.definitions, diagnostics);
  if (!lowered) return done(null);
  diagnostics.push(...runIrChecks(lowered));
  if (hasErrors(diagnostics)) return done(null);

  let ir = lowered.ir;
  if (options.quick) {
    if (lowered.quick) ir = applyQuick(ir, lowered.quick);
    else ir = { ...ir, profile: 'quick' };
  }
  ir.sources = linked.files.map((f) => f.path);
  ir.hash = hashIr(ir);
  return done(ir);
}

export function compileFile(path: string, options: Omit<CompileOptions, 'readFile'> & { readFile?: ReadFile } = {}): CompileResult {
  const read = options.readFile ?? readSourceFile;
  let text: string | null = null;
  let reason = '';
  try {
    text = read(path);
  } catch (error) {
    if (error instanceof SourceFileError) reason = `: ${error.message}`;
    text = null;
  }
  if (text === null) {
    return { ir: null, diagnostics: [fileDiagnostic(path, 'import-missing', `cannot read \`${path}\`${reason}`)], sources: new Map() };
  }
  return compileSource(text, path, { ...options, readFile: read });
}

function noExperiment(ast: FileAst): Diagnostic {
  return fileDiagnostic(ast.file, 'no-experiment', 'the file declares no experiment: expected `experiment NAME { ... }`');
}

function dedupe(diags: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diags.filter((d) => {
    const k = `${d.file}:${d.line}:${d.column}:${d.code}:${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
