/**
 * Renders docs/images/editor.png: examples/warm-start.plas with a typo, coloured by the extension's TextMate grammar
 * (run by vscode-textmate, as VS Code does), with the diagnostic, its quick fix and a hover that the language server
 * returned for it (the real server, spoken to over stdio), drawn as an editor shows them; then Debian's Chromium,
 * headless, takes the screenshot. Run from the repository root:
 *
 *   node --conditions=source --import tsx packages/vscode/scripts/screenshot.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import oniguruma from 'vscode-oniguruma';
import textmate, { type StateStack } from 'vscode-textmate';
import { LspClient, positionOf } from '../../language-server/test/lsp-client.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = join(here, '../../..');
const out = join(repo, 'docs/images/editor.png');

// Colours of VS Code's Dark+ theme, by scope prefix (the first that matches wins).
const theme: [string, string][] = [
  ['comment', '#6A9955'],
  ['string', '#CE9178'],
  ['constant.numeric', '#B5CEA8'],
  ['constant.language', '#569CD6'],
  ['keyword.other.unit', '#4EC9B0'],
  ['keyword.control', '#C586C0'],
  ['keyword.operator', '#D4D4D4'],
  ['keyword', '#569CD6'],
  ['entity.name.function', '#DCDCAA'],
  ['entity.name.type', '#4EC9B0'],
  ['entity.name.namespace', '#4EC9B0'],
  ['entity.name.section', '#4FC1FF'],
  ['variable.parameter', '#9CDCFE'],
  ['variable.other.phase', '#4FC1FF'],
  ['variable.other.arm', '#DCDCAA'],
  ['variable', '#9CDCFE'],
];

// vscode-textmate is CommonJS: its named exports come through the default one under plain Node.
const { INITIAL, Registry } = textmate;

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function main(): Promise<void> {
  const text = readFileSync(join(repo, 'examples/warm-start.plas'), 'utf8')
    .replace('shrink_perturb(shrink:', 'shrink_perturbb(shrink:')
    .split('\n')
    .slice(7)
    .join('\n')
    .trimEnd();
  // The server checks the text as the file it is in, so the preset import resolves.
  const dir = mkdtempSync(join(tmpdir(), 'plas-shot-'));
  mkdirSync(join(dir, 'presets'));
  writeFileSync(join(dir, 'presets/common.plas'), readFileSync(join(repo, 'examples/presets/common.plas')));
  const client = LspClient.start();
  await client.initialize(pathToFileURL(dir).href);
  const uri = pathToFileURL(join(dir, 'warm-start.plas')).href;
  const published = client.nextDiagnostics(uri);
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'plas', version: 1, text } });
  const diagnostic = (await published).diagnostics[0]!;
  const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, 'subset(', 2) });
  await client.stop();
  rmSync(dir, { recursive: true, force: true });

  const wasm = readFileSync(join(createRequire(import.meta.url).resolve('vscode-oniguruma'), '../onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
    loadGrammar: async () => JSON.parse(readFileSync(join(here, '../syntaxes/plas.tmLanguage.json'), 'utf8')),
  });
  const grammar = (await registry.loadGrammar('source.plas'))!;
  let stack: StateStack = INITIAL;
  const rows: string[] = [];
  text.split('\n').forEach((line, n) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    let html = '';
    for (const t of r.tokens) {
      const scopes = [...t.scopes].reverse();
      const colour = theme.find(([prefix]) => scopes.some((s) => s.startsWith(prefix)))?.[1] ?? '#D4D4D4';
      let piece = escape(line.slice(t.startIndex, t.endIndex));
      if (n === diagnostic.range.start.line && t.startIndex >= diagnostic.range.start.character && t.endIndex <= diagnostic.range.end.character) {
        piece = `<span class="squiggle">${piece}</span>`;
      }
      html += `<span style="color:${colour}">${piece}</span>`;
    }
    rows.push(`<div class="row"><span class="gutter">${n + 8}</span>${html || ' '}</div>`);
    if (n === diagnostic.range.start.line) {
      const [message, help] = diagnostic.message.split('\n');
      rows.push(
        `<div class="problem" style="margin-left:${diagnostic.range.start.character + 6}ch"><b>${escape(message!)}</b> <span class="code">plas(${diagnostic.code})</span><br>` +
          `<span class="fix">Quick fix: Replace with \`shrink_perturb\` (${escape(help ?? '')})</span></div>`,
      );
    }
  });
  // Just enough Markdown for the hover: the signature fence, emphasis, inline code, bullets.
  const hoverHtml = escape(hover.contents.value)
    .replace(/```plas\n([^`]*)\n```/g, '<div class="sig">$1</div>')
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*([^*]+)\*/g, '<i>$1</i>')
    .replace(/^- /gm, '• ');
  const html = `<!doctype html><meta charset="utf-8"><style>
    body { margin: 0; background: #1e1e1e; font: 14px/1.5 'DejaVu Sans Mono', monospace; color: #d4d4d4; }
    .title { background: #2d2d2d; color: #ccc; padding: 6px 14px; font-family: 'DejaVu Sans', sans-serif; font-size: 13px; }
    .editor { padding: 8px 0; position: relative; }
    .row { white-space: pre; }
    .gutter { display: inline-block; width: 4ch; text-align: right; margin-right: 2ch; color: #858585; }
    .squiggle { text-decoration: underline wavy #f14c4c; text-underline-offset: 3px; }
    .problem { white-space: normal; max-width: 70ch; background: #252526; border: 1px solid #454545; border-left: 3px solid #f14c4c; padding: 6px 10px; margin: 2px 0 6px; font-family: 'DejaVu Sans', sans-serif; font-size: 13px; }
    .problem .code { color: #999; } .problem .fix { color: #75beff; }
    .hover { position: absolute; top: 520px; right: 24px; width: 52ch; background: #252526; border: 1px solid #454545; padding: 8px 12px; font-family: 'DejaVu Sans', sans-serif; font-size: 13px; white-space: pre-wrap; }
    .hover .sig { font-family: 'DejaVu Sans Mono', monospace; color: #dcdcaa; }
    .hover code { font-family: 'DejaVu Sans Mono', monospace; color: #9cdcfe; }
  </style><div class="title">warm-start.plas — Plas (TextMate grammar + plas language server)</div>
  <div class="editor">${rows.join('\n')}<div class="hover"><b>hover on <code>subset</code>:</b>\n${hoverHtml}</div></div>`;
  const work = mkdtempSync(join(tmpdir(), 'plas-shot-html-'));
  const page = join(work, 'editor.html');
  writeFileSync(page, html);
  mkdirSync(join(repo, 'docs/images'), { recursive: true });
  execFileSync('/usr/bin/chromium', [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
    '--hide-scrollbars', `--screenshot=${out}`, '--window-size=1200,850', pathToFileURL(page).href,
  ], { stdio: 'ignore' });
  rmSync(work, { recursive: true, force: true });
  console.log(`wrote ${out}`);
}

await main();
