/** Every chart of a report, built from the analysis (the intervals are ours; vega only draws). */
import type { CurveRow, ExperimentAnalysis, XAxis } from '../analysis/types.ts';
import { slug, type Chart, type Row } from './chart.ts';
import { curveSpec } from './curve-spec.ts';
import { finalSpec } from './final-spec.ts';

const X_TITLES: Record<XAxis, string> = { task: 'task', step: 'training step', measurement: 'measurement # (aligned at phase starts)' };
const xTitle = (x: XAxis): string => X_TITLES[x];

function curveRowsOf(rows: readonly CurveRow[], point: string): Row[] {
  return rows.filter((r) => r.point === point).map((r) => ({ ...r }));
}

function seedCount(rows: readonly CurveRow[]): number {
  return rows.reduce((m, r) => Math.max(m, r.n), 0);
}

function finalChart(a: ExperimentAnalysis): Chart | null {
  const compare = a.compare;
  if (compare === null || a.armStats.every((s) => s.n === 0)) return null;
  const rows: Row[] = [];
  for (const s of a.armStats) {
    if (s.mean !== null) rows.push({ kind: 'mean', point: s.point, arm: s.arm, seed: null, value: s.mean, low: s.tLow, high: s.tHigh, n: s.n });
    s.values.forEach((v, i) => rows.push({ kind: 'seed', point: s.point, arm: s.arm, seed: s.seeds[i] ?? null, value: v, low: null, high: null, n: 1 }));
  }
  return {
    name: `final-${slug(compare.metric)}`,
    section: 'final',
    title: `Final ${compare.metric} per arm`,
    caption: `${compare.metric}, ${compare.description} (${compare.better} is better). Diamond: mean over seeds; bar: 95% t-interval; circles: individual seeds.`,
    spec: finalSpec({
      title: `Final ${compare.metric} per arm`,
      subtitle: `${compare.description}; mean, 95% t-interval and seeds`,
      rows,
      arms: a.arms.map((x) => x.name),
      yTitle: compare.metric,
      points: a.points,
      swept: a.swept,
    }),
    rows,
  };
}

export function buildCharts(a: ExperimentAnalysis): Chart[] {
  const pointSuffix = (point: string): string => (a.swept ? `-${slug(point)}` : '');
  const pointTitle = (point: string): string => (a.swept ? ` (${point})` : '');
  const arms = a.arms.map((x) => x.name);
  const charts: Chart[] = [];
  const final = finalChart(a);
  if (final !== null) charts.push(final);
  for (const curves of a.curves) {
    const section = curves.kind === 'performance' ? 'curves' : 'diagnostics';
    for (const point of a.points) {
      const rows = curveRowsOf(curves.rows, point);
      if (rows.length === 0) continue;
      const title = `${curves.kind === 'performance' ? 'Learning curve' : 'Diagnostic'}: ${curves.key}${pointTitle(point)}`;
      const n = seedCount(curves.rows.filter((r) => r.point === point));
      const layers = curves.layered ? ', one line per layer' : '';
      charts.push({
        name: `${curves.kind === 'performance' ? 'learning-curve' : 'diagnostic'}-${slug(curves.key)}${pointSuffix(point)}`,
        section,
        title,
        caption: `${curves.key} against ${xTitle(curves.xAxis)}: mean over up to ${n} seeds with a 95% t-interval band${layers}.`,
        spec: curveSpec({
          title,
          subtitle: `mean over seeds, 95% t-interval band${layers}`,
          rows,
          arms,
          xTitle: xTitle(curves.xAxis),
          yTitle: curves.usesTotal ? `${curves.metric} (total)` : curves.metric,
          layered: curves.layered,
          zeroRule: false,
          phaseStarts: curves.phaseStarts,
        }),
        rows,
      });
    }
  }
  for (const diff of a.differences) {
    for (const point of a.points) {
      const rows = curveRowsOf(diff.rows, point);
      if (rows.length === 0) continue;
      const title = `Difference to baseline '${diff.baseline}': ${diff.key}${pointTitle(point)}`;
      charts.push({
        name: `difference-${slug(diff.key)}${pointSuffix(point)}`,
        section: 'differences',
        title,
        caption: `${diff.key} of each arm minus the baseline '${diff.baseline}', paired by seed at each ${diff.xAxis === 'measurement' ? 'measurement' : diff.xAxis}: mean with a 95% t-interval band. Above zero: the arm is higher.`,
        spec: curveSpec({
          title,
          subtitle: 'arm − baseline paired by seed; mean, 95% t-interval band',
          rows,
          arms,
          shown: arms.filter((arm) => arm !== diff.baseline),
          xTitle: xTitle(diff.xAxis),
          yTitle: `Δ ${diff.key}`,
          layered: false,
          zeroRule: true,
          phaseStarts: diff.phaseStarts,
        }),
        rows,
      });
    }
  }
  return uniqueNames(charts);
}

/** Two keys could slug to one file name: number the later ones. */
function uniqueNames(charts: Chart[]): Chart[] {
  const seen = new Set<string>();
  return charts.map((c) => {
    let name = c.name;
    for (let i = 2; seen.has(name); i++) name = `${c.name}-${i}`;
    seen.add(name);
    return { ...c, name };
  });
}
