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
#include <string.h>
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
  for (size_t i = 0; i < lp; i++) {
    const float gi = g[i];
    const float mi = m[i] * b1 + gi * ob1;
    const float vi = v[i] * b2 + (gi * gi) * ob2;
    m[i] = mi;
    v[i] = vi;
    const float denom = sqrtf(vi) / bc2 + eps;
    p[i] = p[i] - (mi / denom) * step;
  }
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
  };
  CHECK(napi_define_properties(env, exports, sizeof props / sizeof props[0], props));
  return exports;
}

NAPI_MODULE(plas_accel, init)
