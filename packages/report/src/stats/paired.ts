/**
 * Paired differences against the baseline, seed by seed (the loss-of-plasticity code subtracts the retrained network
 * seed by seed; plasticity.md "Reporting conventions").
 *
 *   d_s = x_arm(point, s) - x_baseline(point, s)      for every (sweep point, seed) present in both samples
 *
 * Observations are matched on BOTH the sweep point label and the seed; an observation without a partner is
 * returned as unmatched (never silently paired with another seed). Pairs are ordered by point, then seed.
 */

export interface Observation {
  /** The sweep point label ('' without a sweep). */
  point: string;
  seed: number;
  value: number;
}

export interface PairedValue {
  point: string;
  seed: number;
  arm: number;
  base: number;
  /** arm - base */
  diff: number;
}

export interface PairedDifferences {
  pairs: PairedValue[];
  unmatchedArm: Observation[];
  unmatchedBase: Observation[];
}

const keyOf = (o: { point: string; seed: number }): string => `${o.point}\u0000${o.seed}`;

export function pairedDifferences(arm: readonly Observation[], base: readonly Observation[]): PairedDifferences {
  const baseByKey = new Map<string, Observation>();
  for (const o of base) {
    if (baseByKey.has(keyOf(o))) throw new Error(`two baseline values for point '${o.point}' seed ${o.seed}`);
    baseByKey.set(keyOf(o), o);
  }
  const seen = new Set<string>();
  const pairs: PairedValue[] = [];
  const unmatchedArm: Observation[] = [];
  for (const o of arm) {
    const key = keyOf(o);
    if (seen.has(key)) throw new Error(`two arm values for point '${o.point}' seed ${o.seed}`);
    seen.add(key);
    const partner = baseByKey.get(key);
    if (partner === undefined) unmatchedArm.push(o);
    else pairs.push({ point: o.point, seed: o.seed, arm: o.value, base: partner.value, diff: o.value - partner.value });
  }
  const unmatchedBase = base.filter((o) => !seen.has(keyOf(o)));
  pairs.sort((a, b) => (a.point < b.point ? -1 : a.point > b.point ? 1 : a.seed - b.seed));
  return { pairs, unmatchedArm, unmatchedBase };
}
