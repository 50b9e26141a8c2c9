/**
 * Verdict of a stated finding (ExpectSpec), e.g. `expect fresh - warm > 0`:
 *
 *   d_s = x_left,s - x_right,s over paired seeds;  [low, high] = 95% t-interval of mean(d)   (t-interval.ts)
 *   op '>':  PASSED if low > value,  FAILED if high < value,  else INCONCLUSIVE
 *   op '<':  PASSED if high < value, FAILED if low > value,   else INCONCLUSIVE
 *
 * An interval touching `value` is INCONCLUSIVE, and so is a finding with fewer than two pairs (no interval).
 * This is a confidence-interval test at the 5% level, one-sided in spirit: it does not correct for several findings.
 */
import { mean } from './descriptive.ts';
import { tInterval } from './t-interval.ts';

export type Verdict = 'PASSED' | 'FAILED' | 'INCONCLUSIVE';

export interface Expectation {
  op: '>' | '<';
  value: number;
}

export interface ExpectationResult {
  verdict: Verdict;
  n: number;
  /** Mean paired difference (null without pairs). */
  mean: number | null;
  low: number | null;
  high: number | null;
  level: number;
  reason: string;
}

/** The verdict for an interval [low, high] of the mean difference. */
export function verdictOf(interval: { low: number; high: number }, expectation: Expectation): Verdict {
  const { low, high } = interval;
  const { op, value } = expectation;
  if (op === '>') return low > value ? 'PASSED' : high < value ? 'FAILED' : 'INCONCLUSIVE';
  return high < value ? 'PASSED' : low > value ? 'FAILED' : 'INCONCLUSIVE';
}

/** Judge `mean(differences) op value` from the paired differences (left - right, one per seed). */
export function judgeExpectation(differences: readonly number[], expectation: Expectation, level = 0.95): ExpectationResult {
  const n = differences.length;
  const ci = tInterval(differences, level);
  if (ci === null) {
    return {
      verdict: 'INCONCLUSIVE',
      n,
      mean: n === 0 ? null : mean(differences),
      low: null,
      high: null,
      level,
      reason: n === 0 ? 'no paired seeds' : 'one paired seed: no interval',
    };
  }
  const verdict = verdictOf(ci, expectation);
  const side = `${expectation.op} ${expectation.value}`;
  const reason =
    verdict === 'PASSED'
      ? `the ${level * 100}% interval lies entirely ${side}`
      : verdict === 'FAILED'
        ? `the ${level * 100}% interval lies entirely on the other side of ${expectation.value}`
        : `the ${level * 100}% interval contains ${expectation.value}`;
  return { verdict, n, mean: ci.mean, low: ci.low, high: ci.high, level, reason };
}
