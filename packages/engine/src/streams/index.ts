/**
 * Task streams: the phases and repeated tasks of a cell as lazy views over a Dataset (view.ts), the data
 * selectors that shape each task (selectors/, one file per Selector kind), and the samplers that batch them.
 */
export { taskViews, makeTaskView, checkStream } from './view.ts';
export type { TaskView } from './view.ts';
export { makeSampler } from './sampler.ts';
export type { Sampler, SamplerOptions } from './sampler.ts';
export type { Gathered } from './pool.ts';
export { SELECTORS, applyPipeline, smoothProbability, assignStages, pixelPermutation, noiseOffsets } from './selectors/index.ts';
