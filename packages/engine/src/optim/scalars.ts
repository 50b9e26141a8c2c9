/**
 * Scalar tensors shared by all parameters within one optimiser step: tfjs turns every JS number operand into a new
 * tensor (~40 µs each on wasm), so an Adam step over six parameters spent more time making scalars than updating.
 * Made on first use, kept out of any tidy, freed by `dispose` at the end of the step.
 */
import * as tf from '@tensorflow/tfjs-core';

export class StepScalars {
  private readonly made = new Map<number, tf.Scalar>();

  get(value: number): tf.Scalar {
    let s = this.made.get(value);
    if (!s) {
      s = tf.keep(tf.scalar(value));
      this.made.set(value, s);
    }
    return s;
  }

  dispose(): void {
    for (const s of this.made.values()) s.dispose();
    this.made.clear();
  }
}
