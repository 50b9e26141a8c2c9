/**
 * The IDX format of LeCun's MNIST files (also used by Fashion-MNIST, KMNIST, EMNIST):
 * a 4-byte magic number 0x00 0x00 <type> <ndims> (type 0x08 = unsigned byte), then ndims big-endian uint32
 * dimensions, then the values row-major. Files may be gzipped (`.gz`, detected by the gzip magic 1f 8b).
 *
 * `loadIdxFolder` reads the four standard files of a folder (train/t10k × images/labels) into image pools.
 */
import { existsSync } from 'node:fs';
import { MAX_DATA_FILE_BYTES, readDataFile } from './read-data-file.ts';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DataError } from './types.ts';
import type { ImagePool, ImagePools } from './pools.ts';

export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

const UBYTE = 0x08;

/** Parse an IDX buffer of unsigned bytes with `expectedDims` dimensions; `file` names it in errors. */
export function parseIdx(buf: Uint8Array, file: string, expectedDims: number): IdxArray {
  if (buf.length < 4) throw new DataError(`${file}: not an IDX file (only ${buf.length} bytes)`);
  if (buf[0] !== 0 || buf[1] !== 0 || buf[2] !== UBYTE || buf[3] !== expectedDims) {
    const magic = Array.from(buf.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new DataError(
      `${file}: wrong magic number ${magic} (expected 00 00 08 0${expectedDims}: an IDX file of unsigned bytes with ${expectedDims} dimension${expectedDims === 1 ? '' : 's'})`,
    );
  }
  const header = 4 + 4 * expectedDims;
  if (buf.length < header) throw new DataError(`${file}: truncated IDX header (${buf.length} of ${header} bytes)`);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const dims: number[] = [];
  for (let d = 0; d < expectedDims; d++) dims.push(view.getUint32(4 + 4 * d, false));
  const expected = dims.reduce((a, b) => a * b, 1);
  const found = buf.length - header;
  if (found < expected) {
    throw new DataError(`${file}: truncated: dimensions ${dims.join('x')} need ${expected} data bytes, found ${found}`);
  }
  if (found > expected) {
    throw new DataError(`${file}: corrupt: dimensions ${dims.join('x')} need ${expected} data bytes, found ${found} (extra data)`);
  }
  return { dims, data: buf.subarray(header) };
}

/** Read a file, gunzipping it when it starts with the gzip magic bytes. */
export function readMaybeGzip(file: string): Uint8Array {
  const buf: Uint8Array = readDataFile(file);
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      // Bounded like a plain file: a small gzip bomb cannot fill the memory.
      return gunzipSync(buf, { maxOutputLength: MAX_DATA_FILE_BYTES });
    } catch (e) {
      throw new DataError(`${file}: corrupt gzip data (${(e as Error).message})`);
    }
  }
  return buf;
}

/** The first existing spelling of a standard IDX file name in `folder` (plain, .gz, and the `train-images.idx3-ubyte` variant). */
function findIdxFile(folder: string, stem: string, kind: 'idx3' | 'idx1'): string {
  const names = [`${stem}-${kind}-ubyte`, `${stem}.${kind}-ubyte`];
  const candidates = names.flatMap((n) => [n, `${n}.gz`]);
  for (const name of candidates) {
    const file = join(folder, name);
    if (existsSync(file)) return file;
  }
  throw new DataError(`${join(folder, candidates[0]!)}: missing (also looked for ${candidates.slice(1).join(', ')})`);
}

function loadPair(folder: string, stem: 'train' | 't10k'): ImagePool & { rows: number; cols: number } {
  const imagesFile = findIdxFile(folder, `${stem}-images`, 'idx3');
  const labelsFile = findIdxFile(folder, `${stem}-labels`, 'idx1');
  const images = parseIdx(readMaybeGzip(imagesFile), imagesFile, 3);
  const labels = parseIdx(readMaybeGzip(labelsFile), labelsFile, 1);
  const [n, rows, cols] = images.dims as [number, number, number];
  if (labels.dims[0] !== n) {
    throw new DataError(`${labelsFile}: holds ${labels.dims[0]} labels but ${imagesFile} holds ${n} images`);
  }
  return { pixels: images.data, labels: labels.data, n, rows, cols };
}

/** Load the four standard IDX files of `folder` as single-channel image pools (HWC = rows × cols × 1). */
export function loadIdxFolder(folder: string): ImagePools {
  if (!existsSync(folder)) throw new DataError(`${folder}: folder not found (expected the four IDX files of MNIST's layout)`);
  const train = loadPair(folder, 'train');
  const test = loadPair(folder, 't10k');
  if (train.rows !== test.rows || train.cols !== test.cols) {
    throw new DataError(
      `${folder}: training images are ${train.rows}x${train.cols} but test images are ${test.rows}x${test.cols}`,
    );
  }
  let maxLabel = 0;
  for (const pool of [train, test]) for (const l of pool.labels) if (l > maxLabel) maxLabel = l;
  return {
    train: { pixels: train.pixels, labels: train.labels, n: train.n },
    test: { pixels: test.pixels, labels: test.labels, n: test.n },
    shape: [train.rows, train.cols, 1],
    classes: maxLabel + 1,
    warnings: [],
  };
}
