/**
 * The training loop over a set-up run (setup.ts): every task of the stream in order, each trained to its duration.
 * Within a step: forward/backward on the batch (online metrics score it before the update) → penalties → update →
 * every-step interventions (with the batch's hidden activations) → measurements due → 'every' interventions due
 * (so a measurement at step n sees the training, not an intervention firing at n) → a second measurement at step n
 * after them (fire.ts). Every firing writes an event (events.ts). A non-finite loss stops the loop and sets
 * `run.divergence`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { StreamItem } from '@plas/dsl';
import { deriveSeed } from '../core/seed.ts';
import type { Divergence } from '../record.ts';
import { makeSampler, makeTaskView } from '../streams/index.ts';
import type { TaskView } from '../streams/index.ts';
import { gatherBatch, toBatch } from './batches.ts';
import { crossed, limitOf, plannedSteps, reached } from './duration.ts';
import type { TaskCounters } from './duration.ts';
import { CellConfigError, errorMessage } from './errors.ts';
import { taskCount } from './setup.ts';
import type { Run } from './setup.ts';
import { batchLoss } from './step.ts';
import type { Stepper } from './step-gate.ts';
import { firePerStep, fireTriggered } from './fire.ts';
import { firesAfterStep, firesAtTaskStart } from './triggers.ts';
import { UntilCheck } from './until.ts';

export interface LoopHooks {
  /** Called after every step and task (the caller throttles). */
  progress(): void;
  /** Awaited after every step: lets the event loop run now and then (progress messages, signals). */
  breathe(): Promise<void>;
  /** Takes each step: alone, or stacked with the other cells of a group (step-gate.ts). */
  stepper: Stepper;
}

export async function trainStream(run: Run, hooks: LoopHooks): Promise<void> {
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
        // step-0 points, and a first measurement of every series: a metric that cannot run fails before training
        run.recorder.start(run.ctx, (spec, err) => {
          throw CellConfigError.from(err, spec.span, `measure ${spec.key}: `);
        });
      }
      fireTriggered(run, run.interventions.triggered.filter((t) => firesAtTaskStart(t.spec.trigger, { phase: item.name, task, streamTask })));
      run.events.startTask(position);
      const trained = await trainTask(run, item, view, hooks);
      run.events.endTask(position);
      if (!trained) return;
      run.recorder.taskEnd(run.ctx, streamTask, task === count - 1);
      streamTask++;
      hooks.progress();
    }
  }
}

/** Train one task to its duration; false when the loss diverged. */
async function trainTask(run: Run, item: StreamItem, view: TaskView, hooks: LoopHooks): Promise<boolean> {
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
  let lastIndices: Parameters<TaskView['gather']>[0] | null = null;
  // host arrays reused for every batch of the task (on wasm only the targets': inputs go straight into the tensor)
  let reuse: Parameters<typeof gatherBatch>[4];
  while (!reached(limit, counters)) {
    const { indices, epochEnded } = sampler.next();
    lastIndices = indices;
    const gathered = gatherBatch(view.gather, indices, run.dataset, cell.loss, reuse);
    reuse = gathered.reuse;
    const batch = gathered.batch;
    try {
      const result = await hooks.stepper.step(run, parts, batch, keepHidden);
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
        const due = interventions.triggered.filter((t) => firesAfterStep(t.spec.trigger, position.step, run.totalEpochs, epochEnded));
        const checkUntil = until !== null && crossed(until.checkEvery, before, counters);
        // a stacked cell's own weights are stale: bring them up to date before they are read or changed
        if (due.length > 0 || interventions.perStep.length > 0) hooks.stepper.detach(run);
        else if (checkUntil || recorder.dueAfterStep(position.step, run.totalEpochs, epochEnded)) hooks.stepper.sync(run);
        firePerStep(run, { batch, hidden: result.hidden, hostHidden: result.hostHidden });
        recorder.afterStep(ctx, position.step, run.totalEpochs, epochEnded);
        fireTriggered(run, due);
        if (checkUntil && until.holds(ctx)) break;
      } finally {
        tf.dispose(result.hidden);
      }
    } finally {
      tf.dispose([batch.x, batch.y]);
    }
    hooks.progress();
    await hooks.breathe();
  }
  hooks.stepper.detach(run);
  // A step's loss is taken before its update, so an update that blows the weights up on the task's last step
  // would go unseen by the loss check: once the task ends, check the weights, then the last batch's loss under them.
  const bad = firstNonFinite(run.model.params);
  if (bad !== null) {
    run.divergence = { step: position.step, phase: position.phase, task: position.task, what: `parameters (${bad.name})`, value: bad.value };
    return false;
  }
  if (lastIndices !== null) {
    const batch = toBatch(view.gather(lastIndices), run.dataset, cell.loss);
    const after = batchLoss(parts, batch);
    tf.dispose([batch.x, batch.y]);
    if (!Number.isFinite(after)) {
      run.divergence = { step: position.step, phase: position.phase, task: position.task, what: 'train.loss after the last update', value: String(after) as Divergence['value'] };
      return false;
    }
  }
  return true;
}

/** The first parameter holding a NaN or an infinity, and which; null when all are finite. */
function firstNonFinite(params: ReadonlyMap<string, tf.Variable>): { name: string; value: Divergence['value'] } | null {
  for (const [name, v] of params) {
    const [hasNaN, hasInf] = tf.tidy(() => tf.cast(tf.stack([tf.any(tf.isNaN(v)), tf.any(tf.isInf(v))]), 'int32').dataSync());
    if (hasNaN) return { name, value: 'NaN' as Divergence['value'] };
    if (hasInf) return { name, value: 'Infinity' as Divergence['value'] };
  }
  return null;
}
