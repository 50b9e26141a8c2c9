/**
 * BatchMatMul on the wasm backend through the native accelerator (OpenBLAS sgemm on the wasm heap, no copies):
 * wraps wasm's own kernel, which still runs when the accelerator is inactive (bit for bit as before) and for
 * cases the accelerator does not take (non-float32, batch broadcasting other than one-to-many).
 *
 * Shapes as tfjs's: a [...batchA, M, K] (or [..., K, M] with transposeA), b [...batchB, K, N] (or [..., N, K]);
 * out [...broadcast(batchA, batchB), M, N].
 */
import { broadcast_util, util } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { activeAccel } from '../accel.ts';

interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array;
}

export function accelBatchMatMulWasm(original: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const accel = activeAccel();
    const a = args.inputs['a'] as TensorInfo;
    const b = args.inputs['b'] as TensorInfo;
    if (accel === null || a.dtype !== 'float32' || b.dtype !== 'float32') return original.kernelFunc(args);
    const { transposeA, transposeB } = args.attrs as unknown as { transposeA: boolean; transposeB: boolean };
    const ra = a.shape.length;
    const rb = b.shape.length;
    const k = transposeA ? a.shape[ra - 2]! : a.shape[ra - 1]!;
    const kb = transposeB ? b.shape[rb - 1]! : b.shape[rb - 2]!;
    const m = transposeA ? a.shape[ra - 1]! : a.shape[ra - 2]!;
    const n = transposeB ? b.shape[rb - 2]! : b.shape[rb - 1]!;
    const batchA = util.sizeFromShape(a.shape.slice(0, -2));
    const batchB = util.sizeFromShape(b.shape.slice(0, -2));
    // the same shape errors as wasm's kernel; uneven broadcasting (e.g. [2,1]×[1,3] batch dims) stays there too
    if (k !== kb || (batchA !== batchB && batchA !== 1 && batchB !== 1)) return original.kernelFunc(args);
    const outer = broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
    if (util.sizeFromShape(outer) !== Math.max(batchA, batchB)) return original.kernelFunc(args);
    const backend = args.backend as unknown as WasmHeapBackend;
    const out = backend.makeOutput([...outer, m, n], 'float32');
    // views after the allocation: growing the wasm memory detaches earlier views
    const av = backend.typedArrayFromHeap(a);
    const bv = backend.typedArrayFromHeap(b);
    const ov = backend.typedArrayFromHeap(out);
    const batch = Math.max(batchA, batchB);
    accel.sgemm(transposeA, transposeB, m, n, k, av, bv, ov, batch, batchA > 1 ? m * k : 0, batchB > 1 ? k * n : 0);
    return out;
  };
  return { ...original, kernelFunc };
}
