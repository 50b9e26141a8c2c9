/** The interventions' public surface (re-exported by the engine's index). */
export { getIntervention, interventionNames } from './registry.ts';
export { resolveLayers, formatLayerSelector } from './layer-selector.ts';
export { redoFeatureScores, redoUnitScores, dormantUnits, normaliseScores, REDO_SCORE_EPSILON } from './redo-score.ts';
export { recycleDormant, type RecycledLayer } from './redo.ts';
export { shrinkPerturb, type ShrinkPerturbNoise } from './shrink-perturb.ts';
