/** Model and optimiser constructors with their parameters and defaults (ir.ts ModelSpec, OptimizerSpec). */
import { decayRate, positive, positiveInt, type Catalog, type ParamSchema } from './schema.ts';

export const activations = ['relu', 'tanh', 'crelu', 'sigmoid', 'leaky_relu', 'linear'] as const;
export const initSchemes = ['he_uniform', 'he_normal', 'glorot_uniform', 'glorot_normal', 'torch_default', 'he_uniform_linear_head'] as const;

const common: ParamSchema[] = [
  { name: 'activation', type: { kind: 'enum', values: activations }, default: 'relu', doc: 'hidden activation' },
  { name: 'layer_norm', irKey: 'layerNorm', type: { kind: 'boolean' }, default: false, doc: 'LayerNorm before each activation' },
  { name: 'init', type: { kind: 'enum', values: initSchemes }, default: 'torch_default', doc: 'weight initialisation' },
];

export const modelCatalog: Catalog = {
  mlp: {
    name: 'mlp',
    doc: 'a fully connected network',
    params: [{ name: 'hidden', type: { kind: 'int_list', min: 1 }, default: [100, 100], doc: 'hidden widths' }, ...common],
  },
  cnn: {
    name: 'cnn',
    doc: 'convolutions (each + max-pool) then fully connected layers; default Kumar et al.’s small CNN',
    params: [
      { name: 'conv', type: { kind: 'conv_list' }, default: null, doc: 'conv(filters, kernel: 5, pool: 2) layers' },
      { name: 'hidden', type: { kind: 'int_list', min: 1 }, default: [100, 100], doc: 'fully connected widths' },
      ...common,
    ],
  },
};

/** `conv(filters: 16, kernel: 5, pool: 2)` inside `cnn(conv: [...])`. */
export const convLayerSchema: readonly ParamSchema[] = [
  { name: 'filters', type: positiveInt, doc: 'output channels' },
  { name: 'kernel', type: positiveInt, default: 5, doc: 'square kernel size' },
  { name: 'pool', type: positiveInt, default: 2, doc: 'max-pool window after the conv (1 = none)' },
];

/** Kumar et al.'s small CNN: conv 5x5/16 + pool 2, twice. */
export const defaultConvLayers = [
  { filters: 16, kernel: 5, pool: 2 },
  { filters: 16, kernel: 5, pool: 2 },
];

const lr: ParamSchema = { name: 'lr', type: positive, doc: 'learning rate' };
const beta = (name: string, d: number): ParamSchema => ({
  name,
  type: decayRate,
  default: d,
  doc: `Adam ${name}`,
});

export const optimizerCatalog: Catalog = {
  sgd: { name: 'sgd', doc: 'plain SGD', params: [lr] },
  momentum: {
    name: 'momentum',
    doc: 'SGD with (optionally Nesterov) momentum',
    params: [lr, beta('momentum', 0.9), { name: 'nesterov', type: { kind: 'boolean' }, default: false, doc: 'Nesterov momentum' }],
  },
  adam: {
    name: 'adam',
    doc: 'Adam (Kingma & Ba)',
    params: [lr, beta('beta1', 0.9), beta('beta2', 0.999), { name: 'eps', type: positive, default: 1e-8, doc: 'ε' }],
  },
};

export const lossKinds = ['cross_entropy', 'squared_error'] as const;
