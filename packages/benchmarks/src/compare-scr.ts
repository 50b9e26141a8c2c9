/**
 * The side-by-side table of benchmark 10's PyTorch cross-check: per arm, the online error of the first and last K
 * windows (K = the file's compare window), the rise last − first (mean and 95% t-interval over seeds, and how many
 * seeds rose), and the baseline's lead over the arm on the last K windows (paired by seed), for Plas (read from its
 * run store) and for the PyTorch script. Dohare et al.'s finding is a rise for backprop and none for continual
 * backprop, which ends below it.
 */
import { mean, tInterval, type LoadedExperiment } from '@plas/report';
import { formatEstimate, textTable, type Estimate } from './compare-torch.ts';

/** Per arm, per seed (in seed order), the window values of one series. */
export type WindowSeries = Record<string, number[][]>;

export interface ScrLine {
  implementation: string;
  arm: string;
  first: Estimate;
  last: Estimate;
  rise: Estimate;
  rising: number;
  /** baseline − arm over the last K windows (null for the baseline itself). */
  lead: Estimate | null;
}

function estimate(all: readonly number[]): Estimate {
  const values = all.filter(Number.isFinite);
  const ci = tInterval(values);
  if (ci === null) return { mean: values.length === 1 ? (values[0] ?? null) : null, low: null, high: null, n: values.length };
  return { mean: ci.mean, low: ci.low, high: ci.high, n: values.length };
}

// NaN for a seed without windows (a cell that has not run); estimate() leaves such seeds out.
const head = (xs: readonly number[], k: number): number => (xs.length === 0 ? Number.NaN : mean(xs.slice(0, k)));
const tail = (xs: readonly number[], k: number): number => (xs.length === 0 ? Number.NaN : mean(xs.slice(-k)));

/** The table's lines for one implementation; seeds are paired by position. */
export function scrLines(implementation: string, series: WindowSeries, baseline: string, k: number): ScrLine[] {
  const base = series[baseline] ?? [];
  return Object.entries(series).map(([arm, seeds]) => {
    const firsts = seeds.map((s) => head(s, k));
    const lasts = seeds.map((s) => tail(s, k));
    const rises = seeds.map((_, i) => (lasts[i] ?? Number.NaN) - (firsts[i] ?? Number.NaN));
    const leads = arm === baseline ? null : seeds.map((s, i) => tail(base[i] ?? [], k) - tail(s, k));
    return {
      implementation,
      arm,
      first: estimate(firsts),
      last: estimate(lasts),
      rise: estimate(rises),
      rising: rises.filter((r) => r > 0).length,
      lead: leads === null ? null : estimate(leads),
    };
  });
}

/** Plas's windows of `metric` per arm and seed, from the loaded store (points with a number after step 0). */
export function plasWindows(experiment: LoadedExperiment, metric: string): WindowSeries {
  const out: WindowSeries = {};
  const arms = experiment.record.ir.arms.map((a) => a.name);
  const seeds = [...experiment.record.ir.seeds];
  for (const arm of arms) {
    out[arm] = seeds.map((seed) => {
      const cell = experiment.cells.find((c) => c.cell.arm === arm && c.cell.seed === seed);
      return (cell?.series[metric] ?? []).flatMap((p) => (p.step > 0 && typeof p.value === 'number' ? [p.value] : []));
    });
  }
  return out;
}

export function formatScrComparison(lines: readonly ScrLine[], baseline: string, k: number): string {
  const header = ['', 'arm', `error, first ${k}`, `error, last ${k}`, 'rise last − first', 'seeds rising', `${baseline} − arm, last ${k}`];
  const rows = lines.map((l) => [
    l.implementation,
    l.arm,
    formatEstimate(l.first, false, 3),
    formatEstimate(l.last, false, 3),
    formatEstimate(l.rise, true, 3),
    `${l.rising} of ${l.rise.n}`,
    l.lead === null ? '—' : formatEstimate(l.lead, true, 3),
  ]);
  return textTable(header, rows, '(mean ± half-width of the 95% t-interval over seeds; windows of the measurement period)');
}
