/** `plas run` refuses bad options before compiling or training anything, with a message that says what to fix. */
import { describe, expect, it } from 'vitest';
import { run as command } from '../src/commands/run.ts';
import { main } from '../src/main.ts';
import { capture } from './capture.ts';

const run = (argv: string[]) => capture(command, argv);

describe('plas run options', () => {
  it('prints its help with --help and exits 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('usage: plas run <file.plas>');
    expect(r.stdout).toContain('--workers N');
  });

  it('wants exactly one file', async () => {
    const r = await run([]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('plas run: expected one .plas file, got 0');
  });

  it('names an unknown option', async () => {
    const r = await run(['x.plas', '--wrokers', '2']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/plas run: Unknown option '--wrokers'/);
  });

  it('rejects an unknown backend and a worker count below one', async () => {
    expect((await run(['x.plas', '--backend', 'gpu'])).stderr).toContain("unknown backend 'gpu' (expected auto, node, wasm or cpu)");
    expect((await run(['x.plas', '--workers', '0'])).stderr).toContain("--workers must be a whole number ≥ 1, got '0'");
  });

  it('reports a missing file as a diagnostic, not a stack trace', async () => {
    const r = await run(['does-not-exist.plas']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('does-not-exist.plas');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('plas', () => {
  it('lists its commands and rejects an unknown one', async () => {
    const r = await capture(main, ['rnu']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("plas: unknown command 'rnu'");
    expect(r.stderr).toContain('run      run an experiment');
  });
});
