import { afterEach, describe, expect, it, vi } from 'vitest';
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultCacheDir, readPoolCache } from '../../src/data/cache.ts';

const temp = (): string => mkdtempSync(join(tmpdir(), 'plas-cache-loc-'));

describe('where decoded data is cached', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('uses $PLAS_CACHE_DIR first, creating it', () => {
    const dir = join(temp(), 'nested', 'cache');
    expect(defaultCacheDir({ PLAS_CACHE_DIR: dir })).toBe(dir);
    expect(existsSync(dir)).toBe(true);
  });

  it('otherwise uses the XDG user cache folder, never node_modules', () => {
    const xdg = temp();
    vi.stubEnv('XDG_CACHE_HOME', xdg);
    expect(defaultCacheDir({})).toBe(join(xdg, 'plas'));
    vi.stubEnv('XDG_CACHE_HOME', '');
    const dir = defaultCacheDir({});
    expect(dir).toBe(join(homedir(), '.cache', 'plas'));
    expect(dir).not.toContain('node_modules');
  });

  it('falls back to the temporary folder, and says so, when the chosen folder cannot be created', () => {
    const blocker = join(temp(), 'a-file');
    writeFileSync(blocker, 'not a folder');
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(defaultCacheDir({ PLAS_CACHE_DIR: join(blocker, 'cache') })).toBe(join(tmpdir(), 'plas-cache'));
    expect(String(stderr.mock.calls[0]?.[0])).toMatch(/cannot create the data cache folder .*a-file\/cache; caching in .*plas-cache/);
  });

  it('treats a damaged cache file as missing and says it is rebuilt; a missing file is silent', () => {
    const dir = temp();
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(readPoolCache(join(dir, 'none.pool'), 'k')).toBeNull();
    expect(stderr).not.toHaveBeenCalled();
    const damaged = join(dir, 'damaged.pool');
    const head = Buffer.alloc(16);
    head.write('PLASPOOL', 0, 'latin1');
    head.writeUInt32LE(1, 8); // the current format…
    head.writeUInt32LE(5, 12); // …then a 5-byte header that is not JSON
    writeFileSync(damaged, Buffer.concat([head, Buffer.from('{{{{{')]));
    expect(readPoolCache(damaged, 'k')).toBeNull();
    expect(String(stderr.mock.calls[0]?.[0])).toMatch(/damaged\.pool is damaged; rebuilding it/);
  });

  it('reports an unreadable cache file and decodes afresh', () => {
    if (process.getuid?.() === 0) return; // root reads any file: nothing to observe
    const file = join(temp(), 'locked.pool');
    writeFileSync(file, 'x');
    chmodSync(file, 0o000);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(readPoolCache(file, 'k')).toBeNull();
    expect(String(stderr.mock.calls[0]?.[0])).toMatch(/cannot read the data cache file/);
  });
});
