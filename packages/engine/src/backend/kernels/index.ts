/**
 * Kernels the wasm backend lacks (or has only as slow loops) and our models need, one file per kernel; registered
 * once, idempotently, before the wasm backend initialises (so the original kernels' setup still runs).
 */
import { getKernel, registerKernel, unregisterKernel } from '@tensorflow/tfjs-core';
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { conv2dBackpropFilterWasm } from './conv2d-backprop-filter.ts';
import { conv2dBackpropInputWasm } from './conv2d-backprop-input.ts';
import { unsortedSegmentSumWasm } from './unsorted-segment-sum.ts';

const WASM_EXTRA_KERNELS: KernelConfig[] = [conv2dBackpropFilterWasm, unsortedSegmentSumWasm];

/** Replacements for existing wasm kernels: name → wrapper of the original. */
const WASM_OVERRIDES: Record<string, (original: KernelConfig) => KernelConfig> = {
  Conv2DBackpropInput: conv2dBackpropInputWasm,
};

const replaced = new WeakSet<KernelConfig>();

export function registerWasmKernels(): void {
  for (const config of WASM_EXTRA_KERNELS) {
    if (!getKernel(config.kernelName, config.backendName)) registerKernel(config);
  }
  for (const [name, wrap] of Object.entries(WASM_OVERRIDES)) {
    const original = getKernel(name, 'wasm');
    if (!original || replaced.has(original)) continue;
    const replacement = wrap(original);
    replaced.add(replacement);
    unregisterKernel(name, 'wasm');
    registerKernel(replacement);
  }
}
