/**
 * Everything about a cell that can be wrong is checked here, before the first step, and reported as a
 * CellConfigError pointing at the `.plas` source: unknown intervention or metric names, intervention parameters and
 * layer selectors the model does not have, triggers naming no phase, data selectors the data cannot satisfy,
 * durations that are not positive, a loss that does not fit the data.
 */
import { everyStepProblem, triggerProblem, type CellSpec, type InterventionSpec } from '@plas/dsl/contract';
import type { Diagnostic, Intervention, Model } from '../core/contracts.ts';
import type { Dataset } from '../data/index.ts';
import { getDiagnostic, diagnosticNames } from '../diagnostics/registry.ts';
import { getIntervention, interventionNames } from '../interventions/registry.ts';
import { checkStream } from '../streams/index.ts';
import { checkDuration } from './duration.ts';
import { CellConfigError, errorMessage } from './errors.ts';
import { isOnlineMetric, ONLINE_METRICS } from './online.ts';

export interface ArmIntervention {
  spec: InterventionSpec;
  impl: Intervention;
}

/** The cell's interventions sorted by how the loop calls them. */
export interface PreparedInterventions {
  /** every_step with adjustGrads: added to each step's gradients. */
  penalties: Intervention[];
  /** The same, with their specs (for their per-task events). */
  penaltySpecs: ArmIntervention[];
  /** every_step without adjustGrads: fire(ctx, signals) after each update. */
  perStep: ArmIntervention[];
  /** at / at_point / each_task / every: fire(ctx, null) when their trigger says. */
  triggered: ArmIntervention[];
  all: Intervention[];
}

export function checkData(cell: CellSpec, dataset: Dataset): void {
  if (!Number.isInteger(cell.batch) || cell.batch < 1) throw new CellConfigError(`batch must be a positive integer, got ${cell.batch}`);
  if (cell.stream.length === 0) throw new CellConfigError('the stream has no phase to train');
  if (cell.loss === 'cross_entropy' && dataset.kind !== 'classification') {
    throw new CellConfigError(`loss cross_entropy needs class labels, but ${dataset.id} is a regression data set (use squared_error)`);
  }
  for (const item of cell.stream) {
    const bad = checkDuration(item.duration);
    if (bad) throw new CellConfigError(`${item.kind} '${item.name}': ${bad}`, item.span);
    if (item.duration.kind === 'until') checkMetricName(item.duration.metric, dataset, item.span);
    try {
      checkStream(dataset, [item], cell.seed);
    } catch (err) {
      throw new CellConfigError(`${item.kind} '${item.name}': ${errorMessage(err)}`, item.span);
    }
  }
}

export function resolveMetric(name: string): Diagnostic {
  const d = getDiagnostic(name);
  if (!d) throw new Error(`no diagnostic '${name}'`);
  return d;
}

function checkMetricName(metric: string, dataset: Dataset, span: InterventionSpec['span']): void {
  if (isOnlineMetric(metric)) {
    if (metric === 'online.accuracy' && dataset.kind !== 'classification') {
      throw new CellConfigError(`online.accuracy needs class labels, but ${dataset.id} is a regression data set`, span);
    }
    return;
  }
  if (!getDiagnostic(metric)) {
    const known = [...ONLINE_METRICS, ...diagnosticNames()].join(', ');
    throw new CellConfigError(`unknown metric '${metric}' (known: ${known})`, span);
  }
}

export function checkMeasures(cell: CellSpec, dataset: Dataset): void {
  for (const m of cell.measure) {
    checkMetricName(m.metric, dataset, m.span);
    if (m.cadence.kind === 'every' && (!Number.isInteger(m.cadence.n) || m.cadence.n < 1)) {
      throw new CellConfigError(`measure ${m.key}: every must be a positive integer, got ${m.cadence.n}`, m.span);
    }
  }
}

export function prepareInterventions(cell: CellSpec, model: Model): PreparedInterventions {
  const prepared: PreparedInterventions = { penalties: [], penaltySpecs: [], perStep: [], triggered: [], all: [] };
  try {
    for (const spec of cell.interventions) {
      const factory = getIntervention(spec.name);
      if (!factory) {
        throw new CellConfigError(`unknown intervention '${spec.name}' (known: ${interventionNames().join(', ')})`, spec.span);
      }
      // the language's trigger rules, from the contract (a hand-written spec gets the same words)
      const badTrigger = triggerProblem(spec.trigger, cell.stream) ?? everyStepProblem(spec);
      if (badTrigger) throw new CellConfigError(badTrigger.message, spec.span, badTrigger.code);
      let impl: Intervention;
      try {
        impl = factory(spec.params, model);
      } catch (err) {
        throw CellConfigError.from(err, spec.span);
      }
      prepared.all.push(impl);
      if (spec.trigger.kind === 'every_step') {
        if (impl.adjustGrads) {
          prepared.penalties.push(impl);
          prepared.penaltySpecs.push({ spec, impl });
        } else if (impl.fire) prepared.perStep.push({ spec, impl });
        else throw new CellConfigError(`${spec.name} has nothing to do every step`, spec.span);
      } else {
        if (!impl.fire) {
          throw new CellConfigError(`${spec.name} is a penalty on every step's loss: use it with the every_step trigger`, spec.span);
        }
        if (impl.needsSignals) {
          throw new CellConfigError(`${spec.name} acts on each step's activations: use it with the every_step trigger`, spec.span);
        }
        prepared.triggered.push({ spec, impl });
      }
    }
  } catch (err) {
    for (const iv of prepared.all) iv.dispose?.();
    throw err;
  }
  return prepared;
}
