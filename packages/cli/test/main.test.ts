import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { main } from '../src/main.ts';
import { run as runCommand } from '../src/commands/run.ts';
import { capture } from './capture.ts';

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe('plas (the dispatcher)', () => {
  it('prints its version with --version, -V and version', async () => {
    for (const flag of ['--version', '-V', 'version']) {
      const r = await capture(main, [flag]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`plas ${version} (node ${process.versions.node})\n`);
    }
  });

  it('suggests the closest command for a misspelt one', async () => {
    const r = await capture(main, ['rnu', 'x.plas']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^plas: unknown command 'rnu': did you mean 'plas run'\?/);
  });

  it('lists the commands, without a guess, for a word that is nothing like one', async () => {
    const r = await capture(main, ['xyzzyplugh']);
    expect(r.stderr).toMatch(/^plas: unknown command 'xyzzyplugh'\n\nusage: plas <command>/);
  });

  it('suggests the closest option for a misspelt flag', async () => {
    const r = await capture(runCommand, ['x.plas', '--wokers', '2']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Unknown option '--wokers'.*did you mean '--workers'\?/);
  });

  it('refuses a --fail-on value it does not know, naming the allowed ones', async () => {
    const r = await capture(runCommand, ['x.plas', '--fail-on', 'sometimes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--fail-on takes 'failed' or 'inconclusive', got 'sometimes'/);
  });
});
