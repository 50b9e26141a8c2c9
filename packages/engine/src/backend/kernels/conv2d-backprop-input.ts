/**
 * A faster Conv2DBackpropInput for the wasm backend on stride-1 convs (all of our models'): wasm has this kernel,
 * but as a plain loop it took ~45% of a small CNN's training step, while its forward Conv2D runs on XNNPACK.
 *
 * For y = conv(x, W) with stride 1, dilation 1 and pads (top, left), the input gradient is a forward conv:
 *   dx[n, h, w, ci] = Σ_{a, b, co} dyₚ[n, h + a, w + b, co] · W[k_h-1-a, k_w-1-b, ci, co]
 * i.e. dy padded by (k_h-1-top) above / (k_w-1-left) left (and what makes the output H×W below/right), convolved
 * with W rotated by 180° and transposed to [k_h, k_w, co, ci]. Other strides use wasm's original kernel. With the
 * native accelerator active, any stride goes through im2col + GEMM instead (accel-conv.ts).
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
  inputShape: [number, number, number, number];
}

/** Wraps wasm's own kernel, which still serves strided convs. */
export function conv2dBackpropInputWasm(original: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const { inputs, backend, attrs } = args;
    const dy = inputs['dy'] as TensorInfo;
    const filter = inputs['filter'] as TensorInfo;
    const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs as unknown as Attrs;
    const info = backend_util.computeConv2DInfo(inputShape, filter.shape as [number, number, number, number], strides, 1, pad, dimRoundingMode);
    const viaAccel = dataFormat === 'NHWC' ? convViaAccel(2, backend, dy, filter, info) : null;
    if (viaAccel !== null) return viaAccel;
    const [kh, kw] = filter.shape as [number, number];
    const top = kh - 1 - info.padInfo.top;
    const left = kw - 1 - info.padInfo.left;
    const bottom = inputShape[1] - dy.shape[1]! + kh - 1 - top;
    const right = inputShape[2] - dy.shape[2]! + kw - 1 - left;
    if (dataFormat !== 'NHWC' || info.strideHeight !== 1 || info.strideWidth !== 1 || Math.min(top, left, bottom, right) < 0) {
      return original.kernelFunc(args);
    }
    const rotated = runWasmKernel('Reverse', backend, { x: filter }, { dims: [0, 1] });
    const flipped = runWasmKernel('Transpose', backend, { x: rotated }, { perm: [0, 1, 3, 2] });
    release(backend, rotated);
    const dx = runWasmKernel('Conv2D', backend, { x: dy, filter: flipped }, {
      strides: [1, 1],
      pad: [[0, 0], [top, bottom], [left, right], [0, 0]],
      dataFormat: 'NHWC',
      dilations: [1, 1],
      dimRoundingMode: undefined,
    });
    release(backend, flipped);
    return dx;
  };
  return { ...original, kernelFunc };
}
