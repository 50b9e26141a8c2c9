/** The sensitivity chart of a swept experiment: its rows, caption and spec (sensitivity-spec.ts). */
import type { Sensitivity } from '../analysis/sensitivity.ts';
import type { ExperimentAnalysis } from '../analysis/types.ts';
import { metricDomain } from '../analysis/metric-domain.ts';
import { clipText } from './captions.ts';
import { slug, type Chart, type Row } from './chart.ts';
import { sensitivitySpec } from './sensitivity-spec.ts';

const SCALE_TEXT: Record<Sensitivity['scale'], string> = {
  linear: 'on a linear axis',
  log: 'on a log axis (all positive, spanning 2 decades or more)',
  ordinal: 'as categories in the sweep’s order',
};

/** "the mean over 4 seeds (point) with its 95% t-interval (bar)", naming min–max where fewer than 3 seeds. */
function intervalText(rows: readonly Row[]): { caption: string; subtitle: string } {
  const arms = rows.filter((r) => r['role'] !== 'baseline');
  const kinds = new Set(arms.map((r) => r['band']));
  const ns = arms.map((r) => (typeof r['n'] === 'number' ? r['n'] : 0));
  const n = ns.length > 0 && Math.min(...ns) === Math.max(...ns) ? `${ns[0]} seeds` : `up to ${Math.max(0, ...ns)} seeds`;
  if (kinds.has('t') && kinds.has('min-max')) {
    return { caption: `the mean over ${n} (point) with its 95% t-interval, or the min–max where fewer than 3 seeds have a value (bar)`, subtitle: 'mean, 95% t-interval (min–max where < 3 seeds)' };
  }
  if (kinds.has('t')) return { caption: `the mean over ${n} (point) with its 95% t-interval (bar)`, subtitle: 'mean, 95% t-interval' };
  if (kinds.has('min-max')) return { caption: `the mean over ${n} (point) with the min–max over the seeds (bar; fewer than 3 seeds: no t-interval)`, subtitle: 'mean, min–max (< 3 seeds)' };
  return { caption: `the value of one seed (point)`, subtitle: 'one seed' };
}

export function sensitivityChart(a: ExperimentAnalysis): Chart | null {
  const s = a.sensitivity;
  if (s === null) return null;
  const rows: Row[] = s.rows.map((r) => ({ ...r }));
  const band = intervalText(rows);
  const xTitle = s.zipped.length > 0 ? `${s.axis} (zipped with ${s.zipped.join(', ')})` : s.axis;
  const panelTitle = s.panelAxes.length > 0 ? s.panelAxes.join(', ') : null;
  const baseline =
    a.baseline !== null && rows.some((r) => r['role'] === 'baseline')
      ? ` The baseline '${a.baseline}' is the black dashed line, its interval the grey band.`
      : '';
  const panels = panelTitle === null ? '' : ` One panel per value of ${panelTitle}.`;
  const title = `Sensitivity: ${s.metric} against ${s.axis}`;
  return {
    name: `sensitivity-${slug(s.metric)}`,
    section: 'sensitivity',
    title,
    caption: `${s.metric}, ${s.description} (${s.better} is better), against ${xTitle} ${SCALE_TEXT[s.scale]}: per arm and swept value ${band.caption}.${baseline}${panels}${clipText(s.metric, metricDomain(s.metric, 'total')).replace(' Bands are', ' Intervals are')}`,
    spec: sensitivitySpec({
      title,
      subtitle: `${s.description}; ${band.subtitle}`,
      rows,
      arms: a.arms.map((x) => x.name),
      baseline: a.baseline,
      xTitle,
      yTitle: s.metric,
      scale: s.scale,
      values: s.values,
      panels: s.panels,
      panelTitle,
    }),
    rows,
  };
}
