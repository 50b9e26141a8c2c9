/**
 * Firing interventions with their events (events.ts): a detailed firing is wrapped in weight snapshots, and once
 * every intervention due at that moment has fired, every step- or epoch-cadenced series is measured again at the
 * same step (Recorder.afterIntervention), so that curves show the jump instead of a line across it.
 */
import type { StepSignals } from '../core/contracts.ts';
import { snapshot } from './events.ts';
import type { Run } from './setup.ts';
import type { ArmIntervention } from './validate.ts';

/** Fire the triggered interventions that are due, in the arm's order; measure once after them. */
export function fireTriggered(run: Run, due: readonly ArmIntervention[]): void {
  let detailed = false;
  for (const iv of due) {
    const detail = run.events.wantsDetail(iv);
    const before = detail ? snapshot(run.model) : null;
    const effect = iv.impl.fire!(run.ctx, null);
    run.events.fired(iv, run.position, effect, before, detail ? snapshot(run.model) : null);
    detailed ||= detail;
  }
  if (detailed) run.recorder.afterIntervention(run.ctx);
}

/** Fire the every-step interventions after an update (their events are summed per task). */
export function firePerStep(run: Run, signals: StepSignals): void {
  for (const iv of run.interventions.perStep) run.events.fired(iv, run.position, iv.impl.fire!(run.ctx, signals), null, null);
}
