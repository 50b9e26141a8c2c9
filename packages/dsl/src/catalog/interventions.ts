/**
 * The intervention catalog: the names the engine implements, EXACTLY. Each entry's parameters are resolved with their
 * defaults into `InterventionSpec.params`. Surface forms that are not plain calls (`reset head`, `reset optimizer`,
 * `set lr = X`) are lowered to these names in lower/interventions.ts.
 */
import { fraction01, nonNegative, positiveInt, unitInterval, type Catalog } from './schema.ts';

export const interventionCatalog: Catalog = {
  reset: {
    name: 'reset',
    doc: 'Re-initialise the chosen weight layers from the init distribution (Berariu; Nikishin). `optimizer: true` also zeroes their optimiser state.',
    params: [
      { name: 'layers', type: { kind: 'layers' }, default: { kind: 'all' }, doc: 'all | head | layers[from..to]' },
      { name: 'optimizer', type: { kind: 'boolean' }, default: false, doc: 'also reset the optimiser state of those layers' },
      {
        name: 'init',
        type: { kind: 'enum', values: ['fresh', 'initial'] },
        default: 'fresh',
        doc: 'fresh: a new draw from the init distribution; initial: the cell\'s own initial values θ0 (a fresh run of the same seed)',
      },
    ],
  },
  reset_optimizer: {
    name: 'reset_optimizer',
    doc: 'Zero the whole optimiser state (Adam moments and step count, momentum buffers).',
    params: [],
  },
  shrink_perturb: {
    name: 'shrink_perturb',
    doc: 'θ ← λθ + σ·ε (Ash & Adams 2020); ε = fresh-init parameters (fresh_init) or N(0, 1) (gaussian).',
    params: [
      { name: 'shrink', type: unitInterval, doc: 'the multiplier λ' },
      { name: 'perturb', type: nonNegative, doc: 'the noise scale σ' },
      { name: 'noise', type: { kind: 'enum', values: ['fresh_init', 'gaussian'] }, default: 'fresh_init', doc: 'what ε is' },
    ],
  },
  l2: {
    name: 'l2',
    doc: 'Weight decay toward 0: loss + (λ/2)·||θ||², every step.',
    params: [{ name: 'strength', type: nonNegative, doc: 'λ' }],
  },
  l2_init: {
    name: 'l2_init',
    doc: 'L2 Init (Kumar et al. 2023): loss + (λ/2)·Σ(θ − θ₀)², θ₀ = parameters at step 0, every step.',
    params: [{ name: 'strength', type: nonNegative, doc: 'λ' }],
  },
  set_optimizer: {
    name: 'set_optimizer',
    doc: 'Change optimiser hyper-parameters (`set lr = 1e-2`): Berariu et al.’s x10 learning rate in phase 2.',
    params: [
      { name: 'lr', type: { kind: 'number', min: 0, minOpen: true }, default: null, doc: 'learning rate' },
      { name: 'momentum', type: { kind: 'number', min: 0, max: 1, maxOpen: true }, default: null, doc: 'momentum' },
      { name: 'beta1', type: { kind: 'number', min: 0, max: 1, maxOpen: true }, default: null, doc: 'Adam β1' },
      { name: 'beta2', type: { kind: 'number', min: 0, max: 1, maxOpen: true }, default: null, doc: 'Adam β2' },
      { name: 'eps', type: { kind: 'number', min: 0, minOpen: true }, default: null, doc: 'Adam ε' },
    ],
  },
  redo: {
    name: 'redo',
    doc: 'ReDo (Sokar et al. 2023): re-initialise τ-dormant units (incoming weights fresh, outgoing 0, moments 0).',
    params: [
      { name: 'tau', type: unitInterval, doc: 'dormancy threshold τ on the normalised score' },
      { name: 'probe', type: positiveInt, default: 256, doc: 'inputs used to score the units' },
    ],
  },
  continual_backprop: {
    name: 'continual_backprop',
    doc: 'Continual backprop (Dohare et al. 2024): replace the lowest-utility mature units at rate r per step.',
    params: [
      { name: 'rate', type: fraction01, doc: 'replacement rate r' },
      { name: 'maturity', type: positiveInt, default: 100, doc: 'steps before a unit may be replaced' },
      { name: 'decay', type: { kind: 'number', min: 0, max: 1, maxOpen: true }, default: 0.99, doc: 'utility decay η' },
      {
        name: 'utility',
        type: { kind: 'enum', values: ['contribution', 'adaptable_contribution'] },
        default: 'contribution',
        doc: "contribution |h|·|w_out|, or adaptable_contribution |h - mean h|·|w_out| / |w_in| (the authors' runs)",
      },
    ],
  },
};

/** Interventions that are loss penalties: they only make sense `every step`. */
export const penaltyInterventions: readonly string[] = ['l2', 'l2_init'];

/** Interventions that act on each step's hidden activations (utilities), so they too fire `every step`. */
export const perStepInterventions: readonly string[] = ['continual_backprop'];

/** `set KEY = X` keys allowed per optimiser kind. */
export const settableOptimizerKeys: Readonly<Record<string, readonly string[]>> = {
  sgd: ['lr'],
  momentum: ['lr', 'momentum'],
  adam: ['lr', 'beta1', 'beta2', 'eps'],
};
