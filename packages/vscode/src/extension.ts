/**
 * The VS Code side: starts the .plas language server and connects it to the editor. By default the server bundled
 * in the extension (dist/server.mjs) runs on VS Code's own Node; `plas.server.command` runs another one (e.g. the
 * project's `npx plas`, given `lsp --stdio`). Highlighting needs no server: it is the TextMate grammar.
 */
import { workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

function serverOptions(context: ExtensionContext): ServerOptions {
  const command = workspace.getConfiguration('plas').get<string>('server.command', '').trim();
  if (command !== '') {
    const [program, ...args] = command.split(/\s+/);
    return { command: program!, args: [...args, 'lsp', '--stdio'], options: { shell: process.platform === 'win32' } };
  }
  const module = context.asAbsolutePath('dist/server.mjs');
  return { run: { module, transport: TransportKind.stdio }, debug: { module, transport: TransportKind.stdio } };
}

export async function activate(context: ExtensionContext): Promise<void> {
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'plas' },
      { scheme: 'untitled', language: 'plas' },
    ],
    initializationOptions: { debounceMs: workspace.getConfiguration('plas').get<number>('debounceMs', 20) },
  };
  client = new LanguageClient('plas', 'Plas language server', serverOptions(context), clientOptions);
  context.subscriptions.push(client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
