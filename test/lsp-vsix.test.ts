/**
 * The VS Code extension as built: the .vsix holds the client, the bundled server and its analysis thread, the
 * grammar and the language configuration; and the bundled server (the bytes the .vsix ships) answers over stdio
 * with the compiler's diagnostics, its analysis thread found beside it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { LspClient, positionOf } from '../packages/language-server/test/lsp-client.ts';
import { ROOT, tempDir } from './helpers.ts';

const dist = join(ROOT, 'packages/vscode/dist');
const vsix = join(dist, 'plas.vsix');

describe('the VS Code extension package', () => {
  const dir = tempDir('vsix');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is a .vsix with the client, the bundled server, the grammar and the language configuration', () => {
    expect(existsSync(vsix)).toBe(true);
    const listing = spawnSync('unzip', ['-Z1', vsix], { encoding: 'utf8' });
    if (listing.error) {
      console.log(`test/lsp-vsix.test.ts: not listing the .vsix: unzip is missing (${listing.error.message})`);
      return;
    }
    const files = listing.stdout.split('\n');
    for (const f of ['extension.vsixmanifest', 'extension/package.json', 'extension/dist/extension.cjs', 'extension/dist/server.mjs', 'extension/dist/analysis-worker.mjs', 'extension/syntaxes/plas.tmLanguage.json', 'extension/language-configuration.json']) {
      expect(files, f).toContain(f);
    }
    expect(files.some((f) => f.includes('node_modules'))).toBe(false);
    const manifest = JSON.parse(readFileSync(join(ROOT, 'packages/vscode/package.json'), 'utf8')) as { main: string; contributes: { grammars: { path: string }[] } };
    expect(files).toContain(`extension/${manifest.main.replace('./', '')}`);
    expect(files).toContain(`extension/${manifest.contributes.grammars[0]!.path.replace('./', '')}`);
  });

  it('bundles a server that publishes the compiler\'s diagnostics', async () => {
    const client = LspClient.start({ command: process.execPath, args: [join(dist, 'server.mjs'), '--stdio'], cwd: dir });
    try {
      await client.initialize(pathToFileURL(dir).href);
      mkdirSync(join(dir, 'presets'), { recursive: true });
      writeFileSync(join(dir, 'presets/common.plas'), readFileSync(join(ROOT, 'examples/presets/common.plas')));
      const text = readFileSync(join(ROOT, 'examples/warm-start.plas'), 'utf8').replace('optimizer adam3', 'optimizer adam33');
      const uri = pathToFileURL(join(dir, 'typo.plas')).href;
      const published = client.nextDiagnostics(uri);
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'plas', version: 1, text } });
      const { diagnostics } = await published;
      expect(diagnostics).toHaveLength(1);
      const start = positionOf(text, 'adam33');
      expect(diagnostics[0]!.range).toEqual({ start, end: { line: start.line, character: start.character + 6 } });
      expect(diagnostics[0]!.message).toContain('did you mean `adam3`?');
    } finally {
      expect(await client.stop()).toBe(0);
    }
  });
});
