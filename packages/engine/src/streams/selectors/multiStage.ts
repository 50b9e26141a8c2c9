/**
 * multi_stage(stages, uniform, stage): Berariu et al. 2021/2023, App. A.3, multi-stage training with class
 * imbalance. With S = stages over the current pool D (K classes):
 *   - the classes are shuffled (deriveSeed(seed, 'multi_stage', 'classes', S)) and cut into S groups C_0..C_(S-1)
 *     of sizes ⌊K/S⌋ or ⌈K/S⌉;
 *   - D is split into D_u (a random fraction `uniform`, deriveSeed(seed, 'multi_stage', 'uniform', |D|)) and
 *     D_c = D \ D_u; D_u is cut into S equal parts D_(u,0)..D_(u,S-1);
 *   - D_i = D_(i-1) ∪ D_(u,i) ∪ {(x, c) ∈ D_c : c ∈ C_i}, D_(-1) = ∅ (the paper's D_0 = ∅, 1-based there),
 *     so D_(S-1) = D.
 * The stage is the selector's `stage` field, or else the task index of a repeat. Positions keep pool order. The
 * construction depends only on the seed and the pool, so the stages of one run nest. The test set is unchanged.
 */
import { deriveSeed, makeRng, permutation } from '../../core/seed.ts';
import { DataError } from '../../data/index.ts';
import { checkFraction, currentLabels, poolSize, requireClassification, takePositions } from '../pool.ts';
import type { SelectorImpl } from '../pool.ts';

export interface StageAssignment {
  /** Class → its group (the first stage its D_c examples join). */
  classGroup: Int32Array;
  /** Pool position → 1 when it belongs to D_u (then firstStage is its part of D_u), else 0 (D_c). */
  inUniform: Uint8Array;
  /** Pool position → the first stage that holds it. */
  firstStage: Int32Array;
}

/** For every pool position, the first stage whose data holds it (the construction above). */
export function assignStages(labels: Int32Array, classes: number, stages: number, uniform: number, seed: number): StageAssignment {
  const classOrder = permutation(classes, makeRng(deriveSeed(seed, 'multi_stage', 'classes', stages)));
  const classGroup = new Int32Array(classes);
  classOrder.forEach((c, j) => {
    classGroup[c] = Math.floor((j * stages) / classes);
  });
  const n = labels.length;
  const firstStage = new Int32Array(n);
  for (let i = 0; i < n; i++) firstStage[i] = classGroup[labels[i]!]!;
  const order = permutation(n, makeRng(deriveSeed(seed, 'multi_stage', 'uniform', n)));
  const u = Math.round(uniform * n);
  const inUniform = new Uint8Array(n);
  for (let k = 0; k < u; k++) {
    inUniform[order[k]!] = 1;
    firstStage[order[k]!] = Math.floor((k * stages) / u);
  }
  return { classGroup, inUniform, firstStage };
}

export const multiStage: SelectorImpl<'multi_stage'> = (selector, state, ctx) => {
  const { stages, uniform } = selector;
  const what = `multi_stage(stages=${stages}, uniform=${uniform})`;
  requireClassification(ctx, what);
  const k = ctx.dataset.outputs;
  if (!Number.isInteger(stages) || stages < 1 || stages > k) {
    throw new DataError(`${what}: stages must be an integer in 1..${k} (one class group per stage), got ${stages}`);
  }
  checkFraction(what, uniform, true);
  const stage = selector.stage ?? ctx.task;
  if (!Number.isInteger(stage) || stage < 0 || stage >= stages) {
    const source = selector.stage === null ? `task ${ctx.task} of '${ctx.phase}'` : `stage=${selector.stage}`;
    throw new DataError(`${what}: ${source} asks for stage ${stage}, but the stages are 0..${stages - 1}`);
  }
  const { firstStage } = assignStages(currentLabels(state.train), k, stages, uniform, ctx.seed);
  const positions: number[] = [];
  for (let i = 0; i < firstStage.length; i++) if (firstStage[i]! <= stage) positions.push(i);
  if (positions.length === 0) throw new DataError(`${what}: stage ${stage} holds no training examples`);
  if (positions.length === poolSize(state.train)) return state;
  return { ...state, train: takePositions(state.train, Int32Array.from(positions)) };
};
