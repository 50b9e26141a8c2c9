/**
 * Intervention events (record.ts InterventionEvent): what each firing did, written to the cell's record.
 *
 *   at / each_task / every   one event per firing: per weight layer the L2 norm of its parameters before and after,
 *                            the fraction of them that changed, and the units the intervention re-initialised. The
 *                            first MAX_DETAILED firings of an intervention in a cell are detailed so; later ones
 *                            (an `every 10 steps` over a long stream) are summed per task like per-step firings.
 *   every_step               one summary per task (and intervention) at the task's end: firings counted, units
 *                            summed, no norms (reading every weight on every step would cost as much as the step).
 *                            Penalties (l2, l2_init) act through the gradient; their summary counts the task's steps.
 * A norm that is not finite is stored as null and named in `nonFinite`: the event never breaks the record.
 */
import { interventionEntry, resolveParams, type ParamValue } from '@plas/dsl/contract';
import type { InterventionEffect, Model, Position } from '../core/contracts.ts';
import type { EventLayer, InterventionEvent } from '../record.ts';
import type { ArmIntervention } from './validate.ts';

/** Detailed events per intervention and cell; beyond, firings are summed per task. */
export const MAX_DETAILED = 200;

export type Snapshot = Map<string, Float32Array>;

/** Every parameter's values, copied (a backend may hand out its own buffer). */
export function snapshot(model: Model): Snapshot {
  const out: Snapshot = new Map();
  for (const [name, v] of model.params) out.set(name, Float32Array.from(v.dataSync() as Float32Array));
  return out;
}

function layerParams(model: Model): { layer: string; names: string[] }[] {
  return model.layers.map((l) => ({ layer: l.name, names: [l.weight, l.bias, ...(l.norm ? [l.norm.gain, l.norm.offset] : [])] }));
}

function norm(values: readonly Float32Array[]): number {
  let sum = 0;
  for (const a of values) for (let i = 0; i < a.length; i++) sum += a[i]! * a[i]!;
  return Math.sqrt(sum);
}

function changedFraction(before: readonly Float32Array[], after: readonly Float32Array[]): number {
  let n = 0;
  let changed = 0;
  before.forEach((a, k) => {
    const b = after[k]!;
    n += a.length;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !(Number.isNaN(a[i]!) && Number.isNaN(b[i]!))) changed++;
  });
  return n === 0 ? 0 : changed / n;
}

function resolved(spec: ArmIntervention['spec']): Record<string, ParamValue> {
  const entry = interventionEntry(spec.name);
  if (!entry) return { ...spec.params };
  const { values } = resolveParams(entry, 'intervention', spec.params);
  const out: Record<string, ParamValue> = {};
  for (const [k, v] of Object.entries(values)) if (v !== null && v !== undefined) out[k] = v as ParamValue;
  return out;
}

interface Summary {
  fromStep: number;
  step: number;
  firings: number;
  units: Map<string, number>;
}

export class EventLog {
  private readonly events: InterventionEvent[] = [];
  private readonly detailed = new Map<ArmIntervention, number>();
  private readonly summaries = new Map<ArmIntervention, Summary>();
  private readonly params = new Map<ArmIntervention, Record<string, ParamValue>>();
  private taskStartStep = 0;

  constructor(
    private readonly model: Model,
    private readonly penalties: readonly ArmIntervention[],
  ) {}

  /** Whether the next firing of `iv` gets a detailed event (and so a snapshot and a measurement after it). */
  wantsDetail(iv: ArmIntervention): boolean {
    return iv.spec.trigger.kind !== 'every_step' && (this.detailed.get(iv) ?? 0) < MAX_DETAILED;
  }

  /** A firing of `iv` at `at`; `before`/`after` are snapshots for a detailed event, null for a summed one. */
  fired(iv: ArmIntervention, at: Position, effect: InterventionEffect | void, before: Snapshot | null, after: Snapshot | null): void {
    if (before === null || after === null) {
      this.sum(iv, at.step, effect);
      return;
    }
    this.detailed.set(iv, (this.detailed.get(iv) ?? 0) + 1);
    const nonFinite: string[] = [];
    const finite = (v: number, path: string): number | null => {
      if (Number.isFinite(v)) return v;
      nonFinite.push(path);
      return null;
    };
    const layers: EventLayer[] = [];
    for (const { layer, names } of layerParams(this.model)) {
      const b = names.map((n) => before.get(n)).filter((x): x is Float32Array => x !== undefined);
      const a = names.map((n) => after.get(n)).filter((x): x is Float32Array => x !== undefined);
      const changed = changedFraction(b, a);
      const units = effect?.units?.[layer];
      if (changed === 0 && units === undefined) continue;
      layers.push({
        layer,
        ...(units !== undefined ? { units } : {}),
        normBefore: finite(norm(b), `${layer}.normBefore`),
        normAfter: finite(norm(a), `${layer}.normAfter`),
        changed,
      });
    }
    this.events.push({ ...this.head(iv, at.step, at), firings: 1, layers, ...(nonFinite.length ? { nonFinite } : {}) });
  }

  /** A task begins: penalties count its steps from here. */
  startTask(at: Position): void {
    this.taskStartStep = at.step;
  }

  /** The task ended (or training stopped): one summary per intervention that fired summed in it, and per penalty. */
  endTask(at: Position): void {
    const steps = at.step - this.taskStartStep;
    if (steps > 0) for (const p of this.penalties) this.summaries.set(p, { fromStep: this.taskStartStep + 1, step: at.step, firings: steps, units: new Map() });
    for (const [iv, s] of this.summaries) {
      const layers: EventLayer[] = [...s.units].map(([layer, units]) => ({ layer, units }));
      this.events.push({ ...this.head(iv, s.step, at), firings: s.firings, fromStep: s.fromStep, layers });
    }
    this.summaries.clear();
    this.taskStartStep = at.step;
  }

  list(): InterventionEvent[] {
    return this.events;
  }

  private sum(iv: ArmIntervention, step: number, effect: InterventionEffect | void): void {
    const s = this.summaries.get(iv) ?? { fromStep: step, step, firings: 0, units: new Map<string, number>() };
    s.step = step;
    s.firings++;
    for (const [layer, n] of Object.entries(effect?.units ?? {})) s.units.set(layer, (s.units.get(layer) ?? 0) + n);
    this.summaries.set(iv, s);
  }

  private head(iv: ArmIntervention, step: number, at: Position): Omit<InterventionEvent, 'firings' | 'layers'> {
    let params = this.params.get(iv);
    if (params === undefined) {
      params = resolved(iv.spec);
      this.params.set(iv, params);
    }
    return { step, phase: at.phase, task: at.task, name: iv.spec.name, params: structuredClone(params), trigger: iv.spec.trigger.kind };
  }
}
