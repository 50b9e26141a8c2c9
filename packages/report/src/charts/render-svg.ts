/**
 * vega-lite → vega → SVG, in Node, with vega's headless View (renderer 'none': no canvas, no DOM, no network).
 * The output is deterministic (no random ids); `prefixIds` makes ids unique when several SVGs share one HTML page.
 */
import { Error as VegaErrorLevel, View, parse } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const vegaSpec = compile(spec).spec;
  const view = new View(parse(vegaSpec), { renderer: 'none', logLevel: VegaErrorLevel });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Rename every id (and its url(#…) / href="#…" references) with a prefix, for inlining several SVGs in one page. */
export function prefixIds(svg: string, prefix: string): string {
  return svg
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${prefix}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${prefix}-${id})`)
    .replace(/href="#([^"]+)"/g, (_, id: string) => `href="#${prefix}-${id}"`);
}
