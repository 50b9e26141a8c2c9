/**
 * Seeded uniform draws, the values of `tf.randomUniform(shape, min, max, 'float32', seed)` bit for bit, faster: tfjs
 * draws each value through three calls (nextValue, convertValue, canReturnFloat) around seedrandom's Alea generator,
 * ~10-25 ns a value here, against ~5.5 ns (bound by the generator's own chain of float operations). Every-step shrink
 * & perturb (Kumar et al.) redraws a whole fresh network each step, 90,000 values for the 784-100-100-10 MLP: a
 * shrink & perturb cell of benchmark 08 took 14.9 s of CPU, now 13.5 (same series and events by SHA-256).
 *
 * The generator is seedrandom's Alea (Baagoe), the one tfjs uses, seeded by the library itself from the seed's
 * decimal string as tfjs seeds it; only its `next()` step runs here, on local variables: t = 2091639·s0 + c·2⁻³²,
 * then s0, s1, s2 shift and c = ⌊t⌋, s2 = t − c, each value min + (max − min)·s2 in float64, rounded to float32 on
 * store. uniform.test.ts compares it with tf.randomUniform over seeds, bounds and sizes.
 */
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';

/** seedrandom's Alea (CommonJS, no bundled types): doubles in [0, 1), and with `state: true` its state. */
interface AleaState {
  c: number;
  s0: number;
  s1: number;
  s2: number;
}
type Alea = (seed: string, options: { state: true }) => (() => number) & { state(): AleaState };
const alea = createRequire(import.meta.url)('seedrandom/lib/alea.js') as Alea;

/** The values of tf.randomUniform(shape, min, max, 'float32', seed), written into a new Float32Array. */
export function uniformValues(size: number, min: number, max: number, seed: number): Float32Array {
  let { c, s0, s1, s2 } = alea(String(seed), { state: true }).state();
  const range = max - min;
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    const t = 2091639 * s0 + c * 2.3283064365386963e-10;
    s0 = s1;
    s1 = s2;
    c = t | 0;
    s2 = t - c;
    values[i] = min + range * s2;
  }
  return values;
}

/** tf.randomUniform(shape, min, max, 'float32', seed), the same values, drawn by uniformValues. */
export function randomUniform(shape: number[], min: number, max: number, seed: number): tf.Tensor {
  return tf.tensor(uniformValues(tf.util.sizeFromShape(shape), min, max, seed), shape, 'float32');
}
