/** The server on stdin/stdout (`plas lsp --stdio`, `plas-language-server --stdio`). */
import { createConnection } from 'vscode-languageserver/node';
import { startServer, type ServerOptions } from './server.ts';

/**
 * Starts the server on this process's stdin and stdout. The returned promise does not settle: the process ends on
 * the client's `exit` notification or when stdin closes. Nothing else may write to stdout; console output is
 * routed to the client's log by the connection.
 */
export function startStdioServer(options: ServerOptions = {}): Promise<never> {
  process.on('uncaughtException', (error) => process.stderr.write(`plas language server: ${error.stack ?? String(error)}\n`));
  process.on('unhandledRejection', (error) => process.stderr.write(`plas language server: ${String(error)}\n`));
  const connection = createConnection(process.stdin, process.stdout);
  startServer(connection, options);
  return new Promise<never>(() => {});
}

export const stdioHelp = `usage: plas lsp --stdio [--debounce MS]

Runs the .plas language server on stdin/stdout (the Language Server Protocol): diagnostics as you type,
completion, hover, go to definition, outline, formatting, quick fixes and semantic tokens. Editors start it;
see docs/editor.md for VS Code, Neovim, Helix and Emacs.

options:
  --stdio        speak LSP on stdin/stdout (the only transport)
  --debounce MS  quiet time after a change before a file is checked (default 20)
  --help         show this help
`;
