/**
 * `plas init [dir]`: scaffold a research project outside the Plas repository: a package.json that depends on
 * @plas/cli, an example experiment and its preset, a .gitignore for the run store and reports, and a README with
 * the commands. It never overwrites: a file that exists already stops it before anything is written.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HELP_OPTION, parseCommandArgs, usageError } from '../args.ts';
import { version } from '../main.ts';

const HELP = `usage: plas init [dir] [options]

Creates a Plas research project in DIR (default: the current folder):
  package.json               depends on @plas/cli, with "run", "quick" and "report" scripts
  warm-start.plas            an example experiment (the warm-start gap of Berariu et al.)
  presets/common.plas        shared model, optimiser and metric definitions it imports
  .gitignore                 the run store (.plas/) and reports/
  README.md                  the commands to run
Existing files are never overwritten: init stops and names them.

options:
  --name NAME   the package name (default: the folder's name)
  -h, --help    show this help
`;

/** Template files shipped with the CLI (templates/project), by their name in the new project. */
const TEMPLATE_DIR = fileURLToPath(new URL('../../templates/project/', import.meta.url));
const RENAMED: Record<string, string> = { gitignore: '.gitignore' };

function templateFiles(dir = TEMPLATE_DIR, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? templateFiles(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

/** npm's rules for a package name, simplified: lower case, URL-safe characters, no leading dot or underscore. */
function packageName(raw: string): string {
  const name = raw.toLowerCase().replace(/[^a-z0-9._~-]+/g, '-').replace(/^[._-]+/, '').replace(/-+$/, '');
  return name || 'plas-study';
}

function packageJson(name: string): string {
  const pkg = {
    name,
    version: '0.1.0',
    private: true,
    type: 'module',
    description: 'A plasticity study run with Plas',
    scripts: {
      check: 'plas check *.plas',
      quick: 'plas run warm-start.plas --quick',
      run: 'plas run warm-start.plas',
      report: 'plas report',
    },
    dependencies: { '@plas/cli': `^${version()}` },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

export async function run(argv: string[]): Promise<number> {
  const args = parseCommandArgs('init', argv, { name: { type: 'string' }, ...HELP_OPTION }, HELP);
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  if (positionals.length > 1) return usageError('init', `expected at most one folder, got ${positionals.length}`, HELP);
  const target = resolve(positionals[0] ?? '.');
  if (existsSync(target) && !statSync(target).isDirectory()) {
    process.stderr.write(`plas init: ${target} exists and is not a folder; name a new or existing folder\n`);
    return 1;
  }
  const name = packageName(values.name ?? basename(target));

  const files = new Map<string, string>([['package.json', packageJson(name)]]);
  for (const file of templateFiles()) {
    const text = readFileSync(join(TEMPLATE_DIR, file), 'utf8').replaceAll('{{name}}', name);
    files.set(RENAMED[file] ?? file, text);
  }
  const clashes = [...files.keys()].filter((file) => existsSync(join(target, file)));
  if (clashes.length > 0) {
    process.stderr.write(
      `plas init: ${target} already has ${clashes.join(', ')}; nothing was written (init never overwrites: choose an empty folder, or move those files)\n`,
    );
    return 1;
  }
  try {
    for (const [file, text] of files) {
      mkdirSync(join(target, file, '..'), { recursive: true });
      writeFileSync(join(target, file), text, { flag: 'wx' });
    }
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    process.stderr.write(`plas init: cannot write into ${target} (${e.code ?? e.message}); check that the folder is writable\n`);
    return 1;
  }
  const where = relative(process.cwd(), target) || '.';
  process.stdout.write(
    [
      `created a Plas project in ${where}: ${[...files.keys()].sort().join(', ')}`,
      '',
      'next:',
      ...(where === '.' ? [] : [`  cd ${where}`]),
      '  npm install',
      '  npx plas run warm-start.plas --quick    # a smoke test, seconds',
      '  npx plas run warm-start.plas            # the experiment',
      '',
    ].join('\n'),
  );
  return 0;
}
