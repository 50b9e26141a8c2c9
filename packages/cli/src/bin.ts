#!/usr/bin/env node
/** The `plas` command: dispatches to one module per sub-command (packages/cli/src/commands/<name>.ts). */
import { main } from './main.ts';
import { describeUnexpected } from './unexpected.ts';

// `plas plan --json | head`: the reader left; stop quietly rather than with an EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${describeUnexpected(error, process.env)}\n`);
  process.exitCode = 1;
}
