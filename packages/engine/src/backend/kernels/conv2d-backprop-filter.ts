/**
 * Conv2DBackpropFilter for the wasm backend, which lacks it (tfjs issue #8474), so conv nets can train on wasm.
 *
 * For a forward conv y = conv(x, W) with strides s, pads (top, left) and dilation 1,
 *   dW[kh, kw, ci, co] = Σ_{n, oh, ow} x[n, oh·s_h + kh - top, ow·s_w + kw - left, ci] · dy[n, oh, ow, co],
 * which is itself a forward conv: the input xᵀ = x transposed to [ci, H, W, n] (the batch becomes the channel axis),
 * the filter dyᵀ = dy transposed to [oh, ow, n, co], stride 1, dilation s (the forward strides), the forward's
 * explicit pads. Its output [ci, kh', kw', co] has kh' ≥ kh (the forward floors its output size), so it is cropped
 * to the filter size and transposed to [kh, kw, ci, co]. Built from wasm's own Transpose/Conv2D/Slice kernels; with
 * the native accelerator active, im2col + GEMM instead (accel-conv.ts).
 */
import { backend_util } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { convViaAccel } from './accel-conv.ts';
import { release, runWasmKernel } from './wasm-kernels.ts';

interface Attrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

const conv2dBackpropFilter: KernelFunc = ({ inputs, backend, attrs }) => {
  const x = inputs['x'] as TensorInfo;
  const dy = inputs['dy'] as TensorInfo;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as Attrs;
  if (dataFormat !== 'NHWC') throw new Error(`Conv2DBackpropFilter (wasm): only NHWC is supported, got ${dataFormat}`);
  const info = backend_util.computeConv2DInfo(x.shape as [number, number, number, number], filterShape, strides, 1, pad, dimRoundingMode);
  const viaAccel = convViaAccel(1, backend, x, dy, info);
  if (viaAccel !== null) return viaAccel;
  const { top, bottom, left, right } = info.padInfo;
  const xT = runWasmKernel('Transpose', backend, { x }, { perm: [3, 1, 2, 0] });
  const dyT = runWasmKernel('Transpose', backend, { x: dy }, { perm: [1, 2, 0, 3] });
  const full = runWasmKernel('Conv2D', backend, { x: xT, filter: dyT }, {
    strides: [1, 1],
    pad: [[0, 0], [top, bottom], [left, right], [0, 0]],
    dataFormat: 'NHWC',
    dilations: [info.strideHeight, info.strideWidth],
    dimRoundingMode: undefined,
  });
  release(backend, xT, dyT);
  const [kh, kw, ci, co] = filterShape;
  const cropped = runWasmKernel('Slice', backend, { x: full }, { begin: [0, 0, 0, 0], size: [ci, kh, kw, co] });
  release(backend, full);
  const dW = runWasmKernel('Transpose', backend, { x: cropped }, { perm: [1, 2, 0, 3] });
  release(backend, cropped);
  return dW;
};

export const conv2dBackpropFilterWasm: KernelConfig = {
  kernelName: 'Conv2DBackpropFilter',
  backendName: 'wasm',
  kernelFunc: conv2dBackpropFilter,
};
