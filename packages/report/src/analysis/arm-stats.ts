/** Per-arm statistics of the comparison window, paired comparisons with the baseline, and expectation verdicts. */
import type { ExpectSpec } from '@plas/dsl';
import { bootstrapInterval } from '../stats/bootstrap.ts';
import { mean, sampleSd } from '../stats/descriptive.ts';
import { judgeExpectation } from '../stats/expect.ts';
import { probabilityOfImprovement } from '../stats/improvement.ts';
import { pairedDifferences, type Observation } from '../stats/paired.ts';
import { tInterval } from '../stats/t-interval.ts';
import type { ArmStats, CellSummary, Comparison, ExpectationOutcome, ResolvedCompare } from './types.ts';

/** The valid window values of one arm at one point, one per seed, ordered by seed. */
export function observations(cells: readonly CellSummary[], arm: string, point: string): Observation[] {
  return cells
    .filter((c) => c.arm === arm && c.point === point && c.status === 'complete' && c.windowValue !== null)
    .map((c) => ({ point, seed: c.seed as number, value: c.windowValue as number }))
    .sort((a, b) => a.seed - b.seed);
}

export function armStats(cells: readonly CellSummary[], arm: string, role: 'baseline' | 'arm', point: string): ArmStats {
  const obs = observations(cells, arm, point);
  const values = obs.map((o) => o.value);
  const t = tInterval(values);
  const boot = bootstrapInterval(values);
  return {
    point,
    arm,
    role,
    n: values.length,
    seeds: obs.map((o) => o.seed),
    values,
    mean: values.length > 0 ? mean(values) : null,
    sd: sampleSd(values),
    tLow: t?.low ?? null,
    tHigh: t?.high ?? null,
    bootLow: boot?.low ?? null,
    bootHigh: boot?.high ?? null,
  };
}

export function compareWithBaseline(
  cells: readonly CellSummary[],
  arm: string,
  baseline: string,
  point: string,
  compare: ResolvedCompare,
): Comparison {
  const { pairs } = pairedDifferences(observations(cells, arm, point), observations(cells, baseline, point));
  const diffs = pairs.map((p) => p.diff);
  const t = tInterval(diffs);
  const boot = bootstrapInterval(diffs);
  const poi = probabilityOfImprovement(pairs, compare.better);
  return {
    point,
    arm,
    baseline,
    n: pairs.length,
    meanDiff: diffs.length > 0 ? mean(diffs) : null,
    sd: sampleSd(diffs),
    tLow: t?.low ?? null,
    tHigh: t?.high ?? null,
    bootLow: boot?.low ?? null,
    bootHigh: boot?.high ?? null,
    seedWinRate: poi?.seedWinRate ?? null,
    pairwise: poi?.pairwise ?? null,
    pairs,
  };
}

/** Per seed, an arm's last window minus its first (a trend within the arm), for complete cells with both. */
export function trendDifferences(cells: readonly CellSummary[], arm: string, point: string): number[] {
  return cells
    .filter((c) => c.arm === arm && c.point === point && c.status === 'complete' && c.windowValue !== null && c.firstWindowValue !== null)
    .sort((a, b) => (a.seed ?? 0) - (b.seed ?? 0))
    .map((c) => (c.windowValue as number) - (c.firstWindowValue as number));
}

export function judge(cells: readonly CellSummary[], expect: ExpectSpec, point: string): ExpectationOutcome {
  const differences =
    expect.trend === true
      ? trendDifferences(cells, expect.left, point)
      : pairedDifferences(observations(cells, expect.left, point), observations(cells, expect.right, point)).pairs.map((p) => p.diff);
  const result = judgeExpectation(differences, { op: expect.op, value: expect.value });
  return { text: expect.text, left: expect.left, right: expect.right, op: expect.op, value: expect.value, point, ...result };
}
