import { describe, expect, it } from 'vitest';
import { describeUnexpected } from '../src/unexpected.ts';

describe('an error no command handled', () => {
  it('is one line and a hint without PLAS_DEBUG, with no stack trace', () => {
    const text = describeUnexpected(new TypeError('x is not a function'), {});
    expect(text).toBe('plas: x is not a function\nplas: this is unexpected; PLAS_DEBUG=1 shows where it happened (please include that in a bug report)');
  });

  it('carries the stack trace under PLAS_DEBUG', () => {
    const text = describeUnexpected(new TypeError('x is not a function'), { PLAS_DEBUG: '1' });
    expect(text).toMatch(/^plas: x is not a function\nTypeError: x is not a function\n\s+at /);
  });

  it('names a storage error plainly, with its path', () => {
    const error = Object.assign(new Error('EROFS'), { code: 'EROFS', path: '/mnt/ro/x' });
    expect(describeUnexpected(error, {})).toBe('plas: cannot read or write a file at /mnt/ro/x: the file system is read-only (EROFS); choose a writable folder');
  });
});
