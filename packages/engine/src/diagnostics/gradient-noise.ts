/**
 * `gradient_noise(batches=10, size=1000)` — minibatch gradient noise, for Berariu et al.'s hypothesis that
 * warm-starting weakens SGD's noisy exploration. With D = `ctx.dataset('train', size)` (n examples), a seeded
 * permutation (ctx.seedFor('gradient_noise')) is cut into K = `batches` disjoint minibatches B_1..B_K of
 * m = ⌊n/K⌋ examples each (the n - K·m left over are unused). With g_b = ∇L(θ; B_b) and
 * g = (1/K) Σ_b g_b = ∇L(θ; B_1 ∪ .. ∪ B_K) (the full-batch gradient of the examples used):
 *
 *   gradient_noise = (1/K) Σ_b ||g_b - g||²₂
 *
 * i.e. the trace of the (biased, 1/K) covariance of minibatch-m gradients; it scales like 1/m, so compare values
 * at equal size/batches. ℓ as in `loss.ts`.
 */
import type { metricCatalog, ParamsOf } from '@plas/dsl/contract';
import type { MetricImpl } from '../core/contracts.ts';
import { makeRng, permutation } from '../core/seed.ts';
import { batchSize, consume, hostRows, toHost } from './chunks.ts';
import { disposeAll, lossGradient, type ParamTensors } from './gradient.ts';
import { DiagnosticError } from './params.ts';
import { implementMetric } from './implement.ts';

/** (1/K) Σ_b ||g_b - ḡ||² over a list of gradients, in float64. */
export function gradientVariance(grads: ParamTensors[]): number {
  const k = grads.length;
  if (k === 0) return NaN;
  let total = 0;
  for (const name of grads[0]!.keys()) {
    const values = grads.map((g) => g.get(name)!.dataSync());
    const len = values[0]!.length;
    for (let i = 0; i < len; i++) {
      let mean = 0;
      for (const v of values) mean += v[i]!;
      mean /= k;
      for (const v of values) total += (v[i]! - mean) ** 2;
    }
  }
  return total / k;
}

export const gradientNoise: MetricImpl<ParamsOf<typeof metricCatalog.gradient_noise>> = (ctx, { batches, size }) => {
  return consume(ctx.dataset('train', size), (data) => {
    const n = batchSize(data);
    const m = Math.floor(n / batches);
    if (m < 1) {
      throw new DiagnosticError(`gradient_noise: ${n} examples cannot make ${batches} minibatches`);
    }
    const order = permutation(n, makeRng(ctx.seedFor('gradient_noise')));
    const host = toHost(data);
    const grads: ParamTensors[] = [];
    try {
      for (let b = 0; b < batches; b++) {
        const minibatch = hostRows(host, order.subarray(b * m, (b + 1) * m));
        try {
          grads.push(lossGradient(ctx.model, ctx.loss, minibatch));
        } finally {
          minibatch.x.dispose();
          minibatch.y.dispose();
        }
      }
      return gradientVariance(grads);
    } finally {
      grads.forEach(disposeAll);
    }
  });
};

/** Registered by the metric registry, which finds this export. */
export const registration = implementMetric('gradient_noise', gradientNoise);
