import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileFile } from '@plas/dsl';
import { run as init } from '../src/commands/init.ts';
import { capture } from './capture.ts';

const temp = (): string => mkdtempSync(join(tmpdir(), 'plas-init-'));

describe('plas init', () => {
  it('scaffolds a project whose experiment compiles, in default and quick profiles', async () => {
    const dir = join(temp(), 'My Study');
    const r = await capture(init, [dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/created a Plas project in .*My Study: \.gitignore, README\.md, package\.json, presets\/common\.plas, warm-start\.plas/);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; dependencies: Record<string, string> };
    expect(pkg.name).toBe('my-study');
    expect(pkg.dependencies['@plas/cli']).toMatch(/^\^\d+\.\d+\.\d+/);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toMatch(/^\.plas\/$/m);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toMatch(/^# my-study$/m);
    for (const quick of [false, true]) {
      const compiled = compileFile(join(dir, 'warm-start.plas'), { quick });
      expect(compiled.diagnostics).toEqual([]);
      expect(compiled.ir?.expect.length).toBeGreaterThan(0);
    }
  });

  it('refuses to overwrite, names the clashing files and writes nothing', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'README.md'), 'mine');
    const r = await capture(init, [dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/already has README\.md; nothing was written/);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe('mine');
    expect(existsSync(join(dir, 'package.json'))).toBe(false);
    expect(existsSync(join(dir, 'warm-start.plas'))).toBe(false);
  });

  it('refuses a target that is a file', async () => {
    const file = join(temp(), 'f');
    writeFileSync(file, '');
    const r = await capture(init, [file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/exists and is not a folder/);
  });

  it('says so when the folder cannot be written', async () => {
    if (process.getuid?.() === 0) {
      // root writes anywhere; a path under a file cannot be created by anyone
      const parent = join(temp(), 'plain-file');
      writeFileSync(parent, '');
      const r = await capture(init, [join(parent, 'sub')]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/plas init: .*plain-file\/sub/);
      return;
    }
    const dir = temp();
    mkdirSync(join(dir, 'ro'), { mode: 0o500 });
    const r = await capture(init, [join(dir, 'ro')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot write into/);
  });
});
