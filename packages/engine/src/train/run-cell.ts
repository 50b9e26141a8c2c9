/**
 * runCell: train one cell (an arm at a sweep point and a seed) through its stream and return its CellRecord.
 *
 *   load data (seeded by the cell seed) → check everything (validate.ts; CellConfigError before any step)
 *   → model from deriveSeed(seed, 'init') → θ0 snapshot → optimiser
 *   → for each task of the stream: interventions triggered at its start → seeded sampler
 *     deriveSeed(seed, 'order', phase, task) → steps (step.ts) with online metrics, every-step interventions,
 *     measurements and periodic interventions → end-of-task measurements.
 * Within a step: forward/backward on the batch (online metrics score it before the update) → penalties → update →
 * every-step interventions (with the batch's hidden activations) → measurements due → 'every' interventions due
 * (so a measurement at step n sees the training, not an intervention firing at n).
 * Arms with the same seed therefore share data, initial weights and batch order. A non-finite loss stops the cell
 * as 'diverged' (series so far kept); an error during training gives a 'failed' record with the series so far.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { CellSpec, StreamItem } from '@plas/dsl';
import { selectBackend } from '../backend/select.ts';
import type { BackendPreference } from '../backend/select.ts';
import type { Model, Optimizer, Position, RunContext } from '../core/contracts.ts';
import { deriveSeed } from '../core/seed.ts';
import { packageVersions } from '../core/versions.ts';
import { DataError, loadDataset } from '../data/index.ts';
import type { Dataset } from '../data/index.ts';
import { createModel, ModelConfigError } from '../models/index.ts';
import { createOptimizer } from '../optim/index.ts';
import { CELL_RECORD_SCHEMA } from '../record.ts';
import type { CellRecord, CellStatus, Divergence } from '../record.ts';
import { makeSampler, makeTaskView } from '../streams/index.ts';
import { toBatch } from './batches.ts';
import { makeRunContext } from './context.ts';
import { DataAccess } from './data-access.ts';
import { crossed, limitOf, plannedSteps, reached } from './duration.ts';
import type { TaskCounters } from './duration.ts';
import { CellConfigError, errorMessage } from './errors.ts';
import { Recorder } from './recorder.ts';
import { trainStep } from './step.ts';
import { firesAfterStep, firesAtTaskStart } from './triggers.ts';
import { UntilCheck } from './until.ts';
import { checkData, checkMeasures, prepareInterventions, resolveMetric } from './validate.ts';
import type { PreparedInterventions } from './validate.ts';

export interface CellProgress {
  step: number;
  totalSteps: number;
  phase: string;
  task: number;
}

export interface RunCellOptions {
  /** The tfjs backend to run on ('wasm', 'cpu', 'tensorflow'); selected here if it is not the active one. */
  backend: string;
  onProgress?: (p: CellProgress) => void;
  log?: (msg: string) => void;
  /** Minimum milliseconds between progress calls (default 200). */
  progressEveryMs?: number;
}

const taskCount = (item: StreamItem): number => (item.kind === 'repeat' ? item.count : 1);

async function ensureBackend(name: string): Promise<void> {
  if (tf.getBackend() === name) return;
  await selectBackend((name === 'tensorflow' ? 'node' : name) as BackendPreference);
}

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

/** Everything a running cell holds, disposed together at the end. */
interface Run {
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
  totalEpochs: number;
  plannedTotal: number;
  divergence: Divergence | null;
  progress: () => void;
  /** Yields to the event loop every ~100 ms so progress messages and signals get through during long phases. */
  breathe: () => Promise<void>;
}

export async function runCell(cell: CellSpec, opts: RunCellOptions): Promise<CellRecord> {
  await ensureBackend(opts.backend);
  const log = opts.log ?? (() => {});
  const startedAt = new Date();
  const t0 = performance.now();
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
  const position: Position = { step: 0, epoch: 0, examples: 0, phase: cell.stream[0]?.name ?? '', task: 0 };
  const ctx = makeRunContext({ model, optimizer, loss: cell.loss, initialParams, seed: cell.seed, data, position });
  const plannedTotal = cell.stream.reduce((sum, item) => {
    const view = makeTaskView(dataset, item, 0, cell.seed);
    return sum + taskCount(item) * plannedSteps(item.duration, view.n, cell.batch, view.smooth !== null);
  }, 0);
  let lastProgress = 0;
  let lastBreath = performance.now();
  const run: Run = {
    cell,
    dataset,
    model,
    optimizer,
    interventions,
    initialParams,
    data,
    position,
    ctx,
    recorder: new Recorder(cell.measure, resolveMetric),
    totalEpochs: 0,
    plannedTotal,
    divergence: null,
    progress: () => {
      const now = performance.now();
      if (!opts.onProgress || now - lastProgress < (opts.progressEveryMs ?? 200)) return;
      lastProgress = now;
      opts.onProgress({ step: position.step, totalSteps: plannedTotal, phase: position.phase, task: position.task });
    },
    breathe: async () => {
      const now = performance.now();
      if (now - lastBreath < 100) return;
      lastBreath = now;
      await new Promise((resolve) => setImmediate(resolve));
    },
  };

  let status: CellStatus = 'complete';
  let error: string | null = null;
  try {
    await trainStream(run);
    if (run.divergence) status = 'diverged';
  } catch (err) {
    if (err instanceof CellConfigError) throw err;
    status = 'failed';
    error = errorMessage(err);
  } finally {
    for (const iv of interventions.all) iv.dispose?.();
    optimizer.dispose();
    model.dispose();
    tf.dispose([...initialParams.values()]);
  }
  opts.onProgress?.({ step: position.step, totalSteps: plannedTotal, phase: position.phase, task: position.task });
  const wallMs = performance.now() - t0;
  return {
    schema: CELL_RECORD_SCHEMA,
    status,
    cell,
    backend: tf.getBackend(),
    versions: packageVersions(),
    timing: {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      wallMs,
      steps: position.step,
      stepsPerSecond: wallMs > 0 ? position.step / (wallMs / 1000) : 0,
    },
    divergence: run.divergence,
    error,
    series: run.recorder.series(),
  };
}

async function trainStream(run: Run): Promise<void> {
  const { cell, position } = run;
  let streamTask = 0;
  for (const item of cell.stream) {
    const count = taskCount(item);
    for (let task = 0; task < count; task++) {
      const view = makeTaskView(run.dataset, item, task, cell.seed);
      run.data.setTask(view);
      position.phase = item.name;
      position.task = task;
      position.epoch = 0;
      if (streamTask === 0) {
        run.recorder.start(run.ctx, (spec, err) => {
          throw new CellConfigError(`measure ${spec.key}: ${errorMessage(err)}`, spec.span);
        });
      }
      for (const t of run.interventions.triggered) {
        if (firesAtTaskStart(t.spec.trigger, { phase: item.name, task, streamTask })) t.impl.fire!(run.ctx, null);
      }
      const finished = await trainTask(run, item, view);
      if (!finished) return;
      run.recorder.taskEnd(run.ctx, streamTask, task === count - 1);
      streamTask++;
      run.progress();
    }
  }
}

/** Train one task to its duration; false when the loss diverged. */
async function trainTask(run: Run, item: StreamItem, view: ReturnType<typeof makeTaskView>): Promise<boolean> {
  const { cell, position, recorder, ctx, interventions } = run;
  const duration = item.duration;
  const limit = limitOf(duration);
  const until = duration.kind === 'until' ? new UntilCheck(duration) : null;
  const sampler = makeSampler(view, {
    batch: cell.batch,
    seed: deriveSeed(cell.seed, 'order', item.name, position.task),
    totalSteps: plannedSteps(duration, view.n, cell.batch, view.smooth !== null),
  });
  const parts = { model: run.model, optimizer: run.optimizer, loss: cell.loss, penalties: interventions.penalties, ctx };
  const keepHidden = interventions.perStep.length > 0;
  const counters: TaskCounters = { steps: 0, epochs: 0, examples: 0 };
  while (!reached(limit, counters)) {
    const { indices, epochEnded } = sampler.next();
    const batch = toBatch(view.gather(indices), run.dataset, cell.loss);
    try {
      const result = trainStep(parts, batch, keepHidden);
      try {
        if (!Number.isFinite(result.loss)) {
          run.divergence = {
            step: position.step,
            phase: position.phase,
            task: position.task,
            what: 'train.loss',
            value: String(result.loss) as Divergence['value'],
          };
          return false;
        }
        const k = indices.length;
        recorder.observeBatch(result.loss, result.correct, k);
        until?.online.add(result.loss, result.correct, k);
        const before = { ...counters };
        counters.steps++;
        counters.examples += k;
        if (epochEnded) {
          counters.epochs++;
          run.totalEpochs++;
        }
        position.step++;
        position.examples += k;
        position.epoch = counters.epochs;
        for (const iv of interventions.perStep) iv.fire!(ctx, { batch, hidden: result.hidden });
        recorder.afterStep(ctx, position.step, run.totalEpochs, epochEnded);
        for (const t of interventions.triggered) {
          if (firesAfterStep(t.spec.trigger, position.step, run.totalEpochs, epochEnded)) t.impl.fire!(ctx, null);
        }
        if (until && crossed(until.checkEvery, before, counters) && until.holds(ctx)) break;
      } finally {
        tf.dispose(result.hidden);
      }
    } finally {
      tf.dispose([batch.x, batch.y]);
    }
    run.progress();
    await run.breathe();
  }
  return true;
}
