/**
 * A real single-node Slurm cluster for the end-to-end test (Debian's slurm-wlm and munge), with every file in a
 * temporary folder: munged on its own socket and key, slurmctld and slurmd on free ports, SLURM_CONF pointing at
 * the folder's slurm.conf. Runs as root (SlurmUser=root; munged as the munge user). `stop` ends exactly the
 * daemons it started, by the pids they wrote.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { processAlive, sleep } from './helpers.ts';

export interface SlurmCluster {
  dir: string;
  /** The environment a Slurm client needs: SLURM_CONF. */
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

const DAEMONS = ['/usr/sbin/munged', '/usr/sbin/slurmctld', '/usr/sbin/slurmd'];
const CLIENTS = ['sbatch', 'squeue', 'sinfo', 'scancel', 'runuser'];

/** Why this machine cannot run the cluster (then the test skips and prints it), or null. */
export function slurmUnavailable(): string | null {
  if (process.platform !== 'linux') return 'Slurm runs on Linux only';
  if (process.getuid?.() !== 0) return 'the single-node Slurm cluster runs as root (SlurmUser=root), and this test is not root';
  const absent = DAEMONS.filter((path) => !existsSync(path));
  if (absent.length > 0) return `${absent.join(', ')} not installed (apt-get install slurm-wlm munge)`;
  const noClient = CLIENTS.filter((name) => spawnSync('sh', ['-c', `command -v ${name}`]).status !== 0);
  if (noClient.length > 0) return `${noClient.join(', ')} not on PATH`;
  if (spawnSync('id', ['-u', 'munge']).status !== 0) return 'there is no munge user (the munge package creates it)';
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(what: string, ok: () => boolean, ms: number, log: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms / 1000} s\n${log()}`);
    await sleep(200);
  }
}

const readPid = (path: string): number | null => {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
};

export async function startSlurm(): Promise<SlurmCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'plas-slurm-'));
  chmodSync(dir, 0o755); // munged (user munge) must reach its socket folder
  const munge = { uid: Number(execFileSync('id', ['-u', 'munge'], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', 'munge'], { encoding: 'utf8' })) };
  const keyDir = join(dir, 'munge-key');
  const sockDir = join(dir, 'munge-run');
  for (const [path, mode] of [[keyDir, 0o700], [sockDir, 0o755]] as const) {
    mkdirSync(path);
    chownSync(path, munge.uid, munge.gid);
    chmodSync(path, mode);
  }
  const key = join(keyDir, 'munge.key');
  writeFileSync(key, randomBytes(1024), { mode: 0o400 });
  chownSync(key, munge.uid, munge.gid);
  for (const sub of ['state', 'spool', 'log', 'run']) mkdirSync(join(dir, sub));

  const socket = join(sockDir, 'munge.sock');
  const pids = { munged: join(sockDir, 'munged.pid'), slurmctld: join(dir, 'run', 'slurmctld.pid'), slurmd: join(dir, 'run', 'slurmd.pid') };
  const node = hostname().split('.')[0] as string;
  const [ctldPort, dPort] = [await freePort(), await freePort()];
  const conf = join(dir, 'slurm.conf');
  writeFileSync(
    conf,
    [
      'ClusterName=plastest',
      `SlurmctldHost=${node}`,
      `SlurmctldPort=${ctldPort}`,
      `SlurmdPort=${dPort}`,
      'AuthType=auth/munge',
      'CredType=cred/munge',
      `AuthInfo=socket=${socket}`,
      'ProctrackType=proctrack/linuxproc',
      'TaskPlugin=task/none',
      'JobAcctGatherType=jobacct_gather/none',
      'SelectType=select/cons_tres',
      'SelectTypeParameters=CR_Core',
      'SlurmUser=root',
      'SlurmdUser=root',
      'ReturnToService=2',
      'MpiDefault=none',
      'SchedulerType=sched/backfill',
      `SlurmctldPidFile=${pids.slurmctld}`,
      `SlurmdPidFile=${pids.slurmd}`,
      `SlurmctldLogFile=${join(dir, 'log', 'slurmctld.log')}`,
      `SlurmdLogFile=${join(dir, 'log', 'slurmd.log')}`,
      `StateSaveLocation=${join(dir, 'state')}`,
      `SlurmdSpoolDir=${join(dir, 'spool')}`,
      `NodeName=${node} CPUs=2 RealMemory=20000 State=UNKNOWN`,
      'PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP',
      '',
    ].join('\n'),
  );
  const env = { ...process.env, SLURM_CONF: conf };
  const logs = () =>
    ['slurmctld.log', 'slurmd.log'].map((name) => {
      const path = join(dir, 'log', name);
      return existsSync(path) ? `--- ${name}\n${readFileSync(path, 'utf8').split('\n').slice(-15).join('\n')}` : `--- ${name}: none`;
    }).join('\n');

  const started: string[] = [];
  const stop = async (): Promise<void> => {
    // slurmd first (it ends its job steps), then the controller, then munged: each by the pid it wrote.
    for (const name of ['slurmd', 'slurmctld', 'munged'] as const) {
      if (!started.includes(name)) continue;
      const pid = readPid(pids[name]);
      if (pid === null) continue;
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        continue;
      }
      const deadline = Date.now() + 10_000;
      while (processAlive(pid) && Date.now() < deadline) await sleep(100);
      if (processAlive(pid)) process.kill(pid, 'SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    // Each daemon forks into the background and writes its pid file.
    const run = (name: keyof typeof pids, command: string, args: string[]) => {
      const result = spawnSync(command, args, { env, encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`${name} did not start (${result.error?.message ?? `exit ${result.status}`}): ${result.stderr}`);
      started.push(name);
    };
    run('munged', 'runuser', ['-u', 'munge', '--', '/usr/sbin/munged', `--socket=${socket}`, `--key-file=${key}`, `--pid-file=${pids.munged}`, `--log-file=${join(keyDir, 'munged.log')}`, `--seed-file=${join(keyDir, 'munged.seed')}`]);
    await waitFor('munged writing its pid file', () => readPid(pids.munged) !== null, 10_000, logs);
    run('slurmctld', '/usr/sbin/slurmctld', []);
    run('slurmd', '/usr/sbin/slurmd', []);
    await waitFor('the node becoming idle', () => spawnSync('sinfo', ['-h', '-o', '%T'], { env, encoding: 'utf8' }).stdout.trim() === 'idle', 60_000, logs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { dir, env, stop };
}

/** The state of jobs by id (squeue), empty once they have all left the queue. */
export function queued(env: NodeJS.ProcessEnv, ids: string[]): string {
  return spawnSync('squeue', ['-h', '-j', ids.join(','), '-o', '%i %T'], { env, encoding: 'utf8' }).stdout.trim();
}
