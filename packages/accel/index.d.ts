/** The native addon: row-major single-precision GEMM over the system OpenBLAS (one thread). */
export interface Accel {
  /**
   * For i in 0..batch-1: C[i·m·n ..] = op(A[i·strideA ..]) · op(B[i·strideB ..]) with op(A) of shape [m, k] and
   * op(B) of shape [k, n]; a stride of 0 uses one matrix for the whole batch. Throws a RangeError when an array is
   * shorter than its matrices.
   */
  sgemm(
    transA: boolean,
    transB: boolean,
    m: number,
    n: number,
    k: number,
    a: Float32Array,
    b: Float32Array,
    c: Float32Array,
    batch: number,
    strideA: number,
    strideB: number,
  ): void;
  /**
   * Adam's update of one parameter in place (p, m, v from g), float32 operations in the same order as Plas's
   * kernel path: m = m·β1 + g·oneMinusBeta1; v = v·β2 + (g·g)·oneMinusBeta2; p = p - (m / (√v / sqrtBc2 + eps))·stepSize.
   * Each constant is rounded to float32 first. The four arrays must not share memory (a RangeError otherwise). On
   * x86-64 Linux the loop also runs 16 or 8 lanes wide where the CPU has AVX-512 or AVX2, with the same bits.
   */
  adamUpdate(
    p: Float32Array,
    m: Float32Array,
    v: Float32Array,
    g: Float32Array,
    beta1: number,
    oneMinusBeta1: number,
    beta2: number,
    oneMinusBeta2: number,
    sqrtBc2: number,
    eps: number,
    stepSize: number,
  ): void;
  /** Plain SGD's update of one parameter in place: p = p - g·lr in float32 (lr rounded to float32 first). */
  sgdUpdate(p: Float32Array, g: Float32Array, lr: number): void;
  /**
   * A 2-D convolution (NHWC, filter [kh, kw, c, co], dilation 1, strides sh/sw, pads top/left; the output size oh×ow
   * implies the rest) as im2col + GEMM. mode 0: forward (a = x, b = filter, out = y [n, oh, ow, co]); 1: filter
   * gradient (a = x, b = dy, out = dW); 2: input gradient (a = dy, b = filter, out = dx [n, h, w, c]).
   */
  conv2d(
    mode: 0 | 1 | 2,
    a: Float32Array,
    b: Float32Array,
    out: Float32Array,
    n: number,
    h: number,
    w: number,
    c: number,
    kh: number,
    kw: number,
    co: number,
    oh: number,
    ow: number,
    sh: number,
    sw: number,
    top: number,
    left: number,
  ): void;
  /**
   * MaxPool's gradient for non-overlapping windows (sh ≥ fh, sw ≥ fw), NHWC, bitwise tfjs-backend-wasm's kernel:
   * dx gets dy at each window's max position (its rules for ties and windows of values ≤ 0 included).
   */
  maxPoolGrad(
    x: Float32Array,
    dy: Float32Array,
    dx: Float32Array,
    n: number,
    h: number,
    w: number,
    c: number,
    oh: number,
    ow: number,
    fh: number,
    fw: number,
    sh: number,
    sw: number,
    top: number,
    left: number,
  ): void;
  /**
   * out[j] = Σ_r x[r·cols + j] for r = 0..rows-1, added in row order from 0 in float32 (tfjs-backend-wasm's Sum over
   * the leading axes: a bias gradient). Throws a RangeError when an array is shorter than its shape.
   */
  columnSums(x: Float32Array, rows: number, cols: number, out: Float32Array): void;
  /** OpenBLAS's build configuration, the core kernel it chose and its thread count (e.g. "OpenBLAS 0.3.21 ...; core SkylakeX; 1 thread(s)"). */
  readonly blasInfo: string;
}

export type AccelLoad = { ok: true; accel: Accel } | { ok: false; reason: string };

/** The addon, or why it could not be loaded (not built at install, missing libopenblas, ...). Never throws. */
export function loadAccel(): AccelLoad;
