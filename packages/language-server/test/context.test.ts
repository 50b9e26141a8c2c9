/**
 * Completion contexts read from tokens (`@plas/dsl`'s cursorContext) on unfinished text, as typed in an editor:
 * `‸` marks the cursor. Each case says what the place expects.
 */
import { cursorContext, lexTokens, tokenRole, tokenAt, type Expectation } from '@plas/dsl';
import { describe, expect, it } from 'vitest';

function at(source: string): Expectation[] {
  const offset = source.indexOf('‸');
  const text = source.slice(0, offset) + source.slice(offset + 1);
  return cursorContext(text, lexTokens(text), offset).expects;
}

const head = 'experiment e {\n  data mnist\n  model mlp\n  optimizer adam(lr: 1e-3)\n';

describe('cursorContext', () => {
  it.each<[string, string, Expectation[]]>([
    ['a call\'s parameters', `${head}  arm a: at tune: shrink_perturb(‸`, [{ kind: 'params', catalog: 'intervention', callee: 'shrink_perturb', used: [] }]],
    ['parameters not yet given', `${head}  arm a: at tune: redo(tau: 0.1, ‸)`, [{ kind: 'params', catalog: 'intervention', callee: 'redo', used: ['tau'] }]],
    ['a parameter\'s values', `${head}  model mlp(activation: ‸)`, [{ kind: 'values', catalog: 'model', callee: 'mlp', key: 'activation' }]],
    ['a conv layer inside cnn', `${head}  model cnn(conv: [conv(‸)])`, [{ kind: 'params', catalog: 'conv', callee: 'conv', used: [] }]],
    ['a selector after train on', `${head}  stream {\n    phase p: train on ‸`, [{ kind: 'catalog', catalog: 'selector' }]],
    ['a selector after a pipe', `${head}  stream {\n    repeat 5 tasks: train on permute_pixels | ‸`, [{ kind: 'catalog', catalog: 'selector' }]],
    ['an until metric', `${head}  stream {\n    phase p: train on all until ‸`, [{ kind: 'catalog', catalog: 'metric', untilOnly: true }]],
    ['units after a count', `${head}  stream {\n    phase p: train on all for 3 ‸`, [{ kind: 'keywords', words: ['epochs', 'steps', 'examples'] }]],
    ['a metric after measure', `${head}  measure every 1 epoch: ‸`, [{ kind: 'catalog', catalog: 'metric' }]],
    ['a metric\'s parameters', `${head}  measure every 1 epoch: dead_units(‸`, [{ kind: 'params', catalog: 'metric', callee: 'dead_units', used: [] }]],
    ['phases after at', `${head}  arm a: at ‸`, [{ kind: 'keywords', words: ['each', 'epoch', 'step'] }, { kind: 'phases' }]],
    ['a number, not a keyword, after at epoch', `${head}  arm a: at epoch ‸`, []],
    ['a trigger after the arm name', `${head}  arm a: ‸`, [{ kind: 'keywords', words: ['at', 'every'] }]],
    ['arms after expect', `${head}  expect fresh - ‸`, [{ kind: 'arms' }]],
    ['phases after compare … of', `${head}  compare test.accuracy: mean over last 10 epochs of ‸`, [{ kind: 'phases' }]],
    ['statements at the start of a line in an experiment', `${head}  ‸`, [{ kind: 'keywords', words: expect.arrayContaining(['arm', 'measure', 'quick']) as unknown as string[] }]],
    ['stream items in a stream', `${head}  stream {\n    ‸`, [{ kind: 'keywords', words: ['phase', 'repeat'] }]],
    ['top-level words outside any block', '‸', [{ kind: 'keywords', words: ['import', 'experiment', 'data', 'model', 'optimizer', 'metrics'] }]],
    ['nothing inside a comment', `${head}  // arm a: at ‸`, []],
    ['nothing inside a string', `${head}  data idx("‸`, []],
  ])('%s', (_, source, expected) => {
    expect(at(source)).toEqual(expected);
  });

  it('completes a dotted metric as one word', () => {
    const text = `${head}  measure every 1 epoch: test.acc`;
    const ctx = cursorContext(text, lexTokens(text), text.length);
    expect(ctx.prefix).toBe('test.acc');
    expect(ctx.prefixOffset).toBe(text.lastIndexOf('test'));
    expect(ctx.expects).toEqual([{ kind: 'catalog', catalog: 'metric' }]);
  });
});

describe('tokenRole', () => {
  const text = `${head}  arm a: at tune: shrink_perturb(shrink: 0.4), reset optimizer\n  measure at each phase end: dead_units(probe: 10)\n}`;
  const tokens = lexTokens(text);
  const role = (needle: string) => tokenRole(tokens, tokenAt(tokens, text.indexOf(needle))!);

  it('places a call, its keys and a metric', () => {
    expect(role('shrink_perturb')).toMatchObject({ statement: 'arm', catalog: 'intervention', isKey: false });
    expect(role('shrink:')).toMatchObject({ isKey: true, call: { callee: 'shrink_perturb', catalog: 'intervention' } });
    expect(role('dead_units')).toMatchObject({ statement: 'measure', catalog: 'metric' });
    expect(role('probe')).toMatchObject({ isKey: true, call: { callee: 'dead_units', catalog: 'metric' } });
    expect(role('mlp')).toMatchObject({ statement: 'model', catalog: 'model', block: 'experiment' });
  });
});
