/**
 * Backend choice: one call at start-up. `auto` tries the native tfjs-node binding first (absent on most machines:
 * its install downloads libtensorflow), then the wasm backend (ships its .wasm files, SIMD, one thread), then the
 * pure-JS cpu backend. A backend that cannot load is skipped with one debug-level message, never a crash. On wasm,
 * the native accelerator (backend/accel.ts) is loaded when present; `backendIdentity()` says whether it is in use.
 */
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { loadAccelerator } from './accel.ts';
import './gradients.ts';
import { registerWasmKernels } from './kernels/index.ts';

export type BackendPreference = 'auto' | 'node' | 'wasm' | 'cpu';

export const BACKEND_PREFERENCES: readonly BackendPreference[] = ['auto', 'node', 'wasm', 'cpu'];

/** A backend asked for explicitly could not be loaded. */
export class BackendError extends Error {
  override name = 'BackendError';
}

type Loader = (debug: (msg: string) => void) => Promise<void>;

/** Whether @tensorflow/tfjs-node resolves and has a built binding under lib/napi-v<N>/. */
function nativeBindingPresent(): boolean {
  try {
    const pkg = createRequire(import.meta.url).resolve('@tensorflow/tfjs-node/package.json');
    const lib = join(dirname(pkg), 'lib');
    return readdirSync(lib).some((d) => d.startsWith('napi-v') && existsSync(join(lib, d, 'tfjs_binding.node')));
  } catch {
    return false;
  }
}

const loaders: Record<Exclude<BackendPreference, 'auto'>, Loader> = {
  async node() {
    // Importing the package half-loads the full tfjs (seconds) before it finds its native addon missing: look first.
    if (!nativeBindingPresent()) throw new Error('@tensorflow/tfjs-node is not installed with its native addon (tfjs_binding.node)');
    // The package registers 'tensorflow' as a side effect.
    await import('@tensorflow/tfjs-node' as string);
    if (!(await tf.setBackend('tensorflow'))) throw new Error("backend 'tensorflow' failed to initialise");
  },
  async wasm(debug) {
    await import('@tensorflow/tfjs-backend-wasm');
    // the optional native matmul (@plas/accel); absent, the wasm kernels run as they are
    await loadAccelerator(debug);
    // One thread: reproducible sums, and the runner already puts one worker process on each core.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
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
 * `debug` receives one line per backend that `auto` had to skip (default: stderr when PLAS_DEBUG is set).
 */
export async function selectBackend(pref: BackendPreference, debug: (msg: string) => void = debugToStderr): Promise<string> {
  if (!BACKEND_PREFERENCES.includes(pref)) {
    throw new BackendError(`unknown backend '${String(pref)}' (choose one of ${BACKEND_PREFERENCES.join(', ')})`);
  }
  const order = pref === 'auto' ? AUTO_ORDER : [pref];
  const reasons: string[] = [];
  for (const name of order) {
    try {
      await loaders[name](debug);
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

/** The default debug sink: stderr when PLAS_DEBUG is set, otherwise nothing. */
function debugToStderr(msg: string): void {
  if (process.env['PLAS_DEBUG']) process.stderr.write(`[plas debug] ${msg}\n`);
}

function firstLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0] ?? msg;
}
