/** Versions recorded with every result: our packages, TensorFlow.js and Node itself. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const PACKAGES = [
  '@plas/dsl',
  '@plas/engine',
  '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-backend-wasm',
  '@tensorflow/tfjs-backend-cpu',
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
  if (cached) return { ...cached };
  const versions: Record<string, string> = { node: process.version };
  for (const name of PACKAGES) {
    const version = versionOf(name);
    if (version !== null) versions[name] = version;
  }
  cached = versions;
  return { ...versions };
}
