/** Every chart of a report, built from the analysis (the intervals are ours; vega only draws). */
import type { CurveRow, ExperimentAnalysis, XAxis } from '../analysis/types.ts';
import { armBand } from '../analysis/arm-band.ts';
import { differenceDomain, metricDomain, type Domain } from '../analysis/metric-domain.ts';
import { bandText, clipText, metricNote, styleText } from './captions.ts';
import { slug, type Chart, type Row } from './chart.ts';
import { drawnRows, phaseSpans } from './curve-rows.ts';
import { curveSpec } from './curve-spec.ts';
import { eventMarks, type EventMarks } from './event-marks.ts';
import { finalSpec } from './final-spec.ts';
import { sensitivityChart, sensitivityGapChart } from './sensitivity-chart.ts';

const X_TITLES: Record<XAxis, string> = { task: 'task', step: 'training step', measurement: 'measurement # (aligned at phase starts)' };
const xTitle = (x: XAxis): string => X_TITLES[x];

function finalChart(a: ExperimentAnalysis): Chart | null {
  const compare = a.compare;
  if (compare === null || a.armStats.every((s) => s.n === 0)) return null;
  const domain = metricDomain(compare.metric, 'total');
  const rows: Row[] = [];
  for (const s of a.armStats) {
    if (s.mean !== null) {
      const b = armBand(s, domain);
      rows.push({ kind: 'mean', point: s.point, arm: s.arm, seed: null, value: s.mean, low: b.low, high: b.high, band: b.band, n: s.n });
    }
    s.values.forEach((v, i) => rows.push({ kind: 'seed', point: s.point, arm: s.arm, seed: s.seeds[i] ?? null, value: v, low: null, high: null, band: null, n: 1 }));
  }
  const kinds = new Set(rows.map((r) => r['band']));
  const bar = kinds.has('t') ? `95% t-interval${kinds.has('min-max') ? ' (min–max where fewer than 3 seeds)' : ''}` : 'min–max over the seeds (fewer than 3: no t-interval)';
  const baseline = a.baseline === null ? '' : ` The baseline '${a.baseline}' is black.`;
  return {
    name: `final-${slug(compare.metric)}`,
    section: 'final',
    title: `Final ${compare.metric} per arm`,
    caption: `${compare.metric}, ${compare.description} (${compare.better} is better). Diamond: mean over seeds; bar: ${bar}; circles: individual seeds.${clipText(compare.metric, domain)}${baseline}`,
    spec: finalSpec({
      title: `Final ${compare.metric} per arm`,
      subtitle: `${compare.description}; mean, ${kinds.has('t') ? '95% t-interval' : 'min–max'} and seeds`,
      rows,
      arms: a.arms.map((x) => x.name),
      baseline: a.baseline,
      yTitle: compare.metric,
      points: a.points,
      swept: a.swept,
    }),
    rows,
  };
}

/** A curve or difference chart of one metric at one sweep point. */
interface CurveChartInput {
  name: string;
  section: Chart['section'];
  title: string;
  /** What the chart shows, before the band and style sentences. */
  lead: string;
  /** The values the drawn quantity can take, and how to name them in the caption. */
  domain: Domain;
  domainOf: string;
  source: readonly CurveRow[];
  shown: readonly string[];
  xAxis: XAxis;
  yTitle: string;
  layered: boolean;
  zeroRule: boolean;
  note: string | null;
  /** Where the shown arms' interventions fired. */
  events: EventMarks;
}

function curveChart(a: ExperimentAnalysis, c: CurveChartInput): Chart {
  const arms = a.arms.map((x) => x.name);
  const { rows, shared } = drawnRows(c.source, c.shown, a.baseline, c.domain);
  const band = bandText(rows);
  const layers = c.layered ? ', one line per layer' : '';
  const caption = `${c.lead}: ${band.caption}${layers}.${clipText(c.domainOf, c.domain)}${styleText(rows, a.baseline, shared, c.layered)}${c.note === null ? '' : ` ${c.note}`}${c.events.caption === '' ? '' : ` ${c.events.caption}`}`;
  return {
    name: c.name,
    section: c.section,
    title: c.title,
    caption,
    spec: curveSpec({
      title: c.title,
      subtitle: `${band.subtitle}${layers}`,
      rows,
      arms,
      shown: c.shown,
      baseline: a.baseline,
      shared,
      xTitle: xTitle(c.xAxis),
      yTitle: c.yTitle,
      layered: c.layered,
      zeroRule: c.zeroRule,
      phases: phaseSpans(rows),
      events: c.events,
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
  const sensitivity = sensitivityChart(a);
  if (sensitivity !== null) charts.push(sensitivity);
  const gap = sensitivityGapChart(a);
  if (gap !== null) charts.push(gap);
  for (const curves of a.curves) {
    const performance = curves.kind === 'performance';
    const domain = metricDomain(curves.metric, curves.usesTotal ? 'total' : 'value');
    for (const point of a.points) {
      const source = curves.rows.filter((r) => r.point === point);
      if (source.length === 0) continue;
      charts.push(
        curveChart(a, {
          name: `${performance ? 'learning-curve' : 'diagnostic'}-${slug(curves.key)}${pointSuffix(point)}`,
          section: performance ? 'curves' : 'diagnostics',
          title: `${performance ? 'Learning curve' : 'Diagnostic'}: ${curves.key}${pointTitle(point)}`,
          lead: `${curves.key}${curves.usesTotal ? ' (total)' : ''} against ${xTitle(curves.xAxis)}`,
          domain,
          domainOf: curves.metric,
          source,
          shown: arms,
          xAxis: curves.xAxis,
          yTitle: curves.usesTotal ? `${curves.metric} (total)` : curves.metric,
          layered: curves.layered,
          zeroRule: false,
          note: metricNote(curves.metric),
          events: eventMarks(curves.events, point, arms),
        }),
      );
    }
  }
  for (const diff of a.differences) {
    const metric = a.curves.find((c) => c.key === diff.key)?.metric ?? diff.key;
    for (const point of a.points) {
      const source = diff.rows.filter((r) => r.point === point);
      if (source.length === 0) continue;
      const at = diff.xAxis === 'measurement' ? 'measurement' : diff.xAxis;
      const shown = arms.filter((arm) => arm !== diff.baseline);
      charts.push(
        curveChart(a, {
          name: `difference-${slug(diff.key)}${pointSuffix(point)}`,
          section: 'differences',
          title: `Difference to baseline '${diff.baseline}': ${diff.key}${pointTitle(point)}`,
          lead: `${diff.key} of each arm minus the baseline '${diff.baseline}', paired by seed at each ${at} (above zero: the arm is higher)`,
          domain: differenceDomain(metricDomain(metric)),
          domainOf: `a difference of ${metric}`,
          source,
          shown,
          xAxis: diff.xAxis,
          yTitle: `Δ ${diff.key}`,
          layered: false,
          zeroRule: true,
          note: null,
          events: eventMarks(diff.events, point, shown),
        }),
      );
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
