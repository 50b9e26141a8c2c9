/*
 * @plas/accel: single-precision GEMM over the system's CBLAS (OpenBLAS), for Plas's wasm backend.
 *
 * sgemm(transA, transB, M, N, K, A, B, C, batch, strideA, strideB) computes, for i in 0..batch-1,
 *   C[i] = op(A[i]) · op(B[i])     (row-major; op = transpose when asked)
 * with A[i] = A + i·strideA (0 broadcasts one matrix over the batch), C[i] = C + i·M·N. A, B and C are
 * Float32Arrays (views on the wasm heap); their lengths are checked before BLAS touches them.
 *
 * OpenBLAS runs one thread: Plas runs one worker per core, and a fixed thread count keeps every sum in the same
 * order, so results are bitwise the same run to run.
 */
#include <node_api.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <float.h>
#include <math.h>
#include <cblas.h>

#define CHECK(call)                                                        \
  do {                                                                     \
    if ((call) != napi_ok) {                                               \
      napi_throw_error(env, NULL, "@plas/accel: N-API call failed: " #call); \
      return NULL;                                                         \
    }                                                                      \
  } while (0)

static int float_array(napi_env env, napi_value v, float** data, size_t* length) {
  bool is_typed = false;
  if (napi_is_typedarray(env, v, &is_typed) != napi_ok || !is_typed) return 0;
  napi_typedarray_type type;
  void* raw = NULL;
  if (napi_get_typedarray_info(env, v, &type, length, &raw, NULL, NULL) != napi_ok) return 0;
  if (type != napi_float32_array) return 0;
  *data = (float*)raw;
  return 1;
}

static int64_t int_arg(napi_env env, napi_value v, int* ok) {
  int64_t out = 0;
  if (napi_get_value_int64(env, v, &out) != napi_ok || out < 0) *ok = 0;
  return out;
}

static napi_value sgemm(napi_env env, napi_callback_info info) {
  size_t argc = 11;
  napi_value argv[11];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc != 11) {
    napi_throw_type_error(env, NULL, "@plas/accel sgemm: expected 11 arguments");
    return NULL;
  }
  bool ta = false, tb = false;
  CHECK(napi_get_value_bool(env, argv[0], &ta));
  CHECK(napi_get_value_bool(env, argv[1], &tb));
  int ok = 1;
  int64_t m = int_arg(env, argv[2], &ok), n = int_arg(env, argv[3], &ok), k = int_arg(env, argv[4], &ok);
  int64_t batch = int_arg(env, argv[8], &ok), sa = int_arg(env, argv[9], &ok), sb = int_arg(env, argv[10], &ok);
  float *a = NULL, *b = NULL, *c = NULL;
  size_t la = 0, lb = 0, lc = 0;
  if (!ok || !float_array(env, argv[5], &a, &la) || !float_array(env, argv[6], &b, &lb) || !float_array(env, argv[7], &c, &lc)) {
    napi_throw_type_error(env, NULL, "@plas/accel sgemm: sizes must be non-negative integers and A, B, C Float32Arrays");
    return NULL;
  }
  if (batch == 0 || m == 0 || n == 0) return NULL;
  if (m > INT32_MAX || n > INT32_MAX || k > INT32_MAX ||
      (uint64_t)(batch - 1) * sa + (uint64_t)(m * k) > la || (uint64_t)(batch - 1) * sb + (uint64_t)(k * n) > lb ||
      (uint64_t)batch * m * n > lc) {
    napi_throw_range_error(env, NULL, "@plas/accel sgemm: an array is shorter than its matrices");
    return NULL;
  }
  if (k == 0) {
    memset(c, 0, sizeof(float) * (size_t)(batch * m * n));
    return NULL;
  }
  const int lda = ta ? (int)m : (int)k;
  const int ldb = tb ? (int)k : (int)n;
  for (int64_t i = 0; i < batch; i++) {
    cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, (int)m, (int)n, (int)k,
                1.0f, a + i * sa, lda, b + i * sb, ldb, 0.0f, c + i * m * n, (int)n);
  }
  return NULL;
}

/* Whether two arrays of n floats share memory. */
static int overlap(const float *a, const float *b, size_t n) {
  return n > 0 && (uintptr_t)a < (uintptr_t)(b + n) && (uintptr_t)b < (uintptr_t)(a + n);
}

/*
 * Adam's loop over four arrays that do not overlap (restrict; adam_update checks). Two square roots'
 * and two divisions' worth of work per element bound it, so on x86-64 Linux it is also compiled for AVX-512 and AVX2 (16 or 8
 * lanes instead of SSE2's 4), chosen at load time by the CPU: without FMA (-ffp-contract=off) and with exactly rounded
 * vsqrtps/vdivps, every lane computes the same float32 operations in the same order, so both builds give the same bits.
 */
#if defined(__x86_64__) && defined(__linux__) && defined(__GNUC__)
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
static void adam_loop(float *restrict p, float *restrict m, float *restrict v, const float *restrict g, size_t n,
                      float b1, float ob1, float b2, float ob2, float bc2, float eps, float step) {
  for (size_t i = 0; i < n; i++) {
    const float gi = g[i];
    const float mi = m[i] * b1 + gi * ob1;
    const float vi = v[i] * b2 + (gi * gi) * ob2;
    m[i] = mi;
    v[i] = vi;
    const float denom = sqrtf(vi) / bc2 + eps;
    p[i] = p[i] - (mi / denom) * step;
  }
}

/*
 * adamUpdate(P, M, V, G, beta1, 1-beta1, beta2, 1-beta2, sqrtBc2, eps, stepSize): Adam's update of one parameter
 * in place, every operation in float32 in the same order as Plas's kernel path (compiled without contraction
 * into FMAs, see scripts/build.mjs), so the result is bitwise the same:
 *   m = m·β1 + g·(1-β1);  v = v·β2 + (g·g)·(1-β2);  p = p - (m / (√v / sqrtBc2 + eps))·stepSize
 */
static napi_value adam_update(napi_env env, napi_callback_info info) {
  size_t argc = 11;
  napi_value argv[11];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  float *p = NULL, *m = NULL, *v = NULL, *g = NULL;
  size_t lp = 0, lm = 0, lv = 0, lg = 0;
  if (argc != 11 || !float_array(env, argv[0], &p, &lp) || !float_array(env, argv[1], &m, &lm) ||
      !float_array(env, argv[2], &v, &lv) || !float_array(env, argv[3], &g, &lg) || lm != lp || lv != lp || lg != lp) {
    napi_throw_type_error(env, NULL, "@plas/accel adamUpdate: expected four Float32Arrays of one length and 7 numbers");
    return NULL;
  }
  double k[7];
  for (int i = 0; i < 7; i++) CHECK(napi_get_value_double(env, argv[4 + i], &k[i]));
  const float b1 = (float)k[0], ob1 = (float)k[1], b2 = (float)k[2], ob2 = (float)k[3];
  const float bc2 = (float)k[4], eps = (float)k[5], step = (float)k[6];
  if (overlap(p, m, lp) || overlap(p, v, lp) || overlap(p, g, lp) || overlap(m, v, lp) || overlap(m, g, lp) || overlap(v, g, lp)) {
    napi_throw_range_error(env, NULL, "@plas/accel adamUpdate: P, M, V and G must be four separate arrays");
    return NULL;
  }
  adam_loop(p, m, v, g, lp, b1, ob1, b2, ob2, bc2, eps, step);
  return NULL;
}

/*
 * sgdUpdate(P, G, lr): plain SGD's update of one parameter in place, p = p - g·lr in float32 (the product rounded,
 * then the difference), the two kernels of Plas's kernel path (Mul, Sub) in one loop: bitwise the same.
 */
static napi_value sgd_update(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  float *p = NULL, *g = NULL;
  size_t lp = 0, lg = 0;
  double lr = 0;
  if (argc != 3 || !float_array(env, argv[0], &p, &lp) || !float_array(env, argv[1], &g, &lg) || lg != lp ||
      napi_get_value_double(env, argv[2], &lr) != napi_ok) {
    napi_throw_type_error(env, NULL, "@plas/accel sgdUpdate: expected two Float32Arrays of one length and a number");
    return NULL;
  }
  const float rate = (float)lr;
  for (size_t i = 0; i < lp; i++) p[i] = p[i] - g[i] * rate;
  return NULL;
}

/*
 * columnSums(x, rows, cols, out): out[j] = Σ_r x[r, j] in float32, rows added in order from 0 — tfjs-backend-wasm's
 * Sum over the leading axes of an NHWC gradient (it transposes, then adds each channel's values in memory order), a
 * conv layer's bias gradient. The loop over j vectorises while each column keeps its own order of additions, so the
 * sums are bit for bit the kernel's without the transposed copy.
 */
static napi_value column_sums(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  int ok = argc == 4;
  const int64_t rows = ok ? int_arg(env, argv[1], &ok) : 0, cols = ok ? int_arg(env, argv[2], &ok) : 0;
  float *x = NULL, *out = NULL;
  size_t lx = 0, lo = 0;
  if (!ok || !float_array(env, argv[0], &x, &lx) || !float_array(env, argv[3], &out, &lo)) {
    napi_throw_type_error(env, NULL, "@plas/accel columnSums: expected a Float32Array, two non-negative integers and a Float32Array");
    return NULL;
  }
  if (lx < (uint64_t)(rows * cols) || lo < (uint64_t)cols) {
    napi_throw_range_error(env, NULL, "@plas/accel columnSums: an array shorter than its shape");
    return NULL;
  }
  float* restrict sums = out;
  const float* restrict values = x;
  for (int64_t j = 0; j < cols; j++) sums[j] = 0.0f;
  for (int64_t r = 0; r < rows; r++) {
    const float* row = values + r * cols;
    for (int64_t j = 0; j < cols; j++) sums[j] += row[j];
  }
  return NULL;
}

/*
 * 2-D convolutions (NHWC input, [KH, KW, C, CO] filter, dilation 1) as GEMMs over an im2col matrix:
 *   cols[p, k] = x[n, oh·SH - TOP + kh, ow·SW - LEFT + kw, c]   (0 outside x),  p = (n, oh, ow), k = (kh, kw, c)
 *   forward          y[p, co]  = cols · W
 *   filter gradient  dW[k, co] = colsᵀ · dy          (summed over chunks of images, in order)
 *   input gradient   dx        = col2im(dy · Wᵀ)     (scatter-added in a fixed order)
 * Images go through in chunks so the im2col scratch stays under ~64 MiB whatever the batch.
 */
typedef struct {
  int64_t n, h, w, c, kh, kw, co, oh, ow, sh, sw, top, left;
} ConvDims;

static float* scratch = NULL;
static size_t scratch_len = 0;

static float* scratch_for(size_t len) {
  if (len > scratch_len) {
    float* grown = (float*)realloc(scratch, len * sizeof(float));
    if (!grown) return NULL;
    scratch = grown;
    scratch_len = len;
  }
  return scratch;
}

/*
 * A span of n floats copied (or zeroed) with fixed-size moves the compiler inlines, overlapping at the end, instead of
 * the call to memcpy/memset that GCC makes of a plain loop (a grey image's spans are 5 floats). With the bounds checks
 * hoisted out of the common case in im2col, a [128, 28, 28, 1] batch through Kumar's first layer takes 0.4 ms of
 * im2col instead of 2.3, and [512, 12, 12, 16] through the second 2.2 ms instead of 3.6 (C harness, equal bytes).
 */
static inline void copy_span(float* restrict dst, const float* restrict src, int64_t n) {
  if (n >= 8) {
    int64_t j = 0;
    for (; j + 8 <= n; j += 8) __builtin_memcpy(dst + j, src + j, 8 * sizeof(float));
    if (j < n) __builtin_memcpy(dst + n - 8, src + n - 8, 8 * sizeof(float));
  } else if (n >= 4) {
    __builtin_memcpy(dst, src, 4 * sizeof(float));
    __builtin_memcpy(dst + n - 4, src + n - 4, 4 * sizeof(float));
  } else {  /* written out: GCC turns a loop here back into a call */
    if (n > 0) dst[0] = src[0];
    if (n > 1) dst[1] = src[1];
    if (n > 2) dst[2] = src[2];
  }
}

static inline void zero_span(float* dst, int64_t n) {
  static const float zeros[8] = {0};
  for (int64_t j = 0; j < n; j += 8) copy_span(dst + j, zeros, n - j < 8 ? n - j : 8);
}

/*
 * Within one kernel row the kw·c values of a window are contiguous in x (NHWC) whenever the row lies inside x, so
 * each is one copy or add of kw·c floats. The per-pixel loops this replaced (with their bounds checks, and loops of
 * one element for a grey image) made the first layer of Kumar's CNN 5 ms of im2col per [128, 28, 28, 1] batch; spans
 * copied with memcpy took ~2 ms, and inlined (copy_span) 0.4 ms. Same values, and col2im adds into each element in the
 * same order (p, then a, b, c).
 */
static void im2col(const float* restrict x, const ConvDims* d, int64_t n0, int64_t count, float* restrict cols) {
  const int64_t c = d->c, span = d->kw * c, k = d->kh * span, xrow = d->w * c;
  for (int64_t n = n0; n < n0 + count; n++)
    for (int64_t oh = 0; oh < d->oh; oh++) {
      const int64_t h0 = oh * d->sh - d->top;
      const int rows_inside = h0 >= 0 && h0 + d->kh <= d->h;
      for (int64_t ow = 0; ow < d->ow; ow++) {
        float* row = cols + (((n - n0) * d->oh + oh) * d->ow + ow) * k;
        const int64_t w0 = ow * d->sw - d->left;
        const int inside = w0 >= 0 && w0 + d->kw <= d->w;
        if (rows_inside && inside) {  /* the common case, with the checks hoisted: a grey image's rows are short */
          const float* src = x + ((n * d->h + h0) * d->w + w0) * c;
          for (int64_t a = 0; a < d->kh; a++, row += span, src += xrow) copy_span(row, src, span);
          continue;
        }
        for (int64_t a = 0; a < d->kh; a++) {
          const int64_t h = h0 + a;
          float* dst = row + a * span;
          if (h < 0 || h >= d->h) {
            zero_span(dst, span);
          } else if (inside) {
            copy_span(dst, x + ((n * d->h + h) * d->w + w0) * c, span);
          } else {
            for (int64_t b = 0; b < d->kw; b++) {
              const int64_t w = w0 + b;
              if (w < 0 || w >= d->w) zero_span(dst + b * c, c);
              else copy_span(dst + b * c, x + ((n * d->h + h) * d->w + w) * c, c);
            }
          }
        }
      }
    }
}

static void col2im_add(const float* restrict cols, const ConvDims* d, int64_t n0, int64_t count, float* restrict dx) {
  const int64_t c = d->c, span = d->kw * c, k = d->kh * span;
  for (int64_t n = n0; n < n0 + count; n++)
    for (int64_t oh = 0; oh < d->oh; oh++)
      for (int64_t ow = 0; ow < d->ow; ow++) {
        const float* row = cols + (((n - n0) * d->oh + oh) * d->ow + ow) * k;
        const int64_t w0 = ow * d->sw - d->left;
        const int inside = w0 >= 0 && w0 + d->kw <= d->w;
        for (int64_t a = 0; a < d->kh; a++) {
          const int64_t h = oh * d->sh - d->top + a;
          if (h < 0 || h >= d->h) continue;
          const float* src = row + a * span;
          if (inside) {
            float* dst = dx + ((n * d->h + h) * d->w + w0) * c;
            for (int64_t j = 0; j < span; j++) dst[j] += src[j];
          } else {
            for (int64_t b = 0; b < d->kw; b++) {
              const int64_t w = w0 + b;
              if (w < 0 || w >= d->w) continue;
              float* dst = dx + ((n * d->h + h) * d->w + w) * c;
              for (int64_t j = 0; j < c; j++) dst[j] += src[b * c + j];
            }
          }
        }
      }
}

/* conv2d(mode, x|dy, filter|x|dy, out, n, h, w, c, kh, kw, co, oh, ow, sh, sw, top, left) — mode 0: forward
 * (x, filter → y), 1: filter gradient (x, dy → dW), 2: input gradient (dy, filter → dx). */
static napi_value conv2d(napi_env env, napi_callback_info info) {
  size_t argc = 17;
  napi_value argv[17];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  int ok = argc == 17;
  int64_t v[14];
  for (int i = 0; ok && i < 14; i++) v[i] = int_arg(env, argv[i == 0 ? 0 : i + 3], &ok);
  float *a = NULL, *b = NULL, *out = NULL;
  size_t la = 0, lb = 0, lo = 0;
  if (!ok || !float_array(env, argv[1], &a, &la) || !float_array(env, argv[2], &b, &lb) || !float_array(env, argv[3], &out, &lo)) {
    napi_throw_type_error(env, NULL, "@plas/accel conv2d: expected a mode, three Float32Arrays and 13 non-negative integers");
    return NULL;
  }
  const int64_t mode = v[0];
  const ConvDims d = {v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13]};
  const uint64_t xs = (uint64_t)(d.n * d.h * d.w * d.c), fs = (uint64_t)(d.kh * d.kw * d.c * d.co), ys = (uint64_t)(d.n * d.oh * d.ow * d.co);
  const uint64_t need_a = mode == 2 ? ys : xs, need_b = mode == 0 ? fs : mode == 1 ? ys : fs, need_o = mode == 0 ? ys : mode == 1 ? fs : xs;
  if (mode > 2 || d.sh < 1 || d.sw < 1 || la < need_a || lb < need_b || lo < need_o) {
    napi_throw_range_error(env, NULL, "@plas/accel conv2d: a bad mode or stride, or an array shorter than its shape");
    return NULL;
  }
  const int64_t k = d.kh * d.kw * d.c, per_image = d.oh * d.ow;
  if (mode == 1 || mode == 2) memset(out, 0, sizeof(float) * (size_t)need_o);
  if (k == 0 || per_image == 0 || d.n == 0 || d.co == 0) {
    if (mode == 0) memset(out, 0, sizeof(float) * (size_t)need_o);
    return NULL;
  }
  int64_t chunk = (int64_t)(16u << 20) / (per_image * k);
  if (chunk < 1) chunk = 1;
  if (chunk > d.n) chunk = d.n;
  float* cols = scratch_for((size_t)(chunk * per_image * k));
  if (!cols) {
    napi_throw_error(env, NULL, "@plas/accel conv2d: out of memory for the im2col scratch");
    return NULL;
  }
  for (int64_t n0 = 0; n0 < d.n; n0 += chunk) {
    const int64_t count = d.n - n0 < chunk ? d.n - n0 : chunk;
    const int rows = (int)(count * per_image);
    if (mode == 0) {
      im2col(a, &d, n0, count, cols);
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, rows, (int)d.co, (int)k, 1.0f, cols, (int)k, b, (int)d.co, 0.0f,
                  out + n0 * per_image * d.co, (int)d.co);
    } else if (mode == 1) {
      im2col(a, &d, n0, count, cols);
      cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int)k, (int)d.co, rows, 1.0f, cols, (int)k, b + n0 * per_image * d.co,
                  (int)d.co, n0 == 0 ? 0.0f : 1.0f, out, (int)d.co);
    } else {
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, rows, (int)k, (int)d.co, 1.0f, a + n0 * per_image * d.co, (int)d.co, b,
                  (int)d.co, 0.0f, cols, (int)k);
      col2im_add(cols, &d, n0, count, out);
    }
  }
  return NULL;
}

/*
 * maxPoolGrad(x, dy, dx, n, h, w, c, oh, ow, fh, fw, sh, sw, top, left) for windows that do not overlap (sh ≥ fh,
 * sw ≥ fw), with tfjs-backend-wasm's own rules so dx is bitwise its kernel's: each window's max position is the last
 * one in row-major order with x ≥ the running maximum, which starts at FLT_MIN at offset 0 of x; then every
 * position of the window gets 0 + dy · [it is the max position] (so a non-finite dy spreads NaN as there).
 *
 * Four channels at a time in GCC/Clang vector types (SSE2 on x86-64, NEON on arm64): the plain per-channel loop's
 * compare-and-select did not vectorise (8.4 ms for a [128, 24, 24, 16] input, 0.66 ms now). Each lane does the
 * scalar loop's float operations (no fused multiply-add: -ffp-contract=off), so dx is the same bit for bit.
 */
typedef float pool_v4f __attribute__((vector_size(16)));
typedef int32_t pool_v4i __attribute__((vector_size(16)));

static inline pool_v4f pool_load(const float* p) {
  pool_v4f v;
  memcpy(&v, p, sizeof v);
  return v;
}

static inline void pool_store(float* p, pool_v4f v) { memcpy(p, &v, sizeof v); }

/* a where take (all bits set), else b: a bitwise select, so values (NaNs, -0) pass unchanged */
static inline pool_v4f pool_pick(pool_v4i take, pool_v4f a, pool_v4f b) {
  return (pool_v4f)((take & (pool_v4i)a) | (~take & (pool_v4i)b));
}

/* wasm's start position is x's offset 0: it wins only in the one window holding that offset (windows do not overlap),
   for channel 0, when no value of that window reached FLT_MIN */
static inline int pool_holds_origin(int64_t b, int64_t k, int64_t h0, int64_t h1, int64_t w0, int64_t w1) {
  return b == 0 && k == 0 && h0 == 0 && w0 == 0 && h1 > 0 && w1 > 0;
}

static void max_pool_grad_loop(const float* restrict x, const float* restrict dy, float* restrict dx, int64_t n, int64_t h,
                               int64_t w, int64_t c, int64_t oh, int64_t ow, int64_t fh, int64_t fw, int64_t sh, int64_t sw,
                               int64_t top, int64_t left) {
  /* windows that tile the input write every element of dx; otherwise the positions outside them stay 0 */
  const int tiles = top == 0 && left == 0 && sh == fh && sw == fw && oh * sh == h && ow * sw == w;
  if (!tiles) memset(dx, 0, sizeof(float) * (size_t)(n * h * w * c));
  const pool_v4f lowest = {FLT_MIN, FLT_MIN, FLT_MIN, FLT_MIN}, zero = {0.0f, 0.0f, 0.0f, 0.0f};
  const pool_v4i one_bits = (pool_v4i)(pool_v4f){1.0f, 1.0f, 1.0f, 1.0f};
  for (int64_t b = 0; b < n; b++)
    for (int64_t r = 0; r < oh; r++) {
      const int64_t h0 = r * sh - top < 0 ? 0 : r * sh - top, h1 = r * sh - top + fh > h ? h : r * sh - top + fh;
      for (int64_t q = 0; q < ow; q++) {
        const int64_t w0 = q * sw - left < 0 ? 0 : q * sw - left, w1 = q * sw - left + fw > w ? w : q * sw - left + fw;
        const float* g = dy + ((b * oh + r) * ow + q) * c;
        int64_t k = 0;
        for (; k + 4 <= c; k += 4) {
          /* the winner's index in the window (row-major); -1: wasm's start position */
          pool_v4f best = lowest;
          pool_v4i pos = {-1, -1, -1, -1};
          int32_t idx = 0;
          for (int64_t i = h0; i < h1; i++)
            for (int64_t j = w0; j < w1; j++, idx++) {
              const pool_v4f v = pool_load(x + ((b * h + i) * w + j) * c + k);
              const pool_v4i take = v >= best;
              best = pool_pick(take, v, best);
              pos = (take & idx) | (~take & pos);
            }
          const pool_v4f gv = pool_load(g + k);
          idx = 0;
          for (int64_t i = h0; i < h1; i++)
            for (int64_t j = w0; j < w1; j++, idx++) {
              const pool_v4f mask = (pool_v4f)((pos == idx) & one_bits);
              pool_store(dx + ((b * h + i) * w + j) * c + k, zero + gv * mask);
            }
          if (pool_holds_origin(b, k, h0, h1, w0, w1) && pos[0] == -1) dx[0] = 0.0f + g[0] * 1.0f;
        }
        for (; k < c; k++) { /* the channels left over: the same steps one lane at a time */
          float best = FLT_MIN;
          int32_t pos = -1, idx = 0;
          for (int64_t i = h0; i < h1; i++)
            for (int64_t j = w0; j < w1; j++, idx++) {
              const float v = x[((b * h + i) * w + j) * c + k];
              if (v >= best) {
                best = v;
                pos = idx;
              }
            }
          idx = 0;
          for (int64_t i = h0; i < h1; i++)
            for (int64_t j = w0; j < w1; j++, idx++) dx[((b * h + i) * w + j) * c + k] = 0.0f + g[k] * (pos == idx ? 1.0f : 0.0f);
          if (pool_holds_origin(b, k, h0, h1, w0, w1) && pos == -1) dx[0] = 0.0f + g[0] * 1.0f;
        }
      }
    }
}

static napi_value max_pool_grad(napi_env env, napi_callback_info info) {
  size_t argc = 15;
  napi_value argv[15];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  int ok = argc == 15;
  int64_t v[12];
  for (int i = 0; ok && i < 12; i++) v[i] = int_arg(env, argv[3 + i], &ok);
  float *x = NULL, *dy = NULL, *dx = NULL;
  size_t lx = 0, ldy = 0, ldx = 0;
  if (!ok || !float_array(env, argv[0], &x, &lx) || !float_array(env, argv[1], &dy, &ldy) || !float_array(env, argv[2], &dx, &ldx)) {
    napi_throw_type_error(env, NULL, "@plas/accel maxPoolGrad: expected three Float32Arrays and 12 non-negative integers");
    return NULL;
  }
  const int64_t n = v[0], h = v[1], w = v[2], c = v[3], oh = v[4], ow = v[5], fh = v[6], fw = v[7], sh = v[8], sw = v[9], top = v[10], left = v[11];
  if (sh < fh || sw < fw || lx < (uint64_t)(n * h * w * c) || ldx < lx || ldy < (uint64_t)(n * oh * ow * c)) {
    napi_throw_range_error(env, NULL, "@plas/accel maxPoolGrad: overlapping windows, or an array shorter than its shape");
    return NULL;
  }
  max_pool_grad_loop(x, dy, dx, n, h, w, c, oh, ow, fh, fw, sh, sw, top, left);
  return NULL;
}

/* Which BLAS and how it runs: part of the backend identity recorded with every result. */
static napi_value blas_info(napi_env env, napi_callback_info info) {
  (void)info;
  char text[512];
  snprintf(text, sizeof text, "%s; core %s; %d thread(s)", openblas_get_config(), openblas_get_corename(),
           openblas_get_num_threads());
  napi_value out;
  CHECK(napi_create_string_utf8(env, text, NAPI_AUTO_LENGTH, &out));
  return out;
}

static napi_value init(napi_env env, napi_value exports) {
  openblas_set_num_threads(1);
  napi_property_descriptor props[] = {
      {"sgemm", NULL, sgemm, NULL, NULL, NULL, napi_default, NULL},
      {"blasInfo", NULL, blas_info, NULL, NULL, NULL, napi_default, NULL},
      {"adamUpdate", NULL, adam_update, NULL, NULL, NULL, napi_default, NULL},
      {"sgdUpdate", NULL, sgd_update, NULL, NULL, NULL, napi_default, NULL},
      {"conv2d", NULL, conv2d, NULL, NULL, NULL, napi_default, NULL},
      {"maxPoolGrad", NULL, max_pool_grad, NULL, NULL, NULL, napi_default, NULL},
      {"columnSums", NULL, column_sums, NULL, NULL, NULL, napi_default, NULL},
  };
  CHECK(napi_define_properties(env, exports, sizeof props / sizeof props[0], props));
  return exports;
}

NAPI_MODULE(plas_accel, init)
