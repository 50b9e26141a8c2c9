// Builds the extension: the client (CommonJS, as VS Code loads it), the language server and its analysis thread
// (ESM, run by VS Code's Node), all bundled with esbuild so the .vsix needs no node_modules; then packs the .vsix
// offline with @vscode/vsce (no marketplace access: `package`, never `publish`).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist);

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: false, logLevel: 'warning', absWorkingDir: root };
await build({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.cjs', format: 'cjs', external: ['vscode'] });
// CommonJS dependencies (vscode-languageserver) call require() on Node built-ins: give the ESM bundle a require.
const banner = { js: "import { createRequire as __plasCreateRequire } from 'node:module'; const require = __plasCreateRequire(import.meta.url);" };
await build({ ...common, entryPoints: { server: 'src/server.ts', 'analysis-worker': 'src/analysis-worker.ts' }, outdir: 'dist', outExtension: { '.js': '.mjs' }, format: 'esm', banner });

const vsce = join(dirname(createRequire(import.meta.url).resolve('@vscode/vsce/package.json')), 'vsce');
execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', join(dist, 'plas.vsix')], { cwd: root, stdio: 'inherit' });
