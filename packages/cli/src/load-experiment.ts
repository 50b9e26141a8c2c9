/** Compile a `.plas` file for a command that needs a valid experiment; diagnostics go to stderr. */
import { compileFile, renderDiagnostics, type ExperimentIR } from '@plas/dsl';

export function loadExperiment(file: string, quick: boolean): ExperimentIR | null {
  const { ir, diagnostics } = compileFile(file, { quick });
  if (diagnostics.length > 0) process.stderr.write(`${renderDiagnostics(diagnostics)}\n`);
  if (!ir || diagnostics.some((d) => d.severity === 'error')) return null;
  return ir;
}
