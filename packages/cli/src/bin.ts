#!/usr/bin/env node
/** The `plas` command: dispatches to one module per sub-command (packages/cli/src/commands/<name>.ts). */
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2));
