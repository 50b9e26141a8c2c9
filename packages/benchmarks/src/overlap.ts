/**
 * The suite's files in order, each next one started as soon as the one before has handed out its last cell
 * (runExperiment's `drained` event: a worker left for want of work). The last cells of a file then share the machine
 * with the next file's start-up and first cells instead of leaving a core idle; never more than two files run at
 * once. Results are handed back in file order, whenever each finishes.
 */

export interface Overlapped<T> {
  /** File `index`'s outcome; the file starts once the one before has drained (or ended) and the one before that ended. */
  result(index: number): Promise<T>;
}

interface Slot<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
  drained: boolean;
  ended: boolean;
}

/** `start(i, drained)` runs file i and calls `drained()` when its last cell has gone to a worker. */
export function runOverlapped<T>(count: number, start: (index: number, drained: () => void) => Promise<T>): Overlapped<T> {
  const slots: Slot<T>[] = Array.from({ length: count }, () => {
    let resolve!: (value: T) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // an outcome nobody has asked for yet is not an unhandled rejection: result(i) hands it out later
    promise.catch(() => {});
    return { promise, resolve, reject, drained: false, ended: false };
  });
  let started = 0;

  const mayStart = (next: number): boolean => {
    if (next >= count) return false;
    if (next === 0) return true;
    const previous = slots[next - 1]!;
    return (previous.drained || previous.ended) && (next === 1 || slots[next - 2]!.ended);
  };

  const launch = (): void => {
    while (mayStart(started)) {
      const index = started++;
      const slot = slots[index]!;
      let run: Promise<T>;
      try {
        run = start(index, () => {
          slot.drained = true;
          launch();
        });
      } catch (error) {
        run = Promise.reject(error);
      }
      run.then(
        (value) => {
          slot.ended = true;
          slot.resolve(value);
          launch();
        },
        (error: unknown) => {
          slot.ended = true;
          slot.reject(error);
          launch();
        },
      );
    }
  };
  launch();
  return {
    result(index) {
      const slot = slots[index];
      if (slot === undefined) return Promise.reject(new RangeError(`no file ${index} (${count} in all)`));
      return slot.promise;
    },
  };
}
