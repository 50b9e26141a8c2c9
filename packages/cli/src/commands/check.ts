/** `plas check <files...> [--json]`: validate .plas files; exit 0 when all are valid, 1 otherwise. */
import { compileFile, hasErrors, renderDiagnostics, type Diagnostic } from '@plas/dsl';
import { HELP_OPTION, parseCommandArgs, usageError } from '../args.ts';

const help = `usage: plas check <files...> [--json]

Validates .plas files (imports included) and reports every diagnostic with file:line:column.
A file with definitions only (an import library) is valid without an experiment.

options:
  --json   print machine-readable diagnostics on stdout: [{ file, valid, diagnostics: [...] }]
  --help   show this help
`;

export async function run(argv: string[]): Promise<number> {
  const args = parseCommandArgs('check', argv, { json: { type: 'boolean' }, ...HELP_OPTION }, help);
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  if (positionals.length === 0) return usageError('check', 'no files given', help);
  const results: { file: string; valid: boolean; experiment: string | null; hash: string | null; diagnostics: Diagnostic[] }[] = [];
  let failed = false;
  for (const file of positionals) {
    const r = compileFile(file, { allowLibrary: true });
    const valid = !hasErrors(r.diagnostics);
    failed ||= !valid;
    results.push({ file, valid, experiment: r.ir?.name ?? null, hash: r.ir?.hash ?? null, diagnostics: r.diagnostics });
    if (!values.json) {
      if (r.diagnostics.length > 0) process.stderr.write(renderDiagnostics(r.diagnostics, r.sources) + '\n');
      if (valid) process.stdout.write(`ok ${file}${r.ir ? ` (experiment ${r.ir.name}, ${r.ir.hash.slice(0, 12)})` : ' (definitions)'}\n`);
    }
  }
  if (values.json) {
    process.stdout.write(JSON.stringify(results, null, 2) + '\n');
  } else {
    const errors = results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === 'error').length, 0);
    if (failed) process.stderr.write(`${errors} error${errors === 1 ? '' : 's'} in ${results.filter((r) => !r.valid).length} of ${results.length} file${results.length === 1 ? '' : 's'}\n`);
  }
  return failed ? 1 : 0;
}
