/**
 * A swept store for the sensitivity chart and the event markers: the fixtures' warm-start experiment (fixtures.ts)
 * with a grid over the `shrink` arm's λ (3 values) and σ (2 values). The shrink arm's tune accuracy moves with λ by
 * a known amount, and every intervention writes its event at the tune boundary (step 12), as the engine does.
 */
import { sweepPoints, type ExperimentIR } from '@plas/dsl';
import type { CellRecord, InterventionEvent } from '@plas/engine';
import { makeCell, makeIr } from './fixtures.ts';

export const LAMBDAS = [0.2, 0.4, 0.6];
export const SIGMAS = [0, 0.01];
/** The step of the tune boundary in the fixtures (3 pretrain epochs of 4 steps). */
export const TUNE_STEP = 12;

export function sweepIr(seeds: number[] = [0, 1, 2, 3]): ExperimentIR {
  const base = makeIr({ seeds });
  return {
    ...base,
    sweep: {
      kind: 'grid',
      axes: [
        { key: 'shrink.shrink', path: ['interventions', 0, 'params', 'shrink'], values: LAMBDAS, arm: 'shrink' },
        { key: 'shrink.perturb', path: ['interventions', 0, 'params', 'perturb'], values: SIGMAS, arm: 'shrink' },
      ],
    },
  };
}

/** What the shrink arm's accuracy gains at λ: 0.1·λ on every tune measurement. */
export const lambdaGain = (lambda: number): number => 0.1 * lambda;

function event(name: string, extra: Partial<InterventionEvent> = {}): InterventionEvent {
  return { step: TUNE_STEP, phase: 'tune', task: 0, name, params: {}, trigger: 'at', firings: 1, layers: [], ...extra };
}

/** `afterIntervention`: also the measurement right after each `at tune` intervention (fixtures.ts makeCell). */
export function sweepCells(ir: ExperimentIR, o: { afterIntervention?: boolean } = {}): CellRecord[] {
  const out: CellRecord[] = [];
  for (const { point, label } of sweepPoints(ir.sweep)) {
    for (const arm of ir.arms) {
      for (const seed of ir.seeds) {
        const cell = makeCell(ir, arm.name, seed, { point: point as Record<string, number>, pointLabel: label, ...o });
        const lambda = point['shrink.shrink'] as number;
        if (arm.name === 'shrink') {
          const acc = cell.series['test.accuracy'] ?? [];
          for (const p of acc) if (p.phase === 'tune' && typeof p.value === 'number') p.value += lambdaGain(lambda);
          cell.events = [event('shrink_perturb', { params: { shrink: lambda, perturb: point['shrink.perturb'] as number } })];
        }
        if (arm.name === 'fresh') cell.events = [event('reset')];
        out.push(cell);
      }
    }
  }
  return out;
}
