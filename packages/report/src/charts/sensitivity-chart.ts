/**
 * The sensitivity charts of a swept experiment, their rows, captions and specs (sensitivity-spec.ts): the compared
 * metric per arm against the swept value, and the gap of every arm to the baseline (paired, arm − baseline).
 */
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

/** What both charts say of the sweep's axes: x's title, the panels' title (null: one plot) and the caption's note. */
function axisTitles(s: Sensitivity): { xTitle: string; panelTitle: string | null; panelsText: string } {
  const xTitle = s.zipped.length > 0 ? `${s.axis} (zipped with ${s.zipped.join(', ')})` : s.axis;
  const panelTitle = s.panelAxes.length > 0 ? s.panelAxes.join(', ') : null;
  return { xTitle, panelTitle, panelsText: panelTitle === null ? '' : ` One panel per value of ${panelTitle}.` };
}

export function sensitivityChart(a: ExperimentAnalysis): Chart | null {
  const s = a.sensitivity;
  if (s === null) return null;
  const rows: Row[] = s.rows.map((r) => ({ ...r }));
  const band = intervalText(rows);
  const { xTitle, panelTitle, panelsText: panels } = axisTitles(s);
  const baseline =
    a.baseline !== null && rows.some((r) => r['role'] === 'baseline')
      ? ` The baseline '${a.baseline}' is the black dashed line, its interval the grey band.`
      : '';
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

/** The gap chart: per arm and swept value, the paired difference arm − baseline with its interval, 0 ruled. */
export function sensitivityGapChart(a: ExperimentAnalysis): Chart | null {
  const s = a.sensitivity;
  if (s === null || s.baseline === null || s.gaps.length === 0) return null;
  const rows: Row[] = s.gaps.map((r) => ({ ...r }));
  const band = intervalText(rows);
  const { xTitle, panelTitle, panelsText: panels } = axisTitles(s);
  const worse = s.better === 'higher' ? 'below' : 'above';
  const title = `Gap to ${s.baseline}: ${s.metric} against ${s.axis}`;
  return {
    name: `sensitivity-gap-${slug(s.metric)}`,
    section: 'sensitivity',
    title,
    caption: `The paired difference arm − ${s.baseline} in ${s.metric}, ${s.description}, taken seed by seed at each swept value of ${xTitle} ${SCALE_TEXT[s.scale]}: ${band.caption.replace('the mean over', 'the mean difference over')}. The dotted rule is 0: an arm ${worse} it ends worse than ${s.baseline} (${s.better} is better), and an interval that does not cross it excludes no difference at the 95% level.${panels}`,
    spec: sensitivitySpec({
      title,
      subtitle: `arm − ${s.baseline}, paired by seed; ${s.description}; ${band.subtitle}`,
      rows,
      arms: a.arms.map((x) => x.name),
      baseline: a.baseline,
      xTitle,
      yTitle: `${s.metric}: arm − ${s.baseline}`,
      scale: s.scale,
      values: s.values,
      panels: s.panels,
      panelTitle,
      zero: true,
    }),
    rows,
  };
}
