/**
 * Isotropic Gaussian mixture: `classes` clusters in `dim` dimensions.
 *
 *   centre μ_k = separation · u_k,  u_k uniform on the unit sphere (a normalised N(0, I) draw), k = 0..classes-1
 *   example (x, y): y balanced (i mod classes, then shuffled), x = μ_y + ε,  ε ~ N(0, I_dim)
 *
 * So `separation` is each centre's distance from the origin in units of the noise's standard deviation (two random
 * centres in high dimension lie about separation·√2 apart). Centres, training and test draws use separate derived
 * seeds ('centres', 'train', 'test'), so changing a size never moves the centres.
 */
import type { DataSpec } from '@plas/dsl';
import { deriveSeed, makeRng, permutation } from '../core/seed.ts';
import type { Dataset, Split } from './types.ts';

type Spec = Extract<DataSpec, { kind: 'gaussian_mixture' }>;


function centres(spec: Spec, seed: number): Float64Array {
  const rng = makeRng(deriveSeed(seed, 'gaussian_mixture', 'centres'));
  const mu = new Float64Array(spec.classes * spec.dim);
  for (let k = 0; k < spec.classes; k++) {
    let norm = 0;
    for (let j = 0; j < spec.dim; j++) {
      const v = rng.normal();
      mu[k * spec.dim + j] = v;
      norm += v * v;
    }
    const scale = spec.separation / Math.sqrt(norm);
    for (let j = 0; j < spec.dim; j++) mu[k * spec.dim + j]! *= scale;
  }
  return mu;
}

function draw(spec: Spec, mu: Float64Array, n: number, seed: number): Split {
  const rng = makeRng(seed);
  const order = permutation(n, rng);
  const x = new Float32Array(n * spec.dim);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = order[i]! % spec.classes;
    y[i] = label;
    for (let j = 0; j < spec.dim; j++) x[i * spec.dim + j] = mu[label * spec.dim + j]! + rng.normal();
  }
  return { x, y, n };
}

export function gaussianMixture(spec: Spec, seed: number): Dataset {
  const mu = centres(spec, seed);
  return {
    id: `gaussian_mixture(classes=${spec.classes},dim=${spec.dim},separation=${spec.separation},train=${spec.train},test=${spec.test},seed=${seed})`,
    inputShape: [spec.dim],
    outputs: spec.classes,
    kind: 'classification',
    ordered: false,
    train: draw(spec, mu, spec.train, deriveSeed(seed, 'gaussian_mixture', 'train')),
    test: draw(spec, mu, spec.test, deriveSeed(seed, 'gaussian_mixture', 'test')),
    warnings: [],
  };
}
