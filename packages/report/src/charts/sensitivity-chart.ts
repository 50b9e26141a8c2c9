/** The sensitivity chart of a swept experiment: its rows, caption and spec (sensitivity-spec.ts). */
import type { Sensitivity } from '../analysis/sensitivity.ts';
import type { ExperimentAnalysis } from '../analysis/types.ts';
import { metricDomain } from '../analysis/metric-domain.ts';
import { bandText, clipText } from './captions.ts';
import { slug, type Chart, type Row } from './chart.ts';
import { sensitivitySpec } from './sensitivity-spec.ts';

const SCALE_TEXT: Record<Sensitivity['scale'], string> = {
  linear: 'on a linear axis',
  log: 'on a log axis (all positive, spanning 2 decades or more)',
  ordinal: 'as categories in the sweep’s order',
};

export function sensitivityChart(a: ExperimentAnalysis): Chart | null {
  const s = a.sensitivity;
  if (s === null) return null;
  const rows: Row[] = s.rows.map((r) => ({ ...r }));
  const band = bandText(rows);
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
    caption: `${s.metric}, ${s.description} (${s.better} is better), against ${xTitle} ${SCALE_TEXT[s.scale]}: per arm the ${band.caption.replace(/ band/g, '')} (point and bar) at each swept value.${baseline}${panels}${clipText(s.metric, metricDomain(s.metric, 'total')).replace(' Bands are', ' Intervals are')}`,
    spec: sensitivitySpec({
      title,
      subtitle: `${s.description}; ${band.subtitle.replace(/ band/g, '')}`,
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
