/** Runs a sub-command in-process and captures what it writes to stdout and stderr. */
import { vi } from 'vitest';
import type { Command } from '../src/main.ts';

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

export async function capture(run: Command, argv: string[]): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((stdout += String(c)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((stderr += String(c)), true));
  try {
    return { code: await run(argv), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
