/** Versions recorded with every result: our packages, TensorFlow.js, Node itself and, when in use, the native accelerator's BLAS. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { accelVersions } from '../backend/accel.ts';

const require = createRequire(import.meta.url);
const PACKAGES = [
  '@plas/dsl',
  '@plas/engine',
  '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-backend-wasm',
  '@tensorflow/tfjs-backend-cpu',
  '@plas/accel',
];

let cached: Record<string, string> | null = null;

function versionOf(name: string): string | null {
  try {
    const path = name === '@plas/engine' ? new URL('../../package.json', import.meta.url) : require.resolve(`${name}/package.json`);
    return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
  } catch {
    return null;
  }
}

export function packageVersions(): Record<string, string> {
  if (cached) return { ...cached, ...accelVersions() };
  const versions: Record<string, string> = { node: process.version };
  for (const name of PACKAGES) {
    const version = versionOf(name);
    if (version !== null) versions[name] = version;
  }
  cached = versions;
  return { ...versions, ...accelVersions() };
}
