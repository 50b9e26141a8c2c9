/**
 * The intervention catalog: the names the engine implements, EXACTLY (the engine registers one implementation per
 * entry; a test fails on a missing or an extra one). Each entry's parameters are resolved with their defaults into
 * `InterventionSpec.params`. Surface forms that are not plain calls (`reset head`, `reset optimizer`, `set lr = X`)
 * are lowered to these names in lower/arms.ts.
 */
import { decayRate, fraction01, nonNegative, positive, positiveInt, unitInterval, type CatalogEntry } from './schema.ts';

export interface InterventionEntry extends CatalogEntry {
  /**
   * Interventions that only make sense `every step:`: a 'penalty' adds to every step's loss (its gradient), an
   * 'activations' one reads each step's hidden activations. The language and the engine both enforce it.
   */
  everyStep?: 'penalty' | 'activations';
}

export const interventionCatalog = {
  reset: {
    name: 'reset',
    doc: 'Re-initialise the chosen weight layers from the init distribution. `optimizer: true` also zeroes their optimiser state.',
    formula: 'for every selected layer: W, b (and its layer-norm gain/offset) ← a fresh draw (init: fresh) or θ0 (init: initial)',
    source: 'Berariu et al. 2021 (top layers before phase 2); Nikishin et al. 2022, primacy bias (the head, periodically)',
    params: [
      { name: 'layers', type: { kind: 'layers' }, default: { kind: 'all' }, doc: 'all | head | layers[from..to]' },
      { name: 'optimizer', type: { kind: 'boolean' }, default: false, doc: 'also reset the optimiser state of those layers' },
      {
        name: 'init',
        type: { kind: 'enum', values: ['fresh', 'initial'] },
        default: 'fresh',
        doc: "fresh: a new draw from the init distribution; initial: the cell's own initial values θ0 (a fresh run of the same seed)",
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
    doc: 'Shrink every parameter towards 0 and add noise; ε = fresh-init parameters (fresh_init) or N(0, 1) (gaussian).',
    formula: 'θ ← λθ + σ·ε',
    source: 'Ash & Adams 2020, warm-starting neural network training',
    params: [
      { name: 'shrink', type: unitInterval, doc: 'the multiplier λ' },
      { name: 'perturb', type: nonNegative, doc: 'the noise scale σ' },
      { name: 'noise', type: { kind: 'enum', values: ['fresh_init', 'gaussian'] }, default: 'fresh_init', doc: 'what ε is' },
    ],
  },
  l2: {
    name: 'l2',
    doc: 'Weight decay toward 0, every step.',
    formula: 'loss + (λ/2)·||θ||²',
    everyStep: 'penalty',
    params: [{ name: 'strength', type: nonNegative, doc: 'λ' }],
  },
  l2_init: {
    name: 'l2_init',
    doc: 'L2 Init: decay toward the initial parameters θ₀, every step.',
    formula: 'loss + (λ/2)·Σ(θ − θ₀)²',
    source: 'Kumar et al. 2023, maintaining plasticity via regenerative regularization',
    everyStep: 'penalty',
    params: [{ name: 'strength', type: nonNegative, doc: 'λ' }],
  },
  set_optimizer: {
    name: 'set_optimizer',
    doc: "Change optimiser hyper-parameters (`set lr = 1e-2`): Berariu et al.'s x10 learning rate in phase 2.",
    params: [
      { name: 'lr', type: positive, default: null, doc: 'learning rate' },
      { name: 'momentum', type: decayRate, default: null, doc: 'momentum' },
      { name: 'beta1', type: decayRate, default: null, doc: 'Adam β1' },
      { name: 'beta2', type: decayRate, default: null, doc: 'Adam β2' },
      { name: 'eps', type: positive, default: null, doc: 'Adam ε' },
    ],
  },
  redo: {
    name: 'redo',
    doc: 'ReDo: re-initialise τ-dormant units (incoming weights fresh, outgoing 0, their optimiser state 0).',
    formula: 's_i = E|h_i| / mean_j E|h_j|; unit i is dormant iff s_i ≤ τ',
    source: 'Sokar et al. 2023, the dormant neuron phenomenon; google/dopamine labs/redo',
    params: [
      { name: 'tau', type: unitInterval, doc: 'dormancy threshold τ on the normalised score' },
      { name: 'probe', type: positiveInt, default: 256, unit: 'inputs', doc: 'inputs used to score the units' },
    ],
  },
  continual_backprop: {
    name: 'continual_backprop',
    doc: 'Continual backprop: replace the lowest-utility mature units at rate r per step.',
    formula: 'util_u ← η·util_u + (1−η)·c_u; every step replace r·|{u: age_u > m}| units of lowest util_u/(1−η^age_u)',
    source: 'Dohare et al. 2024, loss of plasticity in deep continual learning; lop/algos/gnt.py',
    everyStep: 'activations',
    params: [
      { name: 'rate', type: fraction01, doc: 'replacement rate r' },
      { name: 'maturity', type: positiveInt, default: 100, unit: 'steps', doc: 'steps before a unit may be replaced' },
      { name: 'decay', type: decayRate, default: 0.99, doc: 'utility decay η' },
      {
        name: 'utility',
        type: { kind: 'enum', values: ['contribution', 'adaptable_contribution'] },
        default: 'contribution',
        doc: "contribution |h|·|w_out|, or adaptable_contribution |h - mean h|·|w_out| / |w_in| (the authors' runs)",
      },
    ],
  },
  weight_clipping: {
    name: 'weight_clipping',
    doc: "Clip every weight layer's kernel and bias to ±κ times its initialisation bound; usually `every step:` (after the update).",
    formula: 'θ_ℓ ← clip(θ_ℓ, −κ·s_ℓ, κ·s_ℓ),  s_ℓ = 1/√fan_in(ℓ)',
    source: "Elsayed, Lan, Lyle & Mahmood 2024, weight clipping for deep continual and reinforcement learning; the authors' InitBounds (PyTorch's default-init bound)",
    params: [{ name: 'kappa', type: positive, doc: 'clipping factor κ, in multiples of the init bound' }],
  },
} as const satisfies Record<string, InterventionEntry>;

export type InterventionName = keyof typeof interventionCatalog;

/** The entry of a name, or undefined (for names read from a file). */
export function interventionEntry(name: string): InterventionEntry | undefined {
  return Object.hasOwn(interventionCatalog, name) ? (interventionCatalog as Record<string, InterventionEntry>)[name] : undefined;
}

/** Interventions that are loss penalties: they only make sense `every step`. */
export const penaltyInterventions: readonly string[] = Object.values(interventionCatalog as Record<string, InterventionEntry>)
  .filter((e) => e.everyStep === 'penalty')
  .map((e) => e.name);

/** Interventions that act on each step's hidden activations (utilities), so they too fire `every step`. */
export const perStepInterventions: readonly string[] = Object.values(interventionCatalog as Record<string, InterventionEntry>)
  .filter((e) => e.everyStep === 'activations')
  .map((e) => e.name);

/** `set KEY = X` keys allowed per optimiser kind. */
export const settableOptimizerKeys: Readonly<Record<string, readonly string[]>> = {
  sgd: ['lr'],
  momentum: ['lr', 'momentum'],
  adam: ['lr', 'beta1', 'beta2', 'eps'],
};
