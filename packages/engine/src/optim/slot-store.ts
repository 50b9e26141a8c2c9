/**
 * Per-parameter optimiser state ("slots", e.g. Adam's m and v) as zero-initialised tf.Variables, with the
 * whole-parameter and per-unit resets every optimiser shares. A unit is an index along one axis of the parameter
 * (a dense kernel's column, a conv kernel's output channel, a bias entry).
 */
import * as tf from '@tensorflow/tfjs-core';

export type ParamShapes = ReadonlyMap<string, { shape: number[] }>;

export class SlotStore {
  private readonly slots = new Map<string, Record<string, tf.Variable>>();

  constructor(
    slotNames: readonly string[],
    params: ParamShapes,
  ) {
    for (const [name, { shape }] of params) {
      const record: Record<string, tf.Variable> = {};
      for (const slot of slotNames) {
        const zeros = tf.zeros(shape);
        record[slot] = tf.variable(zeros, false);
        zeros.dispose(); // the variable holds its own reference to the data
      }
      this.slots.set(name, record);
    }
  }

  has(param: string): boolean {
    return this.slots.has(param);
  }

  get(param: string): Record<string, tf.Variable> {
    const record = this.slots.get(param);
    if (!record) throw new Error(`optimiser has no state for parameter '${param}' (known: ${[...this.slots.keys()].join(', ')})`);
    return record;
  }

  names(): string[] {
    return [...this.slots.keys()];
  }

  reset(params: readonly string[] = this.names()): void {
    for (const p of params) {
      for (const v of Object.values(this.get(p))) v.assign(tf.zerosLike(v));
    }
  }

  resetUnits(param: string, axis: number, units: readonly number[]): void {
    const record = this.get(param);
    const first = Object.values(record)[0];
    if (!first) return;
    const shape = first.shape;
    const ax = axis < 0 ? shape.length + axis : axis;
    const size = shape[ax];
    if (size === undefined) throw new Error(`resetUnits: axis ${axis} is out of range for '${param}' of shape [${shape.join(', ')}]`);
    for (const u of units) {
      if (!Number.isInteger(u) || u < 0 || u >= size) throw new Error(`resetUnits: unit ${u} is out of range 0..${size - 1} on axis ${axis} of '${param}'`);
    }
    zeroUnits(Object.values(record), ax, units);
  }

  dispose(): void {
    for (const record of this.slots.values()) for (const v of Object.values(record)) v.dispose();
    this.slots.clear();
  }
}

/** Zero indices `units` along axis `ax` (non-negative, already checked) of each variable, by a broadcast mask. */
export function zeroUnits(variables: readonly tf.Variable[], ax: number, units: readonly number[]): void {
  const first = variables[0];
  if (!first || units.length === 0) return;
  const shape = first.shape;
  const keep = new Float32Array(shape[ax] as number).fill(1);
  for (const u of units) keep[u] = 0;
  tf.tidy(() => {
    const mask = tf.tensor(keep, shape.map((d, i) => (i === ax ? d : 1)));
    for (const v of variables) v.assign(tf.mul(v, mask));
  });
}
