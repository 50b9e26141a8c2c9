/**
 * MaxPoolGrad for the wasm backend when pooling windows do not overlap (stride ≥ window, as in all of our models):
 * one pass over the forward input on the heap that routes each output gradient to its window's maximum. wasm's
 * own kernel, a loop over windows per input position, was 39% of a small CNN's training step; it still serves
 * overlapping windows and dilations.
 *
 *   dx[n, h, w, c] = 0 + dy[n, oh, ow, c] · [(n, h, w, c) is the window's max position]
 * with wasm's own rules (tfjs-backend-wasm's MaxPoolGrad.cc), kept so dx is bitwise wasm's: the max position is the
 * last one in row-major window order with x ≥ the running maximum, which starts at FLT_MIN at offset 0 of x (so a
 * window of values ≤ 0, common after a ReLU, routes its gradient to x's first element only if it holds it); the
 * product with the 0/1 mask turns a non-finite dy into NaN across its window, as there.
 */
import { backend_util } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { activeAccel } from '../accel.ts';

/** wasm's kernel starts each window's maximum at the smallest positive normal float, at offset 0 of x. */
const FLT_MIN = 1.1754943508222875e-38;

interface Attrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array;
}

export function maxPoolGradWasm(original: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const dy = args.inputs['dy'] as TensorInfo;
    const x = args.inputs['input'] as TensorInfo;
    const { filterSize, strides, pad, dimRoundingMode } = args.attrs as unknown as Attrs;
    if (x.dtype !== 'float32' || dy.dtype !== 'float32' || x.shape.length !== 4) return original.kernelFunc(args);
    const info = backend_util.computePool2DInfo(x.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode);
    const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW, strideHeight: sh, strideWidth: sw } = info;
    const fh = info.effectiveFilterHeight;
    const fw = info.effectiveFilterWidth;
    if (info.dilationHeight !== 1 || info.dilationWidth !== 1 || sh < fh || sw < fw) return original.kernelFunc(args);
    const backend = args.backend as unknown as WasmHeapBackend;
    const out = backend.makeOutput(x.shape, 'float32');
    const X = backend.typedArrayFromHeap(x);
    const DY = backend.typedArrayFromHeap(dy);
    const DX = backend.typedArrayFromHeap(out);
    const top = info.padInfo.top;
    const left = info.padInfo.left;
    const accel = activeAccel();
    if (accel !== null) {
      // the same loop in C (the accelerator's), several times faster than this JS on the heap
      accel.maxPoolGrad(X, DY, DX, N, H, W, C, OH, OW, fh, fw, sh, sw, top, left);
      return out;
    }
    DX.fill(0); // positions outside every window (dropped last rows/columns)
    const best = new Float32Array(C);
    const pos = new Int32Array(C);
    for (let n = 0; n < N; n++) {
      for (let oh = 0; oh < OH; oh++) {
        const h0 = Math.max(0, oh * sh - top);
        const h1 = Math.min(H, oh * sh - top + fh);
        for (let ow = 0; ow < OW; ow++) {
          const w0 = Math.max(0, ow * sw - left);
          const w1 = Math.min(W, ow * sw - left + fw);
          best.fill(FLT_MIN);
          pos.fill(0);
          for (let h = h0; h < h1; h++) {
            for (let w = w0; w < w1; w++) {
              const base = ((n * H + h) * W + w) * C;
              for (let c = 0; c < C; c++) {
                const v = X[base + c]!;
                if (v >= best[c]!) {
                  best[c] = v;
                  pos[c] = base + c;
                }
              }
            }
          }
          const dyBase = ((n * OH + oh) * OW + ow) * C;
          for (let h = h0; h < h1; h++) {
            for (let w = w0; w < w1; w++) {
              const base = ((n * H + h) * W + w) * C;
              for (let c = 0; c < C; c++) DX[base + c] = 0 + DY[dyBase + c]! * (base + c === pos[c] ? 1 : 0);
            }
          }
        }
      }
    }
    return out;
  };
  return { ...original, kernelFunc };
}
