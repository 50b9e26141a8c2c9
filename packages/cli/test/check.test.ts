/** `plas check`: exit codes, rendered diagnostics, --json. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run as command } from '../src/commands/check.ts';
import { capture as captureWith } from './capture.ts';

const capture = (argv: string[]) => captureWith(command, argv);

const root = join(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'plas-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bad = join(dir, 'bad.plas');
writeFileSync(
  bad,
  'experiment x {\n  data mnist\n  model mlp\n  optimizer adam(lr: 1e-3)\n  stream { phase a: train on all for 1 epoch }\n  arm snp: at a: shrink_perturbb(shrink: 0.4, perturb: 0.1)\n}\n',
);

describe('plas check', () => {
  it('accepts the examples', async () => {
    const r = await capture([join(root, 'examples/warm-start.plas'), join(root, 'examples/permuted-mnist.plas'), join(root, 'examples/presets/common.plas')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('experiment warm_start_gap');
    expect(r.stdout).toContain('(definitions)');
  });

  it('renders diagnostics to stderr and exits 1', async () => {
    const r = await capture([bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${bad}:6:18: error[unknown-name]: unknown intervention \`shrink_perturbb\``);
    expect(r.stderr).toContain('^^^^^^^^^^^^^^^');
    expect(r.stderr).toContain('help: did you mean `shrink_perturb`?');
  });

  it('--json prints machine-readable diagnostics', async () => {
    const r = await capture(['--json', bad, join(root, 'examples/warm-start.plas')]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as { file: string; valid: boolean; diagnostics: { line: number; column: number; code: string }[] }[];
    expect(json.map((f) => f.valid)).toEqual([false, true]);
    expect(json[0]!.diagnostics[0]).toMatchObject({ line: 6, column: 18, code: 'unknown-name' });
  });

  it('usage errors and --help', async () => {
    expect((await capture([])).code).toBe(1);
    const h = await capture(['--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('usage: plas check');
    expect((await capture(['--nope'])).code).toBe(1);
  });

  it('a missing file is a diagnostic', async () => {
    const r = await capture([join(dir, 'none.plas')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('import-missing');
  });

  it('runs through the plas binary from source (node --import tsx)', () => {
    const r = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', 'packages/cli/src/bin.ts', 'check', 'examples/warm-start.plas', 'examples/permuted-mnist.plas'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('ok examples/permuted-mnist.plas');
    const bad = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', 'packages/cli/src/bin.ts', 'check', 'packages/dsl/test/invalid/unknown-intervention.plas'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('packages/dsl/test/invalid/unknown-intervention.plas:13:22: error[unknown-name]');
  });
});
