/**
 * The vega-lite spec of a curve chart: per arm (per layer) a mean line with its band, one line per stretch (rows
 * of one `segment`: phases, tasks and interventions break the line, so a reset shows as a jump, never a slope); a
 * stretch of one row is drawn as a point. The baseline is black and dashed, a stretch all arms share is one grey
 * line, and the phases are shaded bands named at the top. Optional zero rule (differences). When interventions
 * fired (event-marks.ts), a dotted rule at each firing and, above the plot, an event track sharing its x scale.
 */
import type { TopLevelSpec } from 'vega-lite';
import { CONFIG, HEIGHT, SHARED_COLOR, WIDTH, armColor, type Row } from './chart.ts';
import { SHARED, type PhaseSpan } from './curve-rows.ts';
import type { EventMarks } from './event-marks.ts';

export interface CurveSpecOptions {
  title: string;
  subtitle: string;
  rows: Row[];
  arms: readonly string[];
  /** The arms drawn (all by default; the difference chart leaves out the baseline). */
  shown?: readonly string[];
  baseline: string | null;
  /** Rows with arm = SHARED are present. */
  shared: boolean;
  xTitle: string;
  yTitle: string;
  /** One line per layer (strokeDash) for per-layer metrics without a total. */
  layered: boolean;
  zeroRule: boolean;
  /** Shaded and named along the top when there are two or more. */
  phases: PhaseSpan[];
  /** Where the interventions fired (none: the chart is as without events). */
  events?: EventMarks;
}

const BASELINE_DASH = [6, 3];
const SOLID = [1, 0];
const LANE_HEIGHT = 14;
const EVENT_TOOLTIP = [
  { field: 'arm', type: 'nominal' as const },
  { field: 'intervention', type: 'nominal' as const },
  { field: 'step', type: 'quantitative' as const },
  { field: 'phase', type: 'nominal' as const },
  { field: 'cells', type: 'quantitative' as const, title: 'seeds' },
];

export function curveSpec(o: CurveSpecOptions): TopLevelSpec {
  const shown = o.shown ?? o.arms;
  const x = { field: 'x', type: 'quantitative' as const, title: o.xTitle };
  const extra = o.shared ? [{ name: SHARED, color: SHARED_COLOR }] : [];
  const colorScale = armColor(o.arms, shown, o.baseline, extra);
  const color = { ...colorScale, legend: { symbolType: 'stroke', symbolStrokeWidth: 3, symbolOpacity: 1 } };
  // Per-arm dashes share the colour's field and domain, so vega-lite merges them into one legend.
  const dash = o.layered
    ? { field: 'layer', type: 'nominal' as const, title: 'layer' }
    : { field: 'arm', type: 'nominal' as const, title: 'arm', scale: { domain: colorScale.scale.domain, range: colorScale.scale.domain.map((a) => (a === o.baseline ? BASELINE_DASH : SOLID)) } };
  const stretch = [{ field: 'segment', type: 'quantitative' as const }, ...(o.layered ? [{ field: 'layer', type: 'nominal' as const }] : [])];
  const y = { field: 'mean', type: 'quantitative' as const, title: o.yTitle, scale: { zero: false } };
  const curves = [
    {
      mark: { type: 'area' as const, opacity: 0.18 },
      encoding: { x, y: { field: 'low', type: 'quantitative' as const, title: o.yTitle }, y2: { field: 'high' }, color, detail: stretch },
    },
    // The baseline's line last, so that an arm with the same values does not hide it.
    ...["datum.role !== 'baseline'", "datum.role === 'baseline'"].map((filter) => ({
      transform: [{ filter }],
      mark: { type: 'line' as const, strokeWidth: 2, point: false },
      encoding: { x, y, color, strokeDash: dash, detail: stretch },
    })),
    {
      transform: [{ filter: 'datum.alone === 1' }],
      mark: { type: 'point' as const, filled: true, size: 36, opacity: 1 },
      encoding: { x, y, color },
    },
  ];
  const zero = { mark: { type: 'rule' as const, color: '#333', strokeDash: [4, 3] }, encoding: { y: { datum: 0 } } };
  const spans = o.phases.map((p) => ({ ...p }));
  const named = spans.length > 1;
  const bands = [
    {
      data: { values: spans.filter((p) => p.shade === 1) },
      mark: { type: 'rect' as const, color: '#000', opacity: 0.045 },
      encoding: { x: { field: 'start', type: 'quantitative' as const }, x2: { field: 'end' } },
    },
    {
      data: { values: spans.slice(1) },
      mark: { type: 'rule' as const, color: '#888', strokeDash: [2, 3] },
      encoding: { x: { field: 'start', type: 'quantitative' as const } },
    },
  ];
  const labels = {
    data: { values: spans },
    mark: { type: 'text' as const, align: 'left' as const, baseline: 'top' as const, dx: 3, dy: 3, y: 0, color: '#555', fontSize: 10 },
    encoding: { x: { field: 'start', type: 'quantitative' as const }, text: { field: 'phase', type: 'nominal' as const } },
  };
  const marks = o.events !== undefined && o.events.rows.length > 0 ? o.events : null;
  // The firings' marks use the arms' colour scale; its one legend is the lines' (resolve: legend shared).
  const eventColor = color;
  const rules =
    marks === null
      ? []
      : [
          {
            name: 'event_rules',
            data: { values: marks.rows },
            mark: { type: 'rule' as const, strokeDash: [2, 2], strokeWidth: 1.2, opacity: 0.7 },
            encoding: { x: { field: 'x', type: 'quantitative' as const }, color: eventColor, tooltip: EVENT_TOOLTIP },
          },
        ];
  const layer = [...(named ? bands : []), ...curves, ...rules, ...(o.zeroRule ? [zero] : []), ...(named ? [labels] : [])];
  const title = { text: o.title, subtitle: o.subtitle };
  if (marks === null) return { width: WIDTH, height: HEIGHT, title, config: CONFIG, data: { values: o.rows }, layer } as TopLevelSpec;
  const track = {
    name: 'event_track',
    width: WIDTH,
    height: LANE_HEIGHT * marks.lanes.length,
    data: { values: marks.rows },
    mark: { type: 'point' as const, shape: 'triangle-down', filled: true, size: 60, opacity: 1 },
    encoding: {
      x: { field: 'x', type: 'quantitative' as const, axis: null },
      y: { field: 'lane', type: 'nominal' as const, sort: marks.lanes, title: null, axis: { ticks: false, domain: false, labelFontSize: 10, labelLimit: 320 } },
      color: eventColor,
      tooltip: EVENT_TOOLTIP,
    },
  };
  const plot = { width: WIDTH, height: HEIGHT, data: { values: o.rows }, layer };
  return {
    title,
    config: CONFIG,
    spacing: 4,
    vconcat: [track, plot],
    resolve: { scale: { x: 'shared', color: 'shared' }, axis: { x: 'independent' }, legend: { color: 'shared' } },
  } as TopLevelSpec;
}
