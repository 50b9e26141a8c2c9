import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStorageError, isStorageError } from '../src/core/storage-error.ts';

describe('storage errors in plain words', () => {
  it('names what failed, where, the cause with its code, and what to do', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'plas-se-')), 'f');
    writeFileSync(file, '');
    let error: unknown;
    try {
      writeFileSync(join(file, 'inside'), 'x');
    } catch (e) {
      error = e;
    }
    expect(isStorageError(error)).toBe(true);
    expect(describeStorageError(error, 'write the run store', '.plas')).toBe(
      'cannot write the run store at .plas: a part of the path is a file, not a folder (ENOTDIR); choose a folder path',
    );
  });

  it('keeps the message of an error it does not know', () => {
    expect(isStorageError(new Error('boom'))).toBe(false);
    expect(describeStorageError(new Error('boom'), 'write x', 'p')).toBe('cannot write x at p: boom');
    const full = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    expect(describeStorageError(full, 'write the report', 'reports')).toMatch(/the disk is full \(ENOSPC\); free some space/);
  });
});
