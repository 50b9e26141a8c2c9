/**
 * Loads the native addon built at install time (scripts/build.mjs). `loadAccel()` never throws: it returns the
 * addon, or the reason it is absent, so callers can fall back quietly.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** @type {import('./index.d.ts').AccelLoad | null} */
let loaded = null;

export function loadAccel() {
  if (loaded) return loaded;
  try {
    const addon = require('./build/plas_accel.node');
    for (const fn of ['sgemm', 'blasInfo', 'adamUpdate', 'sgdUpdate', 'conv2d', 'maxPoolGrad', 'columnSums']) {
      if (typeof addon[fn] !== 'function') throw new Error(`the addon lacks ${fn} (rebuild it: node scripts/build.mjs)`);
    }
    loaded = { ok: true, accel: { sgemm: addon.sgemm, adamUpdate: addon.adamUpdate, sgdUpdate: addon.sgdUpdate, conv2d: addon.conv2d, maxPoolGrad: addon.maxPoolGrad, columnSums: addon.columnSums, blasInfo: addon.blasInfo() } };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    loaded = { ok: false, reason: (message.split('\n')[0] ?? message) || 'unknown error' };
  }
  return loaded;
}
