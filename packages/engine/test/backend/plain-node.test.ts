import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const engineDir = fileURLToPath(new URL('../..', import.meta.url));

describe('the compiled engine under plain Node (as an installed CLI runs it)', () => {
  it('registers tfjs gradients from the bundled module, with no loader hook, and gets gradients on wasm', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plas-gradients-'));
    try {
      const bundle = join(dir, 'gradients.js');
      execFileSync(process.execPath, ['scripts/bundle-gradients.mjs', '--outfile', bundle], { cwd: engineDir, encoding: 'utf8' });
      const script = fileURLToPath(new URL('./fixtures/plain-node-gradients.mjs', import.meta.url));
      const env = { ...process.env };
      delete env['VITEST'];
      delete env['NODE_OPTIONS'];
      const out = execFileSync(process.execPath, [script, pathToFileURL(bundle).href], { cwd: engineDir, env, encoding: 'utf8', timeout: 120_000 });
      const { backend, norms } = JSON.parse(out.trim().split('\n').pop()!) as { backend: string; norms: number[] };
      expect(backend).toBe('wasm');
      expect(norms).toHaveLength(3);
      expect(norms.every((n) => Number.isFinite(n) && n > 0)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
