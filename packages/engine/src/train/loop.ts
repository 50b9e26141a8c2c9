/**
 * The training loop over a set-up run (setup.ts): every task of the stream in order, each trained to its duration.
 * Within a step: forward/backward on the batch (online metrics score it before the update) → penalties → update →
 * every-step interventions (with the batch's hidden activations) → measurements due → 'every' interventions due
 * (so a measurement at step n sees the training, not an intervention firing at n). A non-finite loss stops the
 * loop and sets `run.divergence`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { StreamItem } from '@plas/dsl';
import { deriveSeed } from '../core/seed.ts';
import type { Divergence } from '../record.ts';
import { makeSampler, makeTaskView } from '../streams/index.ts';
import type { TaskView } from '../streams/index.ts';
import { toBatch } from './batches.ts';
import { crossed, limitOf, plannedSteps, reached } from './duration.ts';
import type { TaskCounters } from './duration.ts';
import { CellConfigError, errorMessage } from './errors.ts';
import { taskCount } from './setup.ts';
import type { Run } from './setup.ts';
import { trainStep } from './step.ts';
import { firesAfterStep, firesAtTaskStart } from './triggers.ts';
import { UntilCheck } from './until.ts';

export interface LoopHooks {
  /** Called after every step and task (the caller throttles). */
  progress(): void;
  /** Awaited after every step: lets the event loop run now and then (progress messages, signals). */
  breathe(): Promise<void>;
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
          throw new CellConfigError(`measure ${spec.key}: ${errorMessage(err)}`, spec.span);
        });
      }
      for (const t of run.interventions.triggered) {
        if (firesAtTaskStart(t.spec.trigger, { phase: item.name, task, streamTask })) t.impl.fire!(run.ctx, null);
      }
      if (!(await trainTask(run, item, view, hooks))) return;
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
    hooks.progress();
    await hooks.breathe();
  }
  return true;
}
