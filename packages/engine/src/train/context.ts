/**
 * The RunContext handed to interventions and diagnostics (core/contracts.ts). Its `position` is updated in place
 * by the loop; `seedFor(purpose)` = deriveSeed(cell seed, purpose, phase, task, step), so every draw is named by
 * what it is for and where it happens: adding an arm or an intervention shifts no other draw.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { LossKind } from '@plas/dsl';
import type { Model, Optimizer, Position, RunContext } from '../core/contracts.ts';
import { deriveSeed } from '../core/seed.ts';
import type { DataAccess } from './data-access.ts';

export function makeRunContext(parts: {
  model: Model;
  optimizer: Optimizer;
  loss: LossKind;
  initialParams: Map<string, tf.Tensor>;
  seed: number;
  data: DataAccess;
  position: Position;
}): RunContext {
  const { seed, data, position } = parts;
  return {
    model: parts.model,
    optimizer: parts.optimizer,
    loss: parts.loss,
    position,
    initialParams: parts.initialParams,
    seedFor: (purpose) => deriveSeed(seed, purpose, position.phase, position.task, position.step),
    sampleTrain: (size) => data.sampleTrain(size, position),
    dataset: (name, maxSize) => data.dataset(name, maxSize),
    forEachDatasetChunk: (name, maxSize, fn) => data.forEachChunk(name, maxSize, fn),
  };
}
