/** `plas lsp --stdio`: the .plas language server for editors (@plas/language-server on stdin/stdout). */
import { startStdioServer, stdioHelp } from '@plas/language-server';
import { HELP_OPTION, parseCommandArgs, usageError } from '../args.ts';

export async function run(argv: string[]): Promise<number> {
  const options = {
    stdio: { type: 'boolean' },
    debounce: { type: 'string' },
    // Clients such as vscode-languageclient append the editor's process id; the server library watches it.
    clientProcessId: { type: 'string' },
    ...HELP_OPTION,
  } as const;
  const args = parseCommandArgs('lsp', argv, options, stdioHelp);
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  if (positionals.length > 0) return usageError('lsp', `unexpected argument '${positionals[0]}'`, stdioHelp);
  if (!values.stdio) return usageError('lsp', 'say how to talk to the editor: --stdio is the only transport', stdioHelp);
  let debounceMs: number | undefined;
  if (values.debounce !== undefined) {
    debounceMs = Number(values.debounce);
    if (!Number.isFinite(debounceMs) || debounceMs < 0) return usageError('lsp', `--debounce must be a number of milliseconds ≥ 0, got '${values.debounce}'`, stdioHelp);
  }
  return startStdioServer(debounceMs === undefined ? {} : { debounceMs });
}
