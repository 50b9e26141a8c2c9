/**
 * `l2_init(strength λ)`: L2 Init (Kumar et al. 2023, "Maintaining plasticity in continual learning via
 * regenerative regularization"): regularise towards the initial parameters θ0 (ctx.initialParams, step 0), every step.
 *
 *   loss' = loss + (λ/2)·Σ_θ ||θ - θ0||²    so    ∇θ loss' = ∇θ loss + λ·(θ - θ0)
 *
 * This follows the authors' code (skumar9876/L2_Init agents/agents.py: `loss += l2_weight * 0.5 * Σ (θ - θ0)²`).
 * The paper writes the penalty as λ||θ - θ0||², whose gradient would be 2λ(θ - θ0): taken literally, the same λ
 * would pull twice as hard. Our λ is the code's `l2_weight`, the value the paper's experiments ran with (1e-2 was
 * best across problems). Applied to every weight and bias, not to layer-norm parameters, like the code.
 */
import { l2PenaltyFactory } from './l2.ts';
import { implementIntervention } from './implement.ts';

export const l2Init = l2PenaltyFactory('l2_init', (ctx) => ctx.initialParams);

/** Registered by the intervention registry, which finds this export. */
export const registration = implementIntervention('l2_init', l2Init);
