/**
 * UnsortedSegmentSum for the wasm backend, which lacks it; tfjs uses it for the gradient of tf.gather.
 *
 *   out[s, ...] = Σ_{i : segmentIds[i] = s} x[i, ...],   s ∈ [0, numSegments); ids outside the range are dropped
 * (TensorFlow's semantics). segmentIds has the shape of x's leading axes; the sum runs over them in index order,
 * like the cpu backend, in float32.
 */
import { util } from '@tensorflow/tfjs-core';
import type { DataType, KernelConfig, KernelFunc, TensorInfo, TypedArray } from '@tensorflow/tfjs-core';

interface Backend {
  readSync(dataId: object): TypedArray;
  makeOutput(shape: number[], dtype: DataType, memoryOffset?: number, values?: TypedArray): TensorInfo;
}

const unsortedSegmentSum: KernelFunc = ({ inputs, backend, attrs }) => {
  const x = inputs['x'] as TensorInfo;
  const ids = inputs['segmentIds'] as TensorInfo;
  const numSegments = (attrs as { numSegments: number }).numSegments;
  const b = backend as unknown as Backend;
  const xVals = b.readSync(x.dataId);
  const idVals = b.readSync(ids.dataId);
  const inner = util.sizeFromShape(x.shape.slice(ids.shape.length));
  const outShape = [numSegments, ...x.shape.slice(ids.shape.length)];
  const out = x.dtype === 'int32' ? new Int32Array(numSegments * inner) : new Float32Array(numSegments * inner);
  for (let i = 0; i < idVals.length; i++) {
    const s = idVals[i]!;
    if (s < 0 || s >= numSegments) continue;
    const src = i * inner;
    const dst = s * inner;
    for (let j = 0; j < inner; j++) out[dst + j] = (out[dst + j] ?? 0) + (xVals[src + j] ?? 0);
  }
  return b.makeOutput(outShape, x.dtype, undefined, out);
};

export const unsortedSegmentSumWasm: KernelConfig = {
  kernelName: 'UnsortedSegmentSum',
  backendName: 'wasm',
  kernelFunc: unsortedSegmentSum,
};
