/** `plas fmt`: print, --check, --write. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run as command } from '../src/commands/fmt.ts';
import { capture as captureWith } from './capture.ts';

const capture = (argv: string[]) => captureWith(command, argv);

const dir = mkdtempSync(join(tmpdir(), 'plas-fmt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const messy = 'experiment x{data mnist model mlp  optimizer adam(lr:1e-3) // keep\nstream{phase a:train on all for 1 epoch} arm a}\n';
const tidy = 'experiment x {\n  data mnist\n  model mlp\n  optimizer adam(lr: 1e-3)  // keep\n  stream {\n    phase a: train on all for 1 epoch\n  }\n  arm a\n}\n';

describe('plas fmt', () => {
  it('prints the formatted file', async () => {
    const f = join(dir, 'a.plas');
    writeFileSync(f, messy);
    const r = await capture([f]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(tidy);
    expect(readFileSync(f, 'utf8')).toBe(messy);
  });

  it('--check fails on an unformatted file and passes on a formatted one', async () => {
    const f = join(dir, 'b.plas');
    writeFileSync(f, messy);
    expect((await capture([f, '--check'])).code).toBe(1);
    writeFileSync(f, tidy);
    expect((await capture([f, '--check'])).code).toBe(0);
  });

  it('--write rewrites in place', async () => {
    const f = join(dir, 'c.plas');
    writeFileSync(f, messy);
    expect((await capture([f, '--write'])).code).toBe(0);
    expect(readFileSync(f, 'utf8')).toBe(tidy);
  });

  it('reports syntax errors and missing files', async () => {
    const f = join(dir, 'd.plas');
    writeFileSync(f, 'experiment x {');
    const r = await capture([f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[syntax]');
    expect((await capture([join(dir, 'none.plas')])).code).toBe(1);
    expect((await capture(['--help'])).stdout).toContain('usage: plas fmt');
  });
});
