/**
 * Parameter initialisers, by the IR's InitScheme names. fanIn / fanOut are the layer's (for a conv: k·k·in and
 * k·k·out channels). Normal variants are plain (untruncated) normals, as PyTorch's nn.init does.
 *   he_uniform      W ~ U(±√(6/fanIn))                    PyTorch kaiming_uniform_(nonlinearity='relu')
 *   he_normal       W ~ N(0, 2/fanIn)                     PyTorch kaiming_normal_
 *   glorot_uniform  W ~ U(±√(6/(fanIn+fanOut)))           Glorot & Bengio 2010; PyTorch xavier_uniform_
 *   glorot_normal   W ~ N(0, 2/(fanIn+fanOut))            PyTorch xavier_normal_
 *   torch_default   W, b ~ U(±1/√fanIn)                   PyTorch nn.Linear / nn.Conv2d reset_parameters
 *   he_uniform_linear_head  hidden W as he_uniform; the head U(±√(3/fanIn)), kaiming_uniform_(nonlinearity=
 *                   'linear'); zero biases: Dohare et al.'s learner (lop/nets/ffnn.py)
 * Biases are 0 except for torch_default. Every draw is seeded (`seed` comes from deriveSeed): normals by tfjs's
 * randomNormal, uniforms by uniform.ts (tfjs's randomUniform values, drawn faster).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { InitScheme } from '@plas/dsl';
import { randomUniform } from './uniform.ts';

export interface InitShape {
  shape: number[];
  fanIn: number;
  fanOut: number;
}

interface Initializer {
  weight(p: InitShape, seed: number): tf.Tensor;
  bias(p: InitShape, seed: number): tf.Tensor;
  /** The output layer's weights, where the scheme treats them apart (else `weight`). */
  headWeight?(p: InitShape, seed: number): tf.Tensor;
}

const uniform = (shape: number[], bound: number, seed: number): tf.Tensor => randomUniform(shape, -bound, bound, seed);
const normal = (shape: number[], std: number, seed: number): tf.Tensor =>
  tf.randomNormal(shape, 0, std, 'float32', seed);
const zeroBias = (p: InitShape): tf.Tensor => tf.zeros(p.shape);

export const INITIALIZERS: Record<InitScheme, Initializer> = {
  he_uniform: { weight: (p, s) => uniform(p.shape, Math.sqrt(6 / p.fanIn), s), bias: zeroBias },
  he_normal: { weight: (p, s) => normal(p.shape, Math.sqrt(2 / p.fanIn), s), bias: zeroBias },
  glorot_uniform: { weight: (p, s) => uniform(p.shape, Math.sqrt(6 / (p.fanIn + p.fanOut)), s), bias: zeroBias },
  glorot_normal: { weight: (p, s) => normal(p.shape, Math.sqrt(2 / (p.fanIn + p.fanOut)), s), bias: zeroBias },
  he_uniform_linear_head: {
    weight: (p, s) => uniform(p.shape, Math.sqrt(6 / p.fanIn), s),
    headWeight: (p, s) => uniform(p.shape, Math.sqrt(3 / p.fanIn), s),
    bias: zeroBias,
  },
  torch_default: {
    weight: (p, s) => uniform(p.shape, 1 / Math.sqrt(p.fanIn), s),
    bias: (p, s) => uniform(p.shape, 1 / Math.sqrt(p.fanIn), s),
  },
};

export function initializer(scheme: InitScheme): Initializer {
  const init = INITIALIZERS[scheme];
  if (!init) throw new Error(`unknown init scheme '${String(scheme)}' (known: ${Object.keys(INITIALIZERS).join(', ')})`);
  return init;
}
