/**
 * The optional native accelerator (@plas/accel: OpenBLAS sgemm, one thread) for the wasm backend's matrix
 * products. Loaded once when the wasm backend is selected; absent (not installed, not built, no libopenblas) or
 * turned off with PLAS_ACCEL=0, the wasm kernels run unchanged, bit for bit. Its results differ from wasm's in the
 * last bits, so its presence is part of the backend identity every record carries (`wasm+openblas`).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Accel } from '@plas/accel';

interface AccelState {
  accel: Accel | null;
  /** Why it is not loaded (null when loaded). */
  reason: string | null;
  enabled: boolean;
}

const state: AccelState = { accel: null, reason: 'not loaded yet', enabled: false };
let loading: Promise<void> | null = null;

/** PLAS_ACCEL=0 / off / false / no turns the accelerator off. */
function turnedOff(): boolean {
  return /^(0|off|false|no)$/i.test(process.env['PLAS_ACCEL']?.trim() ?? '');
}

/** Load @plas/accel once; `debug` gets one line when it cannot be used. Never throws. */
export function loadAccelerator(debug: (msg: string) => void): Promise<void> {
  loading ??= (async () => {
    if (turnedOff()) {
      state.reason = 'turned off by PLAS_ACCEL';
      debug(`native accelerator off (PLAS_ACCEL=${process.env['PLAS_ACCEL']}): matrix products run on wasm`);
      return;
    }
    try {
      const mod = await import('@plas/accel');
      const load = mod.loadAccel();
      if (!load.ok) throw new Error(load.reason);
      state.accel = load.accel;
      state.reason = null;
      state.enabled = true;
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      state.reason = msg.split('\n')[0] ?? msg;
      debug(`native accelerator @plas/accel unavailable, matrix products run on wasm: ${state.reason}`);
    }
  })();
  return loading;
}

/** The accelerator when loaded and enabled, else null (the kernels then use wasm's own). */
export function activeAccel(): Accel | null {
  return state.enabled ? state.accel : null;
}

/**
 * Use the loaded accelerator or not from now on (benchmarks and tests compare both paths in one process).
 * Returns whether it is active afterwards: false when it is not loaded, whatever was asked.
 */
export function setAccelEnabled(on: boolean): boolean {
  state.enabled = on && state.accel !== null;
  return state.enabled;
}

/** Why the accelerator is not active, or null when it is. */
export function accelUnavailableReason(): string | null {
  if (state.accel === null) return state.reason;
  return state.enabled ? null : 'disabled';
}

/** '@plas/accel' → its OpenBLAS configuration, when it is active; recorded with the package versions. */
export function accelVersions(): Record<string, string> {
  const accel = activeAccel();
  return accel && tf.getBackend() === 'wasm' ? { 'openblas (@plas/accel)': accel.blasInfo } : {};
}

/**
 * The backend that computed a result: tfjs's backend name, plus '+openblas' when the accelerator did its matrix
 * products. Same file + seed + backend identity ⇒ bitwise-identical results.
 */
export function backendIdentity(): string {
  const name = tf.getBackend();
  return name === 'wasm' && activeAccel() !== null ? 'wasm+openblas' : name;
}
