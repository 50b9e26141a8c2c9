/** The bundled server's entry (dist/server.mjs): the language server on stdin/stdout. */
import { startStdioServer } from '@plas/language-server';

void startStdioServer();
