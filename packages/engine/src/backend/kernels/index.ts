/**
 * Kernels the wasm backend lacks (or has only as slow loops) and our models need, one file per kernel; registered
 * once, idempotently, before the wasm backend initialises (so the original kernels' setup still runs).
 */
import { getKernel, registerKernel, unregisterKernel } from '@tensorflow/tfjs-core';
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { accelConv2dWasm } from './accel-conv.ts';
import { accelBatchMatMulWasm } from './accel-matmul.ts';
import { conv2dBackpropFilterWasm } from './conv2d-backprop-filter.ts';
import { conv2dBackpropInputWasm } from './conv2d-backprop-input.ts';
import { maxPoolGradWasm } from './max-pool-grad.ts';
import { unsortedSegmentSumWasm } from './unsorted-segment-sum.ts';

const WASM_EXTRA_KERNELS: KernelConfig[] = [conv2dBackpropFilterWasm, unsortedSegmentSumWasm];

/** Replacements for existing wasm kernels: name → wrapper of the original (which they call where they do not apply). */
const WASM_OVERRIDES: Record<string, (original: KernelConfig) => KernelConfig> = {
  Conv2DBackpropInput: conv2dBackpropInputWasm,
  MaxPoolGrad: maxPoolGradWasm,
  // the native accelerator when it is active (backend/accel.ts), else wasm's own kernel
  BatchMatMul: accelBatchMatMulWasm,
  Conv2D: accelConv2dWasm,
};

const replaced = new WeakSet<KernelConfig>();
const originals = new Map<string, KernelConfig>();

/** wasm's own kernel that an override replaced (tests compare the two). */
export function originalWasmKernel(name: string): KernelConfig | undefined {
  return originals.get(name);
}

export function registerWasmKernels(): void {
  for (const config of WASM_EXTRA_KERNELS) {
    if (!getKernel(config.kernelName, config.backendName)) registerKernel(config);
  }
  for (const [name, wrap] of Object.entries(WASM_OVERRIDES)) {
    const original = getKernel(name, 'wasm');
    if (!original || replaced.has(original)) continue;
    const replacement = wrap(original);
    replaced.add(replacement);
    originals.set(name, original);
    unregisterKernel(name, 'wasm');
    registerKernel(replacement);
  }
}
