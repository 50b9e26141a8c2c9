import { describe, expect, it } from 'vitest';
import { benchmarkName, selectFiles } from '../src/suite.ts';

const files = ['/s/01-warm-start-mlp-adam.plas', '/s/01-warm-start-cnn-adam.plas', '/s/04-lr-x10.plas', '/s/10-slowly-changing-regression.plas'];

describe('selectFiles', () => {
  it('keeps every file without --only', () => {
    expect(selectFiles(files, [])).toEqual(files);
  });

  it('matches substrings of the file name, case-insensitively, any of several', () => {
    expect(selectFiles(files, ['MLP']).map(benchmarkName)).toEqual(['01-warm-start-mlp-adam']);
    expect(selectFiles(files, ['cnn', 'lr']).map(benchmarkName)).toEqual(['01-warm-start-cnn-adam', '04-lr-x10']);
    expect(selectFiles(files, ['nothing'])).toEqual([]);
  });

  it('reads a bare number as the benchmark number', () => {
    expect(selectFiles(files, ['10']).map(benchmarkName)).toEqual(['10-slowly-changing-regression']);
    expect(selectFiles(files, ['1']).map(benchmarkName)).toEqual(['01-warm-start-mlp-adam', '01-warm-start-cnn-adam']);
  });
});
