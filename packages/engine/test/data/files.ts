/** Writers for the small IDX and CIFAR-10 files the data tests create. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll } from 'vitest';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the test file. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `plas-${prefix}-`));
  made.push(dir);
  return dir;
}

/** An IDX file of unsigned bytes with the given dimensions and values. */
export function idxBytes(dims: number[], values: number[]): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header[2] = 0x08;
  header[3] = dims.length;
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, Buffer.from(values)]);
}

/** Images whose pixel j of image i is (10 i + j) mod 256, labels i mod classes. */
export function writeIdxSet(
  folder: string,
  opts: { train: number; test: number; rows: number; cols: number; classes: number; gzip?: boolean },
): void {
  const write = (stem: string, n: number, offset: number): void => {
    const size = opts.rows * opts.cols;
    const pixels = Array.from({ length: n * size }, (_, k) => (10 * (offset + Math.floor(k / size)) + (k % size)) % 256);
    const labels = Array.from({ length: n }, (_, i) => (offset + i) % opts.classes);
    const ext = opts.gzip ? '.gz' : '';
    const enc = (b: Buffer): Buffer => (opts.gzip ? gzipSync(b) : b);
    writeFileSync(join(folder, `${stem}-images-idx3-ubyte${ext}`), enc(idxBytes([n, opts.rows, opts.cols], pixels)));
    writeFileSync(join(folder, `${stem}-labels-idx1-ubyte${ext}`), enc(idxBytes([n], labels)));
  };
  write('train', opts.train, 0);
  write('t10k', opts.test, 100);
}

/** One CIFAR-10 record: label, then channel planes where pixel p of channel c is (label + 3 p + c) mod 256. */
export function cifarRecord(label: number): Buffer {
  const rec = Buffer.alloc(3073);
  rec[0] = label;
  for (let c = 0; c < 3; c++) for (let p = 0; p < 1024; p++) rec[1 + c * 1024 + p] = (label + 3 * p + c) % 256;
  return rec;
}

export function writeCifarSet(folder: string, perBatch: number): void {
  for (let b = 1; b <= 5; b++) {
    const recs = Array.from({ length: perBatch }, (_, i) => cifarRecord((b * perBatch + i) % 10));
    writeFileSync(join(folder, `data_batch_${b}.bin`), Buffer.concat(recs));
  }
  writeFileSync(join(folder, 'test_batch.bin'), Buffer.concat([cifarRecord(7), cifarRecord(3)]));
}
