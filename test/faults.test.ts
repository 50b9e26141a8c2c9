/**
 * Failures a careless user or a failing machine causes, each ending in a short message that says what failed and
 * what to do (never a stack trace without PLAS_DEBUG), with nothing trained in vain and no finished cell lost.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cellFiles, fixture, plas, plasDetached, sleep, tempDir } from './helpers.ts';

const STACK = /\n\s+at .*(\.js|\.ts):\d+/;

function expectShortError(r: { code: number | null; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(STACK);
  expect(r.stderr.length).toBeLessThan(600);
}

const asRoot = process.getuid?.() === 0;

describe('plas run checks where it will write before it trains', () => {
  it('refuses a --store that is a file', async () => {
    const dir = tempDir('store-file');
    writeFileSync(join(dir, 'a-file'), '');
    const r = await plas(['run', fixture('tiny-warm-start.plas'), '--store', join(dir, 'a-file')]);
    expectShortError(r, /cannot write the run store at .*a-file: a file stands where a folder should be \(EEXIST\).*nothing was trained/);
  });

  it('refuses an empty --store instead of writing into the current folder', async () => {
    const cwd = tempDir('store-empty');
    const r = await plas(['run', fixture('tiny-warm-start.plas'), '--store', ''], cwd);
    expectShortError(r, /--store is empty: name a folder for the run store/);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('refuses an --out under a file before any cell trains', async () => {
    const dir = tempDir('out-file');
    writeFileSync(join(dir, 'a-file'), '');
    const store = join(dir, 'store');
    const r = await plas(['run', fixture('tiny-warm-start.plas'), '--store', store, '--out', join(dir, 'a-file')]);
    expectShortError(r, /cannot write the report at .*a-file\/tiny_warm_start: a part of the path is a file, not a folder \(ENOTDIR\)/);
    expect(cellFiles(store).size).toBe(0);
  });

  it.runIf(asRoot)('names a read-only store (a read-only bind mount) plainly', async () => {
    const dir = tempDir('ro');
    const ro = join(dir, 'ro');
    mkdirSync(ro);
    const mounted = spawnSync('mount', ['--bind', '-o', 'ro', ro, ro]);
    if (mounted.status !== 0) {
      console.log(`skipped: cannot make a read-only bind mount here (${mounted.stderr.toString().trim()})`);
      return;
    }
    execFileSync('mount', ['-o', 'remount,bind,ro', ro, ro]);
    try {
      const r = await plas(['run', fixture('tiny-warm-start.plas'), '--store', join(ro, 'store')]);
      expectShortError(r, /cannot write the run store at .*ro\/store: the file system is read-only \(EROFS\); choose a writable folder/);
    } finally {
      spawnSync('umount', [ro]);
    }
  });

  it.runIf(asRoot)('reports a full disk in each cell without a flood of output, and keeps going', async () => {
    const dir = tempDir('full');
    const small = join(dir, 'small');
    mkdirSync(small);
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', small]);
    if (mounted.status !== 0) {
      console.log(`skipped: cannot mount a small tmpfs here (${mounted.stderr.toString().trim()})`);
      return;
    }
    try {
      // Fill the disk after the folder check: only the cell records cannot be written.
      mkdirSync(join(small, 'store', 'cells'), { recursive: true });
      mkdirSync(join(small, 'store', 'experiments'), { recursive: true });
      spawnSync('sh', ['-c', `head -c 10000000 /dev/zero > ${join(small, 'filler')}`]);
      const r = await plas(['run', fixture('tiny-warm-start.plas'), '--store', join(small, 'store'), '--workers', '1', '--no-report']);
      expect(r.code).toBe(1);
      const all = r.stdout + r.stderr;
      expect(all.length).toBeLessThan(8000);
      expect(all).not.toMatch(STACK);
      expect(all).toMatch(/the disk is full \(ENOSPC\); free some space|cannot write the run store at .*: the disk is full/);
    } finally {
      spawnSync('umount', [small]);
    }
  });
});

describe('plas run shortens long names where they become paths', () => {
  it('writes the report of an experiment with a 300-character name', async () => {
    const dir = tempDir('long-name');
    const name = `x${'long_name_'.repeat(30)}`;
    const source = readFixture('tiny-warm-start.plas').replace('experiment tiny_warm_start', `experiment ${name}`).replace('seeds 3', 'seeds 2');
    writeFileSync(join(dir, 'long.plas'), source);
    const r = await plas(['run', 'long.plas', '--workers', '2'], dir);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.code).toBe(0);
    const folders = readdirSync(join(dir, 'reports'));
    expect(folders).toHaveLength(1);
    expect(folders[0]!.length).toBeLessThanOrEqual(100);
    expect(folders[0]).toMatch(/^xlong_name_.*-[0-9a-f]{8}$/);
    expect(existsSync(join(dir, 'reports', folders[0]!, 'report.html'))).toBe(true);
  });
});

describe('output that nobody reads any more', () => {
  it('stops quietly when stdout closes early (plas plan --json | head -c 100)', () => {
    const r = spawnSync('sh', ['-c', `node ${BIN} plan --json ${fixture('tiny-warm-start.plas')} | head -c 100 >/dev/null; echo "exit=\${PIPESTATUS:-done}"`], { encoding: 'utf8' });
    expect(r.stderr).not.toMatch(/EPIPE|STACK/);
    expect(r.stderr).toBe('');
  });

  it('workers whose parent is killed stop at the next step, quietly, writing nothing partial', async () => {
    const store = tempDir('orphans');
    const child = plasDetached(['run', fixture('slow-cells.plas'), '--store', store, '--workers', '2', '--no-report']);
    let stderr = '';
    let stdout = '';
    child.stderr?.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.stdout?.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    const deadline = Date.now() + 60_000;
    while (!/backend: /.test(stdout) && Date.now() < deadline) await sleep(100);
    await sleep(1500); // cells are training now
    process.kill(child.pid as number, 'SIGKILL'); // the parent only: the workers are orphaned
    const group = () => spawnSync('pgrep', ['-g', String(child.pid)], { encoding: 'utf8' }).stdout.trim();
    const gone = Date.now() + 30_000;
    while (group() !== '' && Date.now() < gone) await sleep(200);
    expect(group()).toBe('');
    expect(stderr).not.toMatch(/EPIPE|ERR_IPC_CHANNEL_CLOSED/);
    expect(stderr).not.toMatch(STACK);
    for (const text of cellFiles(store).values()) expect(JSON.parse(text).status).toBe('complete');
  });
});

function readFixture(name: string): string {
  return execFileSync('cat', [fixture(name)], { encoding: 'utf8' });
}
