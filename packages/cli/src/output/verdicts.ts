/**
 * What a researcher asks of a finished run: did each expectation hold? The verdict lines that `plas run` and
 * `plas report` print, the quick-profile warning, and `--fail-on`, which turns a verdict into exit code 3 for
 * scripts and CI.
 */
import type { ExpectationOutcome } from '@plas/report';
import { verdictStyle, type Painter } from './color.ts';

export const FAIL_ON_VALUES = ['failed', 'inconclusive'] as const;
export type FailOn = (typeof FAIL_ON_VALUES)[number];

/** The exit code when an expectation's verdict meets `--fail-on` (1 stays for errors, 2 for usage). */
export const FAIL_ON_EXIT_CODE = 3;

export const QUICK_WARNING =
  'quick profile: a smoke test of the pipeline (few seeds, short training); its verdicts are not findings. Run without --quick for the experiment.';

export function parseFailOn(value: string | undefined): FailOn | null | undefined {
  if (value === undefined) return undefined;
  return (FAIL_ON_VALUES as readonly string[]).includes(value) ? (value as FailOn) : null;
}

/** True when some verdict is FAILED (`failed`), or FAILED or INCONCLUSIVE (`inconclusive`). */
export function meetsFailOn(expectations: readonly ExpectationOutcome[], failOn: FailOn | undefined): boolean {
  if (failOn === undefined) return false;
  return expectations.some((e) => e.verdict === 'FAILED' || (failOn === 'inconclusive' && e.verdict === 'INCONCLUSIVE'));
}

/** One line per expectation: the verdict, the statement, the point of a sweep, and the interval it rests on. */
export function verdictLines(expectations: readonly ExpectationOutcome[], swept: boolean, paint: Painter): string[] {
  return expectations.map((e) => {
    const point = swept ? ` (${e.point})` : '';
    const interval =
      e.mean !== null && e.low !== null && e.high !== null
        ? `  mean ${fmt(e.mean)}, ${Math.round(100 * e.level)}% CI [${fmt(e.low)}, ${fmt(e.high)}], ${e.n} seeds`
        : `  (${e.reason})`;
    return `  ${paint(verdictStyle(e.verdict), e.verdict.padEnd(12))} ${e.text}${point}${interval}`;
  });
}

const fmt = (x: number): string => (Math.abs(x) >= 1e-3 || x === 0 ? x.toFixed(4) : x.toExponential(2));
