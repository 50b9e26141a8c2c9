/**
 * Setting a cell up: load its data, check everything (validate.ts), build the model from deriveSeed(seed, 'init'),
 * snapshot θ0, make the optimiser, interventions, run context and recorder. Every configuration problem surfaces
 * here as a CellConfigError, before any step; `disposeRun` frees what a run holds.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { CellSpec, StreamItem } from '@plas/dsl';
import type { Model, Optimizer, Position, RunContext } from '../core/contracts.ts';
import { deriveSeed } from '../core/seed.ts';
import { DataError, loadDataset } from '../data/index.ts';
import type { Dataset } from '../data/index.ts';
import { createModel, ModelConfigError } from '../models/index.ts';
import { createOptimizer } from '../optim/index.ts';
import type { Divergence } from '../record.ts';
import { makeTaskView } from '../streams/index.ts';
import { makeRunContext } from './context.ts';
import { DataAccess } from './data-access.ts';
import { plannedSteps } from './duration.ts';
import { CellConfigError } from './errors.ts';
import { EventLog } from './events.ts';
import { Recorder } from './recorder.ts';
import { checkData, checkMeasures, prepareInterventions, resolveMetric } from './validate.ts';
import type { PreparedInterventions } from './validate.ts';

/** Everything a running cell holds. */
export interface Run {
  cell: CellSpec;
  dataset: Dataset;
  model: Model;
  optimizer: Optimizer;
  interventions: PreparedInterventions;
  initialParams: Map<string, tf.Tensor>;
  data: DataAccess;
  position: Position;
  ctx: RunContext;
  recorder: Recorder;
  /** What the interventions did (the record's `events`). */
  events: EventLog;
  /** Epochs completed over the whole stream. */
  totalEpochs: number;
  /** Planned steps over the whole stream (an `until` counts its max). */
  plannedTotal: number;
  divergence: Divergence | null;
}

export const taskCount = (item: StreamItem): number => (item.kind === 'repeat' ? item.count : 1);

async function load(cell: CellSpec): Promise<Dataset> {
  try {
    return await loadDataset(cell.data, cell.seed);
  } catch (err) {
    if (err instanceof DataError) throw new CellConfigError(`data: ${err.message}`);
    throw err;
  }
}

function build(cell: CellSpec, dataset: Dataset): Model {
  try {
    return createModel(cell.model, dataset.inputShape, dataset.outputs, deriveSeed(cell.seed, 'init'));
  } catch (err) {
    if (err instanceof ModelConfigError) throw new CellConfigError(`model: ${err.message}`);
    throw err;
  }
}

export async function setUpRun(cell: CellSpec, log: (msg: string) => void): Promise<Run> {
  const dataset = await load(cell);
  for (const w of dataset.warnings) log(w);
  checkData(cell, dataset);
  checkMeasures(cell, dataset);
  const model = build(cell, dataset);
  let interventions: PreparedInterventions;
  try {
    interventions = prepareInterventions(cell, model);
  } catch (err) {
    model.dispose();
    throw err;
  }
  const initialParams = new Map([...model.params].map(([n, v]) => [n, tf.clone(v)] as [string, tf.Tensor]));
  const optimizer = createOptimizer(cell.optimizer, model.params);
  const data = new DataAccess(dataset, cell.stream, cell.loss, cell.seed);
  const position: Position = { step: 0, epoch: 0, examples: 0, phase: cell.stream[0]!.name, task: 0 };
  const plannedTotal = cell.stream.reduce((sum, item) => {
    const view = makeTaskView(dataset, item, 0, cell.seed);
    return sum + taskCount(item) * plannedSteps(item.duration, view.n, cell.batch, view.smooth !== null);
  }, 0);
  return {
    cell,
    dataset,
    model,
    optimizer,
    interventions,
    initialParams,
    data,
    position,
    ctx: makeRunContext({ model, optimizer, loss: cell.loss, initialParams, seed: cell.seed, data, position }),
    recorder: new Recorder(cell.measure, resolveMetric),
    events: new EventLog(model, interventions.penaltySpecs),
    totalEpochs: 0,
    plannedTotal,
    divergence: null,
  };
}

export function disposeRun(run: Run): void {
  for (const iv of run.interventions.all) iv.dispose?.();
  run.optimizer.dispose();
  run.model.dispose();
  run.data.dropKept();
  tf.dispose([...run.initialParams.values()]);
}
