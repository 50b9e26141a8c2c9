/**
 * `plas submit --slurm` against a real Slurm (slurmctld + slurmd + munged started here, in a temporary folder):
 * a 3-shard job array and its dependent report job fill a store that equals a local `plas run` bit for bit apart
 * from timings, and write the same report; a person is told the job ids, the logs and a working progress command.
 * Skips, saying why, where Slurm is not installed or this is not root.
 * Also, without Slurm: a machine without sbatch gets the scripts and the way to submit them elsewhere.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, cellFiles, fixture, plas, plasWithEnv, sleep, tempDir } from './helpers.ts';
import { queued, slurmUnavailable, startSlurm, type SlurmCluster } from './slurm-cluster.ts';

/** A cell record without what legitimately differs between two runs: timings, and the checksum that covers them. */
function withoutTimings(text: string): unknown {
  const { timing: _t, checksum: _c, ...rest } = JSON.parse(text) as Record<string, unknown>;
  return rest;
}

/** report.md with durations and dates masked (they are the only lines that may differ between two runs). */
function maskTimes(markdown: string): string {
  return markdown.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'DATE').replace(/\b\d+(\.\d+)? (s|min|h)\b/g, 'TIME');
}

const TIMED_FILES = new Set(['cells.csv', 'cells.json', 'summary.json', 'report.md', 'report.html']);

describe('plas submit --slurm without sbatch', () => {
  it('says so, writes the scripts and prints the one to submit elsewhere', async () => {
    const store = join(tempDir('nosbatch'), 'store');
    const result = await plasWithEnv(['submit', fixture('tiny-warm-start.plas'), '--slurm', '--shards', '2', '--store', store], { ...process.env, PATH: '/nonexistent' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('sbatch is not on PATH');
    expect(result.stderr).toContain('#SBATCH --array=1-2');
    expect(result.stderr).toMatch(/sbatch --dependency=afterany:\$id \S+report\.sbatch/);
    const dir = join(store, 'slurm', readdirSync(join(store, 'slurm'))[0] as string);
    expect(readFileSync(join(dir, 'shards.sbatch'), 'utf8')).toContain('--shard "$SLURM_ARRAY_TASK_ID/2"');
    expect(existsSync(join(dir, 'report.sbatch'))).toBe(true);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('--dry-run prints both scripts and submits nothing', async () => {
    const store = join(tempDir('dryrun'), 'store');
    const result = await plasWithEnv(['submit', fixture('tiny-warm-start.plas'), '--slurm', '--shards', '50', '--partition', 'short', '--time', '0:10:00', '--mem', '2G', '--cpus-per-task', '2', '--dry-run', '--store', store], {
      ...process.env,
      PATH: '/nonexistent',
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('note: --shards 50 lowered to 9');
    for (const line of ['#SBATCH --array=1-9', '#SBATCH --partition=short', '#SBATCH --time=0:10:00', '#SBATCH --mem=2G', '#SBATCH --cpus-per-task=2', 'report --store']) expect(result.stdout).toContain(line);
    expect(existsSync(store)).toBe(false);
  });

  it('refuses values that cannot go into an #SBATCH line, and a missing --slurm', async () => {
    const bad = await plas(['submit', fixture('tiny-warm-start.plas'), '--slurm', '--partition', 'a b', '--dry-run']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--partition 'a b' must be one word");
    const noSlurm = await plas(['submit', fixture('tiny-warm-start.plas'), '--dry-run']);
    expect(noSlurm.code).toBe(1);
    expect(noSlurm.stderr).toContain('--slurm');
  });
});

const unavailable = slurmUnavailable();
if (unavailable !== null) console.log(`test/slurm.test.ts: skipping the real-Slurm test: ${unavailable}`);

describe.skipIf(unavailable !== null)('plas submit --slurm on a real single-node Slurm', () => {
  let cluster: SlurmCluster | null = null;
  let jobs: string[] = [];

  beforeAll(async () => {
    cluster = await startSlurm();
  }, 120_000);

  afterAll(async () => {
    // A test that failed mid-way leaves no job behind to outlive the daemons.
    if (cluster && jobs.length > 0 && queued(cluster.env, jobs) !== '') spawnSync('scancel', jobs, { env: cluster.env });
    await cluster?.stop();
  }, 60_000);

  // The acceptance run: examples/warm-start.plas --quick in 3 shards gives the report of a local run.
  it('runs 3 shards as a job array and the report after it; store and report equal a local run', async () => {
    const env = cluster!.env;
    const work = tempDir('slurm');
    const store = join(work, 'store');
    const out = join(work, 'reports');
    const file = join(ROOT, 'examples', 'warm-start.plas');

    const submitted = await plasWithEnv(['submit', file, '--quick', '--slurm', '--shards', '3', '--store', store, '--out', out, '--json'], env);
    expect(submitted.stderr).toBe('');
    expect(submitted.code).toBe(0);
    const doc = JSON.parse(submitted.stdout) as { jobs: { array: string; report: string }; logs: string; shards: number };
    expect(doc.shards).toBe(3);
    jobs = [doc.jobs.array, doc.jobs.report];
    expect(jobs.every((id) => /^\d+$/.test(id))).toBe(true);

    const deadline = Date.now() + 240_000;
    while (queued(env, jobs) !== '' && Date.now() < deadline) await sleep(1000);
    expect(queued(env, jobs)).toBe('');

    // Each array task ran its own shard; together they computed every cell exactly once.
    const logs = readdirSync(doc.logs).sort();
    const shardLogs = logs.filter((name) => name.startsWith('shard-'));
    expect(shardLogs).toHaveLength(3);
    let completed = 0;
    for (let k = 1; k <= 3; k++) {
      const text = readFileSync(join(doc.logs, shardLogs.find((n) => n.startsWith(`shard-${k}-`)) as string), 'utf8');
      expect(text).toContain(`shard ${k}/3`);
      const summary = /(\d+) cells in shard \d\/3: (\d+) cached[^,]*, (\d+) completed/.exec(text);
      expect(summary, text).not.toBeNull();
      completed += Number(summary![3]);
    }
    expect(completed).toBe(6);
    expect(readdirSync(join(store, 'claims'))).toEqual([]); // every claim released

    // The report job ran after the array and wrote the report.
    const reportLog = readFileSync(join(doc.logs, logs.find((n) => n.startsWith('report-')) as string), 'utf8');
    expect(reportLog).toContain('report:');
    const reportDir = join(out, 'warm_start_gap');
    expect(existsSync(join(reportDir, 'report.md'))).toBe(true);

    // A local run of the same file: the same records apart from timings, the same report apart from times.
    const localStore = join(work, 'local-store');
    const localOut = join(work, 'local-reports');
    const local = await plas(['run', file, '--quick', '--store', localStore, '--out', localOut, '--workers', '2']);
    expect(local.code).toBe(0);
    const slurmCells = cellFiles(store);
    const localCells = cellFiles(localStore);
    expect([...slurmCells.keys()]).toEqual([...localCells.keys()]);
    for (const [hash, text] of slurmCells) expect(withoutTimings(text), hash).toEqual(withoutTimings(localCells.get(hash) as string));

    const localReport = join(localOut, 'warm_start_gap');
    expect(readdirSync(reportDir).sort()).toEqual(readdirSync(localReport).sort());
    for (const name of readdirSync(reportDir)) {
      if (TIMED_FILES.has(name)) continue;
      expect(readFileSync(join(reportDir, name), 'utf8'), name).toBe(readFileSync(join(localReport, name), 'utf8'));
    }
    expect(maskTimes(readFileSync(join(reportDir, 'report.md'), 'utf8'))).toBe(maskTimes(readFileSync(join(localReport, 'report.md'), 'utf8')));
  }, 300_000);

  it('tells a person what it submitted, and its progress line is a command that works', async () => {
    const env = cluster!.env;
    const store = join(tempDir('slurm-human'), 'store');
    const file = fixture('tiny-warm-start.plas');
    const submitted = await plasWithEnv(['submit', file, '--slurm', '--shards', '2', '--store', store], env);
    expect(submitted.stderr).toBe('');
    expect(submitted.code).toBe(0);
    const lines = submitted.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^submitted tiny_warm_start \(default profile, [0-9a-f]{12}\): 9 cells in 2 shards$/);
    const array = /^ {2}job array (\d+) \(tasks 1-2\): (\S+shards\.sbatch)$/.exec(lines[1] ?? '');
    const report = /^ {2}report job (\d+) \(after the array ends\): writes the report under \S+$/.exec(lines[2] ?? '');
    expect(array, submitted.stdout).not.toBeNull();
    expect(report, submitted.stdout).not.toBeNull();
    jobs = [array![1]!, report![1]!];
    expect(existsSync(array![2]!)).toBe(true);
    const logs = /^ {2}logs: (\S+)$/.exec(lines[3] ?? '');
    expect(logs && existsSync(logs[1]!), submitted.stdout).toBe(true);

    // The progress line, run as printed, reports on the submitted experiment.
    const progress = /^ {2}progress: plas (status .+)$/.exec(lines[4] ?? '');
    expect(progress, submitted.stdout).not.toBeNull();
    const status = await plasWithEnv(progress![1]!.split(' '), env);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/^tiny_warm_start \(default profile, [0-9a-f]{12}\): 9 cells/);

    spawnSync('scancel', jobs, { env });
    const deadline = Date.now() + 60_000;
    while (queued(env, jobs) !== '' && Date.now() < deadline) await sleep(500);
    expect(queued(env, jobs)).toBe('');
  }, 120_000);
});
