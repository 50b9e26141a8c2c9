#!/usr/bin/env node
/** `plas-language-server --stdio`: the server alone, for editors that start it without the `plas` command. */
import { startStdioServer, stdioHelp } from './stdio.ts';

const argv = process.argv.slice(2);
if (argv.includes('--help') || !argv.includes('--stdio')) {
  process.stderr.write(stdioHelp.replace('plas lsp', 'plas-language-server'));
  process.exitCode = argv.includes('--help') ? 0 : 1;
} else {
  const i = argv.indexOf('--debounce');
  const debounceMs = i >= 0 ? Number(argv[i + 1]) : undefined;
  void startStdioServer(debounceMs !== undefined && Number.isFinite(debounceMs) ? { debounceMs } : {});
}
