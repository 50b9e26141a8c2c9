/** Kernels the wasm backend lacks and our models need, one file per kernel; registered once, idempotently. */
import { getKernel, registerKernel } from '@tensorflow/tfjs-core';
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { conv2dBackpropFilterWasm } from './conv2d-backprop-filter.ts';
import { unsortedSegmentSumWasm } from './unsorted-segment-sum.ts';

const WASM_EXTRA_KERNELS: KernelConfig[] = [conv2dBackpropFilterWasm, unsortedSegmentSumWasm];

export function registerWasmKernels(): void {
  for (const config of WASM_EXTRA_KERNELS) {
    if (!getKernel(config.kernelName, config.backendName)) registerKernel(config);
  }
}
