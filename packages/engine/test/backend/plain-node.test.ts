import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

describe('under plain Node (as the CLI runs it)', () => {
  it('loads the gradient registry and trains a CNN on wasm', () => {
    const script = fileURLToPath(new URL('./fixtures/plain-node-gradients.ts', import.meta.url));
    const env = { ...process.env };
    delete env['VITEST'];
    const out = execFileSync(process.execPath, ['--import', 'tsx', script], { env, encoding: 'utf8', timeout: 120_000 });
    const { backend, norms } = JSON.parse(out.trim().split('\n').pop()!) as { backend: string; norms: number[] };
    expect(backend).toBe('wasm');
    expect(norms).toHaveLength(10);
    expect(norms.every((n) => Number.isFinite(n))).toBe(true);
    expect(norms.filter((n) => n > 0).length).toBeGreaterThanOrEqual(9);
  });
});
