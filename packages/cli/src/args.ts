/**
 * The argument handling every sub-command shares: node:util's parseArgs, `-h/--help`, and a usage error that
 * names the command and shows its help. A command gets its parsed options, or the exit code to return at once.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closestName } from '@plas/dsl';

type Options = NonNullable<ParseArgsConfig['options']>;

export type ParsedArgs<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true }>>;

export function parseCommandArgs<const O extends Options>(
  command: string,
  argv: string[],
  options: O,
  help: string,
): ParsedArgs<O> | number {
  let parsed: ParsedArgs<O>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true });
  } catch (error) {
    return usageError(command, withSuggestion((error as Error).message, options), help);
  }
  if ((parsed.values as { help?: boolean }).help === true) {
    process.stdout.write(help);
    return 0;
  }
  return parsed;
}

/** Print `plas <command>: <message>` and the help to stderr; the exit code of a usage error. */
export function usageError(command: string, message: string, help: string): number {
  process.stderr.write(`plas ${command}: ${message}\n\n${help}`);
  return 1;
}

export const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

/** node:util's "Unknown option '--wokers'" plus a did-you-mean from the command's own options. */
function withSuggestion(message: string, options: Options): string {
  const unknown = /Unknown option '(-{1,2})([^']+)'/.exec(message);
  if (!unknown) return message;
  const best = closestName(unknown[2] as string, Object.keys(options));
  return best === null ? message : `${message}: did you mean '--${best}'?`;
}
