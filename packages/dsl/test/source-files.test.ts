/** Only regular, reasonably sized files are read as `.plas` sources: a FIFO, a device or a folder is refused before it is opened. */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileFile } from '../src/index.ts';

const temp = (): string => mkdtempSync(join(tmpdir(), 'plas-src-'));

function importing(dir: string, target: string): string {
  const main = join(dir, 'main.plas');
  writeFileSync(main, `import "${target}"\n`);
  return main;
}

describe('imports and files that are not regular files', () => {
  it('refuses an import of a FIFO with no writer at once, instead of blocking', () => {
    const dir = temp();
    execFileSync('mkfifo', [join(dir, 'pipe.plas')]);
    const started = Date.now();
    const r = compileFile(importing(dir, 'pipe.plas'), { allowLibrary: true });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([
      expect.stringMatching(/^1:1 import-missing cannot read imported file `pipe\.plas` .*: it is not a regular file \(a FIFO, socket or device\)/),
    ]);
  });

  it('refuses /dev/zero, which would never end', () => {
    const r = compileFile(importing(temp(), '/dev/zero'), { allowLibrary: true });
    expect(r.diagnostics[0]?.message).toMatch(/`\/dev\/zero`.*it is not a regular file/);
  });

  it('refuses a folder, and a file over the size limit, and names the reason', () => {
    const dir = temp();
    mkdirSync(join(dir, 'folder.plas'));
    expect(compileFile(importing(dir, 'folder.plas'), { allowLibrary: true }).diagnostics[0]?.message).toMatch(/it is a folder, not a file/);
    const big = join(dir, 'big.plas');
    writeFileSync(big, '');
    truncateSync(big, 9_000_000);
    expect(compileFile(big).diagnostics[0]?.message).toMatch(/cannot read `.*big\.plas`: it has 9\.0 MB; the limit is 8 MB/);
  });
});
