/** `plas fmt <file> [--write] [--check]`: format a .plas file canonically (comments kept). */
import { readFileSync, writeFileSync } from 'node:fs';
import { formatSource, renderDiagnostics } from '@plas/dsl';
import { HELP_OPTION, parseCommandArgs, usageError } from '../args.ts';

const help = `usage: plas fmt <file> [--write] [--check]

Prints the file formatted canonically (idempotent; comments are kept; the experiment's hash does not change).

options:
  --write  rewrite the file in place
  --check  print nothing; exit 1 when the file is not formatted
  --help   show this help
`;

export async function run(argv: string[]): Promise<number> {
  const args = parseCommandArgs('fmt', argv, { write: { type: 'boolean' }, check: { type: 'boolean' }, ...HELP_OPTION }, help);
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  if (positionals.length !== 1) return usageError('fmt', 'expected exactly one file', help);
  const file = positionals[0]!;
  let text: string;
  try {
    text = new TextDecoder('utf-8').decode(readFileSync(file));
  } catch (e) {
    process.stderr.write(`plas fmt: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return 1;
  }
  const r = formatSource(text, file);
  if (r.text === null) {
    process.stderr.write(renderDiagnostics(r.diagnostics, { [file]: text }) + '\n');
    return 1;
  }
  if (values.check) {
    if (r.text !== text) {
      process.stderr.write(`${file}: not formatted (run \`plas fmt --write ${file}\`)\n`);
      return 1;
    }
    return 0;
  }
  if (values.write) {
    if (r.text !== text) writeFileSync(file, r.text);
    return 0;
  }
  process.stdout.write(r.text);
  return 0;
}
