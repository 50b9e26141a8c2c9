/** The bench's file scheduler: the next file starts when the one before drains, never three at once, results in order. */
import { describe, expect, it } from 'vitest';
import { runOverlapped } from '../src/overlap.ts';

interface Fake {
  drain: () => void;
  finish: (value: string) => void;
  fail: (error: Error) => void;
}

function harness(count: number) {
  const fakes: Fake[] = [];
  const log: string[] = [];
  const runs = runOverlapped<string>(count, (index, drained) => {
    log.push(`start ${index}`);
    return new Promise<string>((resolve, reject) => {
      fakes[index] = {
        drain: () => drained(),
        finish: (value) => resolve(value),
        fail: (error) => reject(error),
      };
    });
  });
  return { fakes, log, runs };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('runOverlapped', () => {
  it('starts the next file when the one before drains, and at most two at once', async () => {
    const { fakes, log, runs } = harness(4);
    expect(log).toEqual(['start 0']);
    fakes[0]!.drain();
    expect(log).toEqual(['start 0', 'start 1']);
    fakes[1]!.drain(); // file 0 still runs: file 2 waits for it
    await settle();
    expect(log).toEqual(['start 0', 'start 1']);
    fakes[0]!.finish('a');
    await settle();
    expect(log).toEqual(['start 0', 'start 1', 'start 2']);
    fakes[2]!.finish('c'); // finishing without draining (nothing to run) also lets the next one go, once 1 has ended
    await settle();
    expect(log).toEqual(['start 0', 'start 1', 'start 2']);
    fakes[1]!.finish('b');
    await settle();
    expect(log).toEqual(['start 0', 'start 1', 'start 2', 'start 3']);
    fakes[3]!.finish('d');
    expect(await Promise.all([0, 1, 2, 3].map((i) => runs.result(i)))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('a file that fails hands its error to its own result and lets the rest go on', async () => {
    const { fakes, log, runs } = harness(2);
    fakes[0]!.fail(new Error('worker died'));
    await expect(runs.result(0)).rejects.toThrow('worker died');
    expect(log).toEqual(['start 0', 'start 1']);
    fakes[1]!.finish('ok');
    expect(await runs.result(1)).toBe('ok');
  });

  it('a start that throws is that file\'s error', async () => {
    const runs = runOverlapped<number>(2, (index) => {
      if (index === 0) throw new Error('bad file');
      return Promise.resolve(7);
    });
    await expect(runs.result(0)).rejects.toThrow('bad file');
    expect(await runs.result(1)).toBe(7);
    await expect(runs.result(2)).rejects.toThrow(RangeError);
  });
});
