export { createModel, drawParams } from './create-model.ts';
export { planArchitecture } from './architecture.ts';
export type { Architecture, LayerPlan, ParamPlan, ParamRole } from './architecture.ts';
export { forwardPass } from './forward.ts';
export type { ParamLookup } from './forward.ts';
export { ACTIVATIONS, LEAKY_RELU_SLOPE } from './activations.ts';
export { INITIALIZERS } from './init.ts';
export { layerNorm, LAYER_NORM_EPS } from './layer-norm.ts';
export { ModelConfigError } from './errors.ts';
