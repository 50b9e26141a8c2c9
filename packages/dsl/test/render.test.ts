/** Rendering: `file:line:col: error[code]: message`, the source line, a caret underline and the help line. */
import { describe, expect, it } from 'vitest';
import { compileSource, renderDiagnostics } from '../src/index.ts';

describe('renderDiagnostics', () => {
  it('underlines the span and shows did-you-mean', () => {
    const text = [
      'experiment x {',
      '  data mnist',
      '  model mlp',
      '  optimizer adam(lr: 1e-3)',
      '  stream { phase tune: train on all for 1 epoch }',
      '  arm snp: at tune: shrink_perturbb(shrink: 0.4, perturb: 0.1)',
      '}',
    ].join('\n');
    const r = compileSource(text, 'w.plas');
    expect(renderDiagnostics(r.diagnostics, r.sources)).toBe(
      [
        'w.plas:6:21: error[unknown-name]: unknown intervention `shrink_perturbb`',
        '  |',
        '6 |   arm snp: at tune: shrink_perturbb(shrink: 0.4, perturb: 0.1)',
        '  |                     ^^^^^^^^^^^^^^^',
        '  = help: did you mean `shrink_perturb`?',
        '',
      ].join('\n'),
    );
  });

  it('renders without the source text', () => {
    const out = renderDiagnostics([{ file: 'a.plas', line: 3, column: 4, endLine: 3, endColumn: 6, severity: 'error', code: 'syntax', message: 'm' }], {});
    expect(out).toBe('a.plas:3:4: error[syntax]: m\n');
  });
});

describe('warnings', () => {
  it('a single seed with a compare is a warning, not an error', () => {
    const text = `experiment w {
  data mnist
  model mlp
  optimizer adam(lr: 1e-3)
  stream { phase a: train on all for 1 epoch }
  baseline fresh: at a: reset all
  arm warm
  measure every 1 epoch: test.accuracy
  compare test.accuracy: mean over last 1 epochs
}`;
    const r = compileSource(text, 'w.plas');
    expect(r.ir).not.toBeNull();
    expect(r.diagnostics).toMatchObject([{ severity: 'warning', code: 'few-seeds', line: 1, column: 12 }]);
    expect(renderDiagnostics(r.diagnostics, r.sources)).toContain('w.plas:1:12: warning[few-seeds]: arms are compared on a single seed (the default)');
  });
});
