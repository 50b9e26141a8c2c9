/** Sub-command dispatch. Each command module exports `run(argv): Promise<number>` (the exit code). */
export type Command = (argv: string[]) => Promise<number>;

const commands: Record<string, { summary: string; load: () => Promise<{ run: Command }> }> = {
  check: { summary: 'validate .plas files', load: () => import('./commands/check.ts') },
  plan: { summary: 'show the cells and training budget of an experiment', load: () => import('./commands/plan.ts') },
  fmt: { summary: 'format a .plas file canonically', load: () => import('./commands/fmt.ts') },
  run: { summary: 'run an experiment (resumable) and write its report', load: () => import('./commands/run.ts') },
  report: { summary: 'write reports from a run store', load: () => import('./commands/report.ts') },
};

export function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`);
  return `usage: plas <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nplas <command> --help for a command's options.\n`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name === undefined ? 1 : 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`plas: unknown command '${name}'\n\n${usage()}`);
    return 1;
  }
  const mod = await command.load();
  return mod.run(rest);
}
