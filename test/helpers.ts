/** Helpers for end-to-end tests: run the real `plas` command as a child process, read a run store. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');
/** The compiled CLI, as installed users run it (`pnpm test` builds the packages before the end-to-end tests). */
export const BIN = join(ROOT, 'packages/cli/dist/bin.js');
export const fixture = (name: string): string => join(ROOT, 'test/fixtures', name);

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface SpawnOptions {
  cwd?: string;
  /** The environment of the `plas` process (a short claim lease, SLURM_CONF, a PATH without sbatch); default ours. */
  env?: NodeJS.ProcessEnv;
}

function spawnPlas(args: string[], { cwd = ROOT, env }: SpawnOptions, detached: boolean): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { cwd, env, detached, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The output and exit code of a child, once it has closed (a kill by signal reads as code -1). */
function collect(child: ChildProcess): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? -1 : null), stdout, stderr }));
  });
}

/** Run `plas <args>` to completion (asynchronously: a blocked test worker would miss vitest's heartbeats). */
export function plas(args: string[], cwd = ROOT): Promise<CliResult> {
  return collect(spawnPlas(args, { cwd }, false));
}

/** `plas <args>` with a chosen environment, to completion. */
export function plasWithEnv(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return collect(spawnPlas(args, { env }, false));
}

/** Start `plas <args>` in its own process group, so the whole tree (workers included) can be killed at once. */
export function plasDetached(args: string[], cwd = ROOT): ChildProcess {
  return spawnPlas(args, { cwd }, true);
}

/** `plasDetached` with a chosen environment, and its output collected. */
export function plasDetachedWithEnv(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawnPlas(args, { env }, true);
  return { child, done: collect(child) };
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `plas-e2e-${prefix}-`));
}

/** Every cell record file in a store, by hash, as raw text (to compare bytes). */
export function cellFiles(store: string): Map<string, string> {
  const dir = join(store, 'cells');
  const files = new Map<string, string>();
  if (!existsSync(dir)) return files;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    files.set(name.replace(/\.json$/, ''), readFileSync(join(dir, name), 'utf8'));
  }
  return files;
}

export interface StoredCell {
  status: string;
  backend: string;
  cell: { arm: string; seed: number; hash: string };
  series: Record<string, { step: number; value: unknown }[]>;
  divergence: { step: number; what: string; value: string } | null;
  versions: Record<string, string>;
  /** What the interventions did (only in cells with interventions). */
  events?: unknown[];
}

export function cellRecords(store: string): StoredCell[] {
  return [...cellFiles(store).values()].map((text) => JSON.parse(text) as StoredCell);
}

/** Whether a process with this id exists (signal 0 checks without sending anything). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Start `plas <args>` in its own process group, wait until the store holds `cells` cell records (at most 4 minutes),
 * then SIGKILL the whole tree (workers included) and wait for it to go.
 */
export async function killOnceStored(args: string[], store: string, cells: number, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const child = spawnPlas(args, { env }, true);
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const deadline = Date.now() + 240_000;
  while (cellFiles(store).size < cells && Date.now() < deadline) await sleep(50);
  process.kill(-(child.pid as number), 'SIGKILL');
  await exited;
}

