/** The batch scripts plas submit writes: the shard line, quoting of odd paths, the version and hash guards. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { arrayScript, reportScript, shellQuote, type SlurmJob } from '../src/cluster/slurm-scripts.ts';

const job: SlurmJob = {
  name: 'gap',
  hash: 'ab'.repeat(32),
  quick: true,
  file: "/shared/my study/it's.plas",
  store: '/shared/my study/.plas',
  out: '/shared/reports',
  cwd: '/shared/my study',
  logs: '/shared/my study/.plas/slurm/gap/logs',
  node: '/usr/bin/node',
  plas: '/shared/node_modules/@plas/cli/dist/bin.js',
  version: 'plas 0.1.0 (node 20.20.2)',
  shards: 4,
  cpusPerTask: 2,
  time: '1:00:00',
  extra: ['--account=lab'],
  backend: 'auto',
  force: false,
};

describe('slurm scripts', () => {
  it('quotes words for bash so that any path survives', () => {
    expect(shellQuote('/a/b.plas')).toBe('/a/b.plas');
    const odd = "it's a $HOME `x`";
    const out = spawnSync('bash', ['-c', `printf %s ${shellQuote(odd)}`], { encoding: 'utf8' }).stdout;
    expect(out).toBe(odd);
  });

  it('runs shard $SLURM_ARRAY_TASK_ID of N with the same Plas, the same experiment and one worker per core', () => {
    const script = arrayScript(job);
    expect(script).toContain('#SBATCH --array=1-4');
    expect(script).toContain('#SBATCH --cpus-per-task=2');
    expect(script).toContain('#SBATCH --time=1:00:00');
    expect(script).toContain('#SBATCH --account=lab');
    expect(script).toContain('#SBATCH --chdir="/shared/my study"');
    expect(script).toContain(`--shard "$SLURM_ARRAY_TASK_ID/4" --workers "\${SLURM_CPUS_PER_TASK:-1}"`);
    expect(script).toContain(`--expect-hash ${'ab'.repeat(8)}`);
    expect(script).toContain('--quick');
    expect(reportScript(job)).toContain(`report --store '/shared/my study/.plas' --out /shared/reports --experiment ${'ab'.repeat(8)}`);
    expect(spawnSync('bash', ['-n'], { input: script }).status).toBe(0); // valid bash
  });

  it('stops, saying why, where the node runs another Plas', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plas-sbatch-'));
    const fake = join(dir, 'plas.js');
    writeFileSync(fake, "console.log('plas 9.9.9 (node 1)')\n");
    const script = arrayScript({ ...job, node: process.execPath, plas: fake });
    const result = spawnSync('bash', ['-c', script], { encoding: 'utf8', env: { ...process.env, SLURM_ARRAY_TASK_ID: '1' } });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("this node runs 'plas 9.9.9 (node 1)', not 'plas 0.1.0 (node 20.20.2)'");
  });
});
