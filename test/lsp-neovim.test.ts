/**
 * A real editor: Debian's Neovim, headless, attaches its built-in LSP client to the built `plas lsp --stdio`, opens
 * a file with a typo and reads `vim.diagnostic.get()`; then asks for a completion and a hover through the same
 * client. Skips, saying why, where `nvim` is absent.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, tempDir } from './helpers.ts';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const unavailable = nvim.error ? `nvim is not installed (${nvim.error.message}); .ci/run installs Debian's neovim` : null;
if (unavailable !== null) console.log(`test/lsp-neovim.test.ts: skipping the Neovim test: ${unavailable}`);

const script = `
local file, out, node, bin = os.getenv('PLAS_FILE'), os.getenv('PLAS_OUT'), os.getenv('PLAS_NODE'), os.getenv('PLAS_BIN')
local result = {}
local client_id = vim.lsp.start_client({ name = 'plas', cmd = { node, bin, 'lsp', '--stdio' }, root_dir = vim.fn.fnamemodify(file, ':h') })
vim.cmd('edit ' .. file)
vim.lsp.buf_attach_client(0, client_id)
result.attached = vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 50)
result.diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(result.diagnostics, { lnum = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity, message = d.message, code = d.code })
end
local function request(method, line, col)
  local params = { textDocument = { uri = vim.uri_from_bufnr(0) }, position = { line = line, character = col } }
  local responses = vim.lsp.buf_request_sync(0, method, params, 10000) or {}
  for _, r in pairs(responses) do if r.result then return r.result end end
  return vim.NIL
end
local pos = vim.fn.searchpos('measure every 1 epoch: ', 'n')
local completion = request('textDocument/completion', pos[1] - 1, pos[2] - 1 + 23)
result.completion = {}
for _, item in ipairs(completion.items or completion) do table.insert(result.completion, item.label) end
pos = vim.fn.searchpos('optimizer adam3', 'n')
local hover = request('textDocument/hover', pos[1] - 1, pos[2] - 1 + 11)
result.hover = hover ~= vim.NIL and hover.contents.value or ''
local f = io.open(out, 'w'); f:write(vim.fn.json_encode(result)); f:close()
vim.cmd('qa!')
`;

interface NvimResult {
  attached: boolean;
  diagnostics: { lnum: number; col: number; end_col: number; severity: number; message: string; code: string }[];
  completion: string[];
  hover: string;
}

describe.skipIf(unavailable !== null)('Neovim with its built-in LSP client and plas lsp --stdio', () => {
  const dir = tempDir('nvim');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('shows the typo as a diagnostic at its place with the did-you-mean, completes metrics and hovers a preset name', async () => {
    mkdirSync(join(dir, 'presets'));
    copyFileSync(join(ROOT, 'examples/presets/common.plas'), join(dir, 'presets/common.plas'));
    const text = readFileSync(join(ROOT, 'examples/warm-start.plas'), 'utf8').replace('shrink_perturb(shrink:', 'shrink_perturbb(shrink:');
    const file = join(dir, 'typo.plas');
    writeFileSync(file, text);
    writeFileSync(join(dir, 'check.lua'), script);
    const out = join(dir, 'result.json');
    const env = { ...process.env, PLAS_FILE: file, PLAS_OUT: out, PLAS_NODE: process.execPath, PLAS_BIN: BIN, HOME: dir, XDG_STATE_HOME: dir, XDG_DATA_HOME: dir };
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${join(dir, 'check.lua')}`], { cwd: dir, env, stdio: 'ignore' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
      child.on('error', reject);
      child.on('exit', (c) => (clearTimeout(timer), resolve(c)));
    });
    expect(code).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8')) as NvimResult;
    expect(result.attached).toBe(true);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('shrink_perturbb('));
    expect(result.diagnostics).toEqual([
      {
        lnum: line,
        col: lines[line]!.indexOf('shrink_perturbb('),
        end_col: lines[line]!.indexOf('shrink_perturbb(') + 'shrink_perturbb'.length,
        severity: 1,
        code: 'unknown-name',
        message: expect.stringContaining('did you mean `shrink_perturb`?'),
      },
    ]);
    expect(result.completion).toEqual(expect.arrayContaining(['test.accuracy', 'dead_units', 'effective_rank', 'diagnostics']));
    expect(result.hover).toContain('optimizer adam3 = adam');
  });
});
