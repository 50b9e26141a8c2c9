/**
 * @plas/language-server: the `.plas` language server. `startServer(connection)` serves any LSP connection;
 * `startStdioServer()` serves stdin/stdout (what `plas lsp --stdio` runs).
 */
export { startServer, type ServerOptions } from './server.ts';
export { startStdioServer, stdioHelp } from './stdio.ts';
export { tokenTypes, tokenModifiers } from './analysis/semantic-tokens.ts';
