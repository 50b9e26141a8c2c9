/**
 * Tensors a custom gradient needs in the backward pass, held as they are during a training step.
 *
 * tfjs's `save` clones every tensor it keeps for the backward pass (an Identity kernel: a copy on wasm), because the
 * gradient tape's forward scope frees the originals when it ends. Inside `withHeldTensors` (train/step.ts wraps
 * tf.variableGrads in it) the fused ops (dense.ts, cross-entropy.ts) `tf.keep` the originals instead, and they are
 * freed when the step's gradients are computed: the same values, no copies and no extra tape nodes. Elsewhere (a
 * diagnostic's gradient, a forward pass without a tape) they fall back to `save`, as tfjs's own ops do.
 */
import * as tf from '@tensorflow/tfjs-core';

let held: tf.Tensor[] | null = null;

/** Runs f with held tensors enabled; frees them afterwards, except those `survivors` names (the caller's now). */
export function withHeldTensors<T>(f: () => T, survivors: () => Iterable<tf.Tensor> = () => []): T {
  const outer = held;
  const mine: tf.Tensor[] = [];
  held = mine;
  try {
    return f();
  } finally {
    held = outer;
    const spare = new Set(survivors());
    for (const t of mine) if (!spare.has(t)) t.dispose();
  }
}

/**
 * Makes `tensors` available to the backward pass of the custom gradient being built: held as they are inside
 * withHeldTensors, otherwise saved (copied) by tfjs. Returns how the gradient function reads them back.
 */
export function keepForBackward(save: tf.GradSaveFunc, tensors: tf.Tensor[]): (saved: tf.Tensor[]) => tf.Tensor[] {
  if (held === null) {
    save(tensors);
    return (saved) => saved;
  }
  for (const t of tensors) held.push(tf.keep(t));
  return () => tensors;
}
