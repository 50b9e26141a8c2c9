/**
 * The fused Adam update (one loop on the wasm heap: JS for small tensors, the accelerator's C loop for any) is
 * bitwise the kernel path's update, step after step, on parameters small and large.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend, setAccelEnabled } from '../../src/backend/index.ts';
import { accelUnavailableReason } from '../../src/backend/accel.ts';
import { setFusedUpdates, setJsLoop } from '../../src/optim/fused-adam.ts';
import { seededRun } from './seeded-run.ts';

let accelLoaded = false;

beforeAll(async () => {
  await selectBackend('wasm');
  setJsLoop(true); // the JS loop is off by default; its arithmetic is still checked here
  accelLoaded = accelUnavailableReason() === null;
});
afterAll(() => {
  setJsLoop(false);
  setFusedUpdates(true);
  setAccelEnabled(true);
});

/** 25 Adam steps (seeded-run.ts); the final bytes of every parameter and moment. */
function run(fused: boolean, accel: boolean): Uint8Array[] {
  setFusedUpdates(fused);
  setAccelEnabled(accel);
  return seededRun({ kind: 'adam', lr: 3e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8 }, true);
}

describe('fused Adam update on wasm', () => {
  it('the JS loop (small tensors, no accelerator) equals the kernel path bit for bit', () => {
    expect(run(true, false)).toEqual(run(false, false));
  });

  it('the accelerator\'s C loop equals the kernel path bit for bit', () => {
    if (!accelLoaded) return; // accel.test.ts fails loudly when the addon is missing here
    expect(run(true, true)).toEqual(run(false, false));
  });
});
