/** `plas check <files...> [--json]`: validate .plas files; exit 0 when all are valid, 1 otherwise. */
import { parseArgs } from 'node:util';
import { compileFile, hasErrors, renderDiagnostics, type Diagnostic } from '@plas/dsl';

const help = `usage: plas check <files...> [--json]

Validates .plas files (imports included) and reports every diagnostic with file:line:column.
A file with definitions only (an import library) is valid without an experiment.

options:
  --json   print machine-readable diagnostics on stdout: [{ file, valid, diagnostics: [...] }]
  --help   show this help
`;

export async function run(argv: string[]): Promise<number> {
  let values: { json?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    }));
  } catch (e) {
    process.stderr.write(`plas check: ${(e as Error).message}\n\n${help}`);
    return 1;
  }
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  if (positionals.length === 0) {
    process.stderr.write(`plas check: no files given\n\n${help}`);
    return 1;
  }
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
