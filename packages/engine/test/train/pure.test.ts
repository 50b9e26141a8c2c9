import { describe, expect, it } from 'vitest';
import { crossed, plannedSteps, reached } from '../../src/train/duration.ts';
import { OnlineMean } from '../../src/train/online.ts';
import { firesAfterStep, firesAtTaskStart } from '../../src/train/triggers.ts';
import { CellConfigError } from '../../src/train/errors.ts';

describe('durations', () => {
  it('plans steps for steps, examples and epochs (a partial last batch counts as a step)', () => {
    expect(plannedSteps({ kind: 'fixed', amount: 7, unit: 'steps' }, 100, 16, false)).toBe(7);
    expect(plannedSteps({ kind: 'fixed', amount: 100, unit: 'examples' }, 1000, 16, false)).toBe(7);
    expect(plannedSteps({ kind: 'fixed', amount: 3, unit: 'epochs' }, 100, 16, false)).toBe(21);
    expect(plannedSteps({ kind: 'fixed', amount: 3, unit: 'epochs' }, 100, 16, true)).toBe(19);
    const until = {
      kind: 'until',
      metric: 'train.accuracy',
      op: '>=',
      value: 1,
      max: { kind: 'fixed', amount: 2, unit: 'epochs' },
      checkEvery: { kind: 'fixed', amount: 1, unit: 'epochs' },
    } as const;
    expect(plannedSteps(until, 100, 50, false)).toBe(4);
  });

  it('tells when a duration is reached and when a check period is crossed', () => {
    expect(reached({ kind: 'fixed', amount: 2, unit: 'epochs' }, { steps: 9, epochs: 1, examples: 99 })).toBe(false);
    expect(reached({ kind: 'fixed', amount: 2, unit: 'epochs' }, { steps: 9, epochs: 2, examples: 99 })).toBe(true);
    const every = { kind: 'fixed', amount: 50, unit: 'examples' } as const;
    expect(crossed(every, { steps: 1, epochs: 0, examples: 32 }, { steps: 2, epochs: 0, examples: 64 })).toBe(true);
    expect(crossed(every, { steps: 2, epochs: 0, examples: 64 }, { steps: 3, epochs: 0, examples: 96 })).toBe(false);
  });
});

describe('online metrics', () => {
  it('average per example over the interval, then restart', () => {
    const m = new OnlineMean();
    m.add(1.0, 3, 4); // batch of 4, mean loss 1, 3 right
    m.add(0.5, 1, 2); // batch of 2, mean loss 0.5, 1 right
    const loss = new OnlineMean();
    loss.add(1.0, 3, 4);
    loss.add(0.5, 1, 2);
    expect(m.take('online.accuracy')).toBeCloseTo(4 / 6, 12);
    expect(loss.take('online.loss')).toBeCloseTo((4 * 1 + 2 * 0.5) / 6, 12);
    expect(m.take('online.accuracy')).toBeNull();
    m.add(0.2, null, 3);
    expect(m.take('online.accuracy')).toBeNull();
  });
});

describe('triggers', () => {
  it('at fires at the first task of its phase only; each_task at the later tasks', () => {
    expect(firesAtTaskStart({ kind: 'at', phase: 'p2' }, { phase: 'p2', task: 0, streamTask: 1 })).toBe(true);
    expect(firesAtTaskStart({ kind: 'at', phase: 'p2' }, { phase: 'p2', task: 1, streamTask: 2 })).toBe(false);
    expect(firesAtTaskStart({ kind: 'each_task', phase: 'tasks' }, { phase: 'tasks', task: 0, streamTask: 1 })).toBe(false);
    expect(firesAtTaskStart({ kind: 'each_task', phase: 'tasks' }, { phase: 'tasks', task: 3, streamTask: 4 })).toBe(true);
    expect(firesAtTaskStart({ kind: 'each_task', phase: null }, { phase: 'p1', task: 0, streamTask: 0 })).toBe(false);
    expect(firesAtTaskStart({ kind: 'each_task', phase: null }, { phase: 'p2', task: 0, streamTask: 1 })).toBe(true);
    expect(firesAtTaskStart({ kind: 'every_step' }, { phase: 'p2', task: 0, streamTask: 1 })).toBe(false);
  });

  it('every n steps / epochs counts over the stream', () => {
    expect(firesAfterStep({ kind: 'every', n: 5, unit: 'steps' }, 10, 0, false)).toBe(true);
    expect(firesAfterStep({ kind: 'every', n: 5, unit: 'steps' }, 11, 0, false)).toBe(false);
    expect(firesAfterStep({ kind: 'every', n: 2, unit: 'epochs' }, 11, 4, true)).toBe(true);
    expect(firesAfterStep({ kind: 'every', n: 2, unit: 'epochs' }, 12, 4, false)).toBe(false);
    expect(firesAfterStep({ kind: 'every_step' }, 12, 4, true)).toBe(false);
  });
});

describe('CellConfigError', () => {
  it('prefixes the source position', () => {
    const e = new CellConfigError('boom', { file: 'x.plas', line: 3, column: 7, length: 2 });
    expect(e.message).toBe('x.plas:3:7: boom');
    expect(new CellConfigError('plain').message).toBe('plain');
  });
});
