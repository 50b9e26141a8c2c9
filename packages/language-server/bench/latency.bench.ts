/**
 * Keystroke-to-diagnostic latency of the language server, measured as an editor sees it: the server runs as a
 * child process (the built one when packages/language-server/dist exists, else the sources under tsx), a document
 * is opened, then each "keystroke" is an incremental didChange that alternately breaks and repairs a name, and the
 * time runs until the server publishes the diagnostics of that version. Files: the largest benchmark suite file and
 * a generated 10,000-line experiment. Prints the load average and the CPU time of the server and of this process
 * beside every figure.
 *
 *   pnpm --filter @plas/language-server bench [-- --keys 30 --big-keys 5]
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LspClient, positionOf, sourceServerCommand } from '../test/lsp-client.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const KEYS = option('keys', 30);
const BIG_KEYS = option('big-keys', 5);

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const repo = join(packageRoot, '../..');
const suiteDir = join(repo, 'packages/benchmarks/suite');

function serverCommand(): { command: string; args: string[]; cwd: string; label: string } {
  const built = join(packageRoot, 'dist/bin.js');
  if (existsSync(built)) return { command: process.execPath, args: [built, '--stdio'], cwd: packageRoot, label: 'dist/bin.js (built)' };
  return { ...sourceServerCommand(), label: 'src/bin.ts under tsx (no build found)' };
}

function largestSuiteFile(): string {
  const files = readdirSync(suiteDir).filter((f) => f.endsWith('.plas')).map((f) => join(suiteDir, f));
  return files.sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
}

/** A valid experiment of `lines` lines: the suite file with one arm per added line. */
function generated(base: string, lines: number): string {
  const baseLines = base.split('\n').length;
  const arms: string[] = [];
  for (let i = 0; arms.length < lines - baseLines; i++) {
    arms.push(`  arm sp${i}: at tune: shrink_perturb(shrink: 0.${(i % 9) + 1}, perturb: 0.1, noise: fresh_init), reset optimizer`);
  }
  return base.replace(/\n  measure /, `\n${arms.join('\n')}\n  measure `);
}

/** CPU seconds (user + system) of a process, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

/** `path` is the document's name: it lives only in the editor (never written), imports resolve beside it. */
async function measure(label: string, path: string, text: string, keys: number, debounceMs: number): Promise<void> {
  const cmd = serverCommand();
  const client = LspClient.start({ command: cmd.command, args: [...cmd.args, '--debounce', String(debounceMs)], cwd: cmd.cwd });
  await client.initialize(pathToFileURL(suiteDir).href);
  const uri = pathToFileURL(path).href;
  const opened = client.nextDiagnostics(uri, 1, 120_000);
  const openStart = performance.now();
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'plas', version: 1, text } });
  await opened;
  const openMs = performance.now() - openStart;

  // Each keystroke inserts or deletes one letter in the name `adam` of the optimizer: a diagnostic appears and goes.
  const at = positionOf(text, 'optimizer adam', 'optimizer adam'.length);
  const serverCpu0 = cpuSeconds(client.child.pid!);
  const selfCpu0 = process.cpuUsage();
  const load0 = loadavg()[0]!;
  const times: number[] = [];
  let broken = false;
  for (let k = 0; k < keys; k++) {
    const version = k + 2;
    const change = broken
      ? { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' }
      : { range: { start: at, end: at }, text: 'x' };
    broken = !broken;
    const published = client.nextDiagnostics(uri, version, 120_000);
    const t0 = performance.now();
    client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    const p = await published;
    times.push(performance.now() - t0);
    if (p.diagnostics.length !== (broken ? 1 : 0)) throw new Error(`version ${version}: expected ${broken ? 1 : 0} diagnostic(s), got ${JSON.stringify(p.diagnostics)}`);
  }
  const serverCpu = cpuSeconds(client.child.pid!) - serverCpu0;
  const self = process.cpuUsage(selfCpu0);
  await client.stop();
  const lines = text.split('\n').length;
  console.log(
    `${label.padEnd(28)} ${String(lines).padStart(6)} lines  debounce ${String(debounceMs).padStart(2)} ms  ` +
      `open ${openMs.toFixed(0).padStart(5)} ms  keystroke→diagnostic median ${percentile(times, 50).toFixed(1).padStart(7)} ms, ` +
      `p95 ${percentile(times, 95).toFixed(1).padStart(7)} ms, max ${Math.max(...times).toFixed(1).padStart(7)} ms (n=${keys})  ` +
      `server CPU ${serverCpu.toFixed(2)} s, bench CPU ${((self.user + self.system) / 1e6).toFixed(2)} s, load ${load0.toFixed(2)}→${loadavg()[0]!.toFixed(2)}`,
  );
}

const suite = largestSuiteFile();
const suiteText = readFileSync(suite, 'utf8');
const name = suite.split('/').pop()!;
console.log(`server: ${serverCommand().label}; node ${process.version}; ${cpus().length} CPUs; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
await measure(`suite ${name}`, suite, suiteText, KEYS, 20);
await measure(`suite ${name}`, suite, suiteText, KEYS, 0);
await measure('generated 10,000 lines', join(suiteDir, 'generated-10000-lines.plas'), generated(suiteText, 10_000), BIG_KEYS, 20);
