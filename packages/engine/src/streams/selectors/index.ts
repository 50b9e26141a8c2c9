/** The selector registry: one implementation per Selector kind (ir.ts), and the left-to-right pipeline. */
import type { Selector } from '@plas/dsl';
import { DataError } from '../../data/index.ts';
import type { SelectorContext, SelectorImpl, StreamState } from '../pool.ts';
import { all } from './all.ts';
import { classes } from './classes.ts';
import { classIncremental } from './classIncremental.ts';
import { labelNoise } from './labelNoise.ts';
import { multiStage } from './multiStage.ts';
import { permuteLabels } from './permuteLabels.ts';
import { permutePixels } from './permutePixels.ts';
import { randomLabels } from './randomLabels.ts';
import { smooth } from './smooth.ts';
import { subset } from './subset.ts';

export const SELECTORS: { [K in Selector['kind']]: SelectorImpl<K> } = {
  all,
  subset,
  classes,
  permute_pixels: permutePixels,
  permute_labels: permuteLabels,
  random_labels: randomLabels,
  label_noise: labelNoise,
  multi_stage: multiStage,
  smooth,
  class_incremental: classIncremental,
};

/** Apply `selectors` left to right. */
export function applyPipeline(selectors: Selector[], state: StreamState, ctx: Omit<SelectorContext, 'run'>): StreamState {
  const full: SelectorContext = { ...ctx, run: (inner, s) => applyPipeline(inner, s, ctx) };
  let current = state;
  for (const selector of selectors) {
    if (current.smooth) throw new DataError(`'${selector.kind}' cannot follow smooth: smooth must be the last selector`);
    const impl = SELECTORS[selector.kind] as SelectorImpl<Selector['kind']> | undefined;
    if (!impl) throw new DataError(`unknown data selector '${selector.kind}'`);
    current = impl(selector, current, full);
  }
  return current;
}

export { smoothProbability } from './smooth.ts';
export { assignStages } from './multiStage.ts';
export { pixelPermutation } from './permutePixels.ts';
export { noiseOffsets } from './labelNoise.ts';
