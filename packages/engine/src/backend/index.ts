export { selectBackend, BackendError, BACKEND_PREFERENCES } from './select.ts';
export type { BackendPreference } from './select.ts';
export { fastMatMul } from './fast-matmul.ts';
export { registerWasmKernels } from './kernels/index.ts';
export { backendIdentity, setAccelEnabled, accelUnavailableReason } from './accel.ts';
