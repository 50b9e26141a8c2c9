/**
 * 2-D convolutions on the native accelerator (im2col + OpenBLAS GEMM on the wasm heap, @plas/accel's conv2d) for
 * NHWC, dilation 1: the forward Conv2D (a wrapper of wasm's XNNPACK kernel) and the two gradients (called first by
 * our Conv2DBackpropFilter / Conv2DBackpropInput kernels). When the accelerator is inactive or a case is outside
 * what it takes, `convViaAccel` returns null and wasm's path runs, bit for bit as before.
 */
import { backend_util } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { activeAccel } from '../accel.ts';

interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array;
}

/** 0: y = conv(a = x, b = W); 1: dW from (a = x, b = dy); 2: dx from (a = dy, b = W). */
export type ConvMode = 0 | 1 | 2;

export function convViaAccel(mode: ConvMode, backend: unknown, a: TensorInfo, b: TensorInfo, info: backend_util.Conv2DInfo): TensorInfo | null {
  const accel = activeAccel();
  if (accel === null || a.dtype !== 'float32' || b.dtype !== 'float32') return null;
  if (info.dataFormat !== 'channelsLast' || info.dilationHeight !== 1 || info.dilationWidth !== 1) return null;
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, filterHeight: kh, filterWidth: kw, outChannels: co } = info;
  const shape = mode === 0 ? [n, info.outHeight, info.outWidth, co] : mode === 1 ? [kh, kw, c, co] : [n, h, w, c];
  const heap = backend as WasmHeapBackend;
  const out = heap.makeOutput(shape, 'float32');
  // views after the allocation: growing the heap detaches earlier ones
  const A = heap.typedArrayFromHeap(a);
  const B = heap.typedArrayFromHeap(b);
  const O = heap.typedArrayFromHeap(out);
  accel.conv2d(mode, A, B, O, n, h, w, c, kh, kw, co, info.outHeight, info.outWidth, info.strideHeight, info.strideWidth, info.padInfo.top, info.padInfo.left);
  return out;
}

interface Conv2DAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dilations: [number, number] | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** The forward Conv2D: the accelerator when it takes the case, else wasm's own kernel. */
export function accelConv2dWasm(original: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const x = args.inputs['x'] as TensorInfo;
    const filter = args.inputs['filter'] as TensorInfo;
    const { strides, pad, dataFormat, dilations, dimRoundingMode } = args.attrs as unknown as Conv2DAttrs;
    if (activeAccel() === null || dataFormat !== 'NHWC') return original.kernelFunc(args);
    const info = backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number],
      filter.shape as [number, number, number, number],
      strides,
      dilations,
      pad,
      dimRoundingMode,
    );
    return convViaAccel(0, args.backend, x, filter, info) ?? original.kernelFunc(args);
  };
  return { ...original, kernelFunc };
}
