/**
 * The accelerator's convolutions are im2col + one `sgemm` (+ col2im for the input gradient). Here the im2col matrix
 * and the col2im scatter are built in JS from their definition and multiplied with the accelerator's own `sgemm`:
 * `conv2d` must give the same bytes in all three modes, so a faster copy loop in C can change no result.
 */
import { describe, expect, it } from 'vitest';
import { loadAccel } from '@plas/accel';
import { makeRng } from '../../src/core/seed.ts';

const load = loadAccel();

interface Dims {
  n: number; h: number; w: number; c: number; kh: number; kw: number; co: number; sh: number; sw: number; top: number; left: number;
}

const out = (size: number, k: number, s: number, pad: number): number => Math.floor((size + 2 * pad - k) / s) + 1;

/** cols[p, k] = x[n, oh·sh − top + a, ow·sw − left + b, c] (0 outside x), p = (n, oh, ow), k = (a, b, c). */
function im2col(x: Float32Array, d: Dims, oh: number, ow: number): Float32Array {
  const k = d.kh * d.kw * d.c;
  const cols = new Float32Array(d.n * oh * ow * k);
  for (let n = 0; n < d.n; n++)
    for (let i = 0; i < oh; i++)
      for (let j = 0; j < ow; j++)
        for (let a = 0; a < d.kh; a++)
          for (let b = 0; b < d.kw; b++)
            for (let c = 0; c < d.c; c++) {
              const h = i * d.sh - d.top + a;
              const w = j * d.sw - d.left + b;
              const inside = h >= 0 && h < d.h && w >= 0 && w < d.w;
              cols[((n * oh + i) * ow + j) * k + (a * d.kw + b) * d.c + c] = inside ? x[((n * d.h + h) * d.w + w) * d.c + c]! : 0;
            }
  return cols;
}

/** dx[n, h, w, c] += cols[p, k], in the order p, then a, b, c (a Float32Array rounds each sum to float32). */
function col2im(cols: Float32Array, d: Dims, oh: number, ow: number): Float32Array {
  const k = d.kh * d.kw * d.c;
  const dx = new Float32Array(d.n * d.h * d.w * d.c);
  for (let n = 0; n < d.n; n++)
    for (let i = 0; i < oh; i++)
      for (let j = 0; j < ow; j++)
        for (let a = 0; a < d.kh; a++)
          for (let b = 0; b < d.kw; b++) {
            const h = i * d.sh - d.top + a;
            const w = j * d.sw - d.left + b;
            if (h < 0 || h >= d.h || w < 0 || w >= d.w) continue;
            for (let c = 0; c < d.c; c++) dx[((n * d.h + h) * d.w + w) * d.c + c]! += cols[((n * oh + i) * ow + j) * k + (a * d.kw + b) * d.c + c]!;
          }
  return dx;
}

const random = (size: number, seed: number): Float32Array => {
  const rng = makeRng(seed);
  return Float32Array.from({ length: size }, () => rng.next() * 2 - 1);
};

const bytes = (a: Float32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

const cases: (Dims & { label: string })[] = [
  { label: 'Kumar CNN layer 1 (1 channel)', n: 3, h: 28, w: 28, c: 1, kh: 5, kw: 5, co: 16, sh: 1, sw: 1, top: 0, left: 0 },
  { label: 'Kumar CNN layer 2 (16 channels)', n: 2, h: 12, w: 12, c: 16, kh: 5, kw: 5, co: 16, sh: 1, sw: 1, top: 0, left: 0 },
  { label: 'padded, stride 2', n: 2, h: 9, w: 11, c: 3, kh: 3, kw: 3, co: 8, sh: 2, sw: 2, top: 1, left: 1 },
  { label: 'padding on one side, a window past the right edge', n: 2, h: 10, w: 9, c: 3, kh: 3, kw: 2, co: 5, sh: 2, sw: 2, top: 1, left: 0 },
  { label: 'same padding, stride 1', n: 2, h: 7, w: 7, c: 2, kh: 3, kw: 3, co: 4, sh: 1, sw: 1, top: 1, left: 1 },
  // The spans im2col copies in fixed-size moves (under 4 floats, 4-7 with an overlapping pair, 8 and over with an
  // overlapping last block) and the zeroed spans of padding rows, each against the loop written out.
  { label: 'grey 3x3, padded: spans of 3 and single pixels at the edges', n: 2, h: 6, w: 7, c: 1, kh: 3, kw: 3, co: 2, sh: 1, sw: 1, top: 1, left: 1 },
  { label: 'spans of exactly 4 (2x2 windows, 2 channels)', n: 2, h: 5, w: 6, c: 2, kh: 2, kw: 2, co: 3, sh: 1, sw: 1, top: 0, left: 0 },
  { label: 'spans of exactly 8, padded (2x2 windows, 4 channels)', n: 2, h: 5, w: 5, c: 4, kh: 2, kw: 2, co: 3, sh: 1, sw: 1, top: 1, left: 1 },
  { label: 'spans of 13 (1x13 windows, grey)', n: 2, h: 3, w: 17, c: 1, kh: 1, kw: 13, co: 2, sh: 1, sw: 2, top: 0, left: 0 },
  { label: 'spans of 28 and edge pixels of 7 channels, padded', n: 2, h: 6, w: 6, c: 7, kh: 3, kw: 4, co: 3, sh: 1, sw: 1, top: 2, left: 1 },
];

describe('the accelerator\'s conv2d against im2col and col2im written out', () => {
  it.each(cases)('$label: forward, filter and input gradients byte for byte', (d) => {
    if (!load.ok) return; // no accelerator here: accel.test.ts says so
    const { accel } = load;
    const oh = out(d.h, d.kh, d.sh, d.top);
    const ow = out(d.w, d.kw, d.sw, d.left);
    const k = d.kh * d.kw * d.c;
    const rows = d.n * oh * ow;
    const x = random(d.n * d.h * d.w * d.c, 1);
    const filter = random(k * d.co, 2);
    const dy = random(rows * d.co, 3);
    const dims = [d.n, d.h, d.w, d.c, d.kh, d.kw, d.co, oh, ow, d.sh, d.sw, d.top, d.left] as const;
    const cols = im2col(x, d, oh, ow);

    const y = new Float32Array(rows * d.co);
    accel.conv2d(0, x, filter, y, ...dims);
    const yRef = new Float32Array(rows * d.co);
    accel.sgemm(false, false, rows, d.co, k, cols, filter, yRef, 1, 0, 0);
    expect(bytes(y).equals(bytes(yRef))).toBe(true);

    const dw = new Float32Array(k * d.co);
    accel.conv2d(1, x, dy, dw, ...dims);
    const dwRef = new Float32Array(k * d.co);
    accel.sgemm(true, false, k, d.co, rows, cols, dy, dwRef, 1, 0, 0);
    expect(bytes(dw).equals(bytes(dwRef))).toBe(true);

    const dx = new Float32Array(x.length);
    accel.conv2d(2, dy, filter, dx, ...dims);
    const dcols = new Float32Array(rows * k);
    accel.sgemm(false, true, rows, k, d.co, dy, filter, dcols, 1, 0, 0);
    expect(bytes(dx).equals(bytes(col2im(dcols, d, oh, ow)))).toBe(true);
    // not vacuous: the windows reach the data
    expect(y.some((v) => v !== 0) && dx.some((v) => v !== 0)).toBe(true);
  });
});
