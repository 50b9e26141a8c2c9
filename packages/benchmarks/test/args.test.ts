import { describe, expect, it } from 'vitest';
import { BenchArgsError, parseBenchArgs } from '../src/args.ts';

describe('parseBenchArgs', () => {
  it('gives the defaults for no arguments', () => {
    expect(parseBenchArgs([])).toEqual({
      quick: false,
      only: [],
      workers: null,
      backend: 'auto',
      force: false,
      compareTorch: false,
      plan: false,
      noRun: false,
      help: false,
    });
  });

  it('reads every flag, repeated --only, and ignores a forwarded --', () => {
    const args = parseBenchArgs(['--', '--quick', '--only', 'warm', '--only=permuted', '--workers', '2', '--backend', 'cpu', '--force', '--compare-torch', '--plan']);
    expect(args).toMatchObject({ quick: true, only: ['warm', 'permuted'], workers: 2, backend: 'cpu', force: true, compareTorch: true, plan: true });
    expect(parseBenchArgs(['--no-run']).noRun).toBe(true);
  });

  it.each([
    [['--workers', '0'], /--workers must be a whole number/],
    [['--workers', '1.5'], /--workers must be a whole number/],
    [['--backend', 'gpu'], /unknown backend 'gpu'/],
    [['--only', ' '], /--only needs a non-empty name/],
    [['--qiuck'], /Unknown option '--qiuck'/],
    [['extra'], /positional/],
  ])('rejects %j with a clear message', (argv, message) => {
    expect(() => parseBenchArgs(argv)).toThrow(BenchArgsError);
    expect(() => parseBenchArgs(argv)).toThrow(message);
  });
});
