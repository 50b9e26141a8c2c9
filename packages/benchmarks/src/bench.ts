/** Entry point of `pnpm bench` (see run-bench.ts). */
import { main } from './run-bench.ts';

process.exitCode = await main(process.argv.slice(2));
