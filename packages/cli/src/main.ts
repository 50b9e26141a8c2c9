/** Sub-command dispatch. Each command module exports `run(argv): Promise<number>` (the exit code). */
import { createRequire } from 'node:module';
import { closestName } from '@plas/dsl';
export type Command = (argv: string[]) => Promise<number>;

const commands: Record<string, { summary: string; load: () => Promise<{ run: Command }> }> = {
  init: { summary: 'start a research project: package.json, an example .plas file, README', load: () => import('./commands/init.ts') },
  check: { summary: 'validate .plas files', load: () => import('./commands/check.ts') },
  plan: { summary: 'show the cells and training budget of an experiment', load: () => import('./commands/plan.ts') },
  fmt: { summary: 'format a .plas file canonically', load: () => import('./commands/fmt.ts') },
  run: { summary: 'run an experiment (resumable) and write its report', load: () => import('./commands/run.ts') },
  report: { summary: 'write reports from a run store', load: () => import('./commands/report.ts') },
  status: { summary: 'show which cells of a run store are done, claimed, stale, corrupt or missing', load: () => import('./commands/status.ts') },
  submit: { summary: 'run an experiment as a Slurm job array, then write its report', load: () => import('./commands/submit.ts') },
  lsp: { summary: 'the language server for editors (--stdio): diagnostics, completion, hover, formatting', load: () => import('./commands/lsp.ts') },
};

export function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`);
  return `usage: plas <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nplas <command> --help for a command's options; plas --version for the version.\n`;
}

/** This package's version (src/ and dist/ both sit one folder below package.json). */
export function version(): string {
  return (createRequire(import.meta.url)('../package.json') as { version: string }).version;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name === undefined ? 1 : 0;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    process.stdout.write(`plas ${version()} (node ${process.versions.node})\n`);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    const best = closestName(name, Object.keys(commands));
    const hint = best === null ? '' : `: did you mean 'plas ${best}'?`;
    process.stderr.write(`plas: unknown command '${name}'${hint}\n\n${usage()}`);
    return 1;
  }
  const mod = await command.load();
  return mod.run(rest);
}
