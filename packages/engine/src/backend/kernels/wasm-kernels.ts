/**
 * Calling the wasm backend's own kernels from inside a kernel of ours (so composite kernels run at wasm speed
 * without creating tfjs tensors), and freeing their intermediate outputs.
 */
import { getKernel } from '@tensorflow/tfjs-core';
import type { KernelBackend, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';

export function runWasmKernel(
  name: string,
  backend: object,
  inputs: Record<string, TensorInfo>,
  attrs: Record<string, unknown>,
): TensorInfo {
  const config = getKernel(name, 'wasm');
  if (!config) throw new Error(`wasm kernel '${name}' is not registered (load @tensorflow/tfjs-backend-wasm first)`);
  return config.kernelFunc({ inputs, backend: backend as KernelBackend, attrs: attrs as NamedAttrMap }) as TensorInfo;
}

export function release(backend: object, ...infos: TensorInfo[]): void {
  for (const info of infos) (backend as KernelBackend).disposeData(info.dataId);
}
