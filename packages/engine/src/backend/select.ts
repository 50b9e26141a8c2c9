/**
 * Backend choice: one call at start-up. `auto` tries the native tfjs-node binding first (absent on most machines:
 * its install downloads libtensorflow), then the wasm backend (ships its .wasm files, SIMD, one thread), then the
 * pure-JS cpu backend. A backend that cannot load is skipped with one debug-level message, never a crash.
 */
import * as tf from '@tensorflow/tfjs-core';
import './gradients.ts';
import { registerWasmKernels } from './kernels/index.ts';

export type BackendPreference = 'auto' | 'node' | 'wasm' | 'cpu';

export const BACKEND_PREFERENCES: readonly BackendPreference[] = ['auto', 'node', 'wasm', 'cpu'];

/** A backend asked for explicitly could not be loaded. */
export class BackendError extends Error {
  override name = 'BackendError';
}

type Loader = () => Promise<void>;

const loaders: Record<Exclude<BackendPreference, 'auto'>, Loader> = {
  async node() {
    // The package registers 'tensorflow' as a side effect; it throws when its native addon is missing.
    await import('@tensorflow/tfjs-node' as string);
    if (!(await tf.setBackend('tensorflow'))) throw new Error("backend 'tensorflow' failed to initialise");
  },
  async wasm() {
    await import('@tensorflow/tfjs-backend-wasm');
    registerWasmKernels();
    if (!(await tf.setBackend('wasm'))) throw new Error("backend 'wasm' failed to initialise");
  },
  async cpu() {
    await import('@tensorflow/tfjs-backend-cpu');
    if (!(await tf.setBackend('cpu'))) throw new Error("backend 'cpu' failed to initialise");
    // The cpu backend prints an advert for tfjs-node on first use; we already chose knowingly.
    const backend = tf.findBackend('cpu') as unknown as { firstUse?: boolean } | null;
    if (backend) backend.firstUse = false;
  },
};

const AUTO_ORDER: Exclude<BackendPreference, 'auto'>[] = ['node', 'wasm', 'cpu'];

/**
 * Make `pref` the active tfjs backend and return its tfjs name ('tensorflow', 'wasm' or 'cpu').
 * `debug` receives one line per backend that `auto` had to skip.
 */
export async function selectBackend(pref: BackendPreference, debug: (msg: string) => void = () => {}): Promise<string> {
  if (!BACKEND_PREFERENCES.includes(pref)) {
    throw new BackendError(`unknown backend '${String(pref)}' (choose one of ${BACKEND_PREFERENCES.join(', ')})`);
  }
  const order = pref === 'auto' ? AUTO_ORDER : [pref];
  const reasons: string[] = [];
  for (const name of order) {
    try {
      await loaders[name]();
      await tf.ready();
      return tf.getBackend();
    } catch (err) {
      const reason = firstLine(err);
      reasons.push(`${name}: ${reason}`);
      if (pref === 'auto') debug(`backend ${name} unavailable, falling back: ${reason}`);
    }
  }
  throw new BackendError(`could not load backend ${pref === 'auto' ? 'node, wasm or cpu' : pref} (${reasons.join('; ')})`);
}

function firstLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0] ?? msg;
}
