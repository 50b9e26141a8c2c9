/**
 * A self-contained HTML page: inline CSS, inline SVG charts, no script, no external resource (it must render
 * offline and make no network request). Links to the CSV/JSON/SVG files are relative.
 */
import { prefixIds } from '../charts/render-svg.ts';
import { anchorsOf, tocEntries, type TocEntry } from './anchors.ts';
import type { Block } from './document.ts';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `code` spans, [label](href) links and **bold**, everything else escaped. */
export function inline(text: string): string {
  const parts: string[] = [];
  const re = /`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)|\*\*([^*]+)\*\*/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    parts.push(escapeHtml(text.slice(last, m.index)));
    if (m[1] !== undefined) parts.push(`<code>${escapeHtml(m[1])}</code>`);
    else if (m[2] !== undefined) parts.push(`<a href="${escapeHtml(m[3] ?? '')}">${escapeHtml(m[2])}</a>`);
    else parts.push(`<strong>${escapeHtml(m[4] ?? '')}</strong>`);
    last = (m.index ?? 0) + m[0].length;
  }
  parts.push(escapeHtml(text.slice(last)));
  return parts.join('');
}

const STYLE = `
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; margin: 0; background: #f6f8fa; }
main { max-width: 1000px; margin: 0 auto; padding: 24px 32px 64px; background: white; }
h1 { font-size: 1.8em; border-bottom: 1px solid #d0d7de; padding-bottom: .3em; }
h2 { font-size: 1.35em; margin-top: 2em; border-bottom: 1px solid #eaeef2; padding-bottom: .2em; }
code { font: 0.9em ui-monospace, SFMono-Regular, Menlo, monospace; background: #eff1f3; padding: .1em .35em; border-radius: 4px; }
table { border-collapse: collapse; margin: .8em 0; font-size: .92em; }
th, td { border: 1px solid #d0d7de; padding: 4px 10px; vertical-align: top; }
th { background: #f6f8fa; text-align: left; }
td.r, th.r { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.kv th { width: 11em; }
tbody tr:nth-child(even) { background: #fafbfc; }
.note { color: #57606a; font-size: .88em; }
ul.warning { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; padding: .6em 1em .6em 2em; }
figure { margin: 1.5em 0; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { color: #57606a; font-size: .88em; margin-top: .3em; }
details { margin: 1em 0; }
nav.toc { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; padding: .5em 1.2em; margin: 1em 0; font-size: .92em; }
nav.toc .toc-title { font-weight: 600; margin: .3em 0; }
nav.toc ul { margin: .2em 0; padding-left: 1.2em; }
summary { cursor: pointer; font-weight: 600; }
pre { background: #f6f8fa; padding: 12px; overflow: auto; font-size: .85em; border-radius: 6px; }
.verdict-PASSED { color: #1a7f37; font-weight: 600; }
.verdict-FAILED { color: #cf222e; font-weight: 600; }
.verdict-INCONCLUSIVE { color: #9a6700; font-weight: 600; }
`;

function dataLinks(name: string, extra: string[] = []): string {
  const links = [...extra, `${name}.csv`, `${name}.json`].map((f) => `<a href="${escapeHtml(f)}">${escapeHtml(f)}</a>`);
  return `Data: ${links.join(' · ')}`;
}

/** Level-2 entries, each with its level-3 entries nested. */
function toc(blocks: readonly Block[]): string {
  const groups: { head: TocEntry; subs: TocEntry[] }[] = [];
  for (const e of tocEntries(blocks)) {
    const last = groups[groups.length - 1];
    if (e.level === 3 && last !== undefined) last.subs.push(e);
    else groups.push({ head: e, subs: [] });
  }
  const link = (e: TocEntry): string => `<a href="#${escapeHtml(e.anchor)}">${escapeHtml(e.text)}</a>`;
  const items = groups.map((g) => `<li>${link(g.head)}${g.subs.length > 0 ? `<ul>${g.subs.map((e) => `<li>${link(e)}</li>`).join('')}</ul>` : ''}</li>`);
  return `<nav class="toc" aria-label="Contents"><p class="toc-title">Contents</p><ul>${items.join('')}</ul></nav>`;
}

function block(b: Block, anchor: string | null, blocks: readonly Block[]): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level} id="${escapeHtml(anchor ?? '')}">${inline(b.text)}</h${b.level}>`;
    case 'paragraph':
      return `<p>${inline(b.text)}</p>`;
    case 'list':
      return `<ul class="${b.tone}">${b.items.map((i) => `<li>${inline(i)}</li>`).join('')}</ul>`;
    case 'keyvalue':
      return `<table class="kv"><tbody>${b.rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${inline(v)}</td></tr>`).join('')}</tbody></table>`;
    case 'table': {
      const t = b.table;
      const cls = (a: 'left' | 'right'): string => (a === 'right' ? ' class="r"' : '');
      const head = t.columns.map((c) => `<th${cls(c.align)}>${escapeHtml(c.label)}</th>`).join('');
      const body = t.rows
        .map((r) => {
          const cells = t.columns.map((c) => {
            const text = c.text(r);
            const verdict = c.label === 'verdict' ? ` class="verdict-${escapeHtml(text)}"` : cls(c.align);
            return `<td${verdict}>${escapeHtml(text)}</td>`;
          });
          return `<tr>${cells.join('')}</tr>`;
        })
        .join('\n');
      return `<table data-table="${escapeHtml(t.name)}"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>\n<p class="note">${escapeHtml(t.note)} ${dataLinks(t.name)}</p>`;
    }
    case 'figure': {
      const c = b.chart;
      return `<figure class="chart" data-chart="${escapeHtml(c.name)}">${prefixIds(b.svg, c.name)}<figcaption>${escapeHtml(c.caption)} ${dataLinks(c.name, [`${c.name}.svg`])}</figcaption></figure>`;
    }
    case 'toc':
      return toc(blocks);
    case 'details':
      return `<details><summary>${escapeHtml(b.summary)}</summary><pre><code>${escapeHtml(b.code)}</code></pre></details>`;
  }
}

export function renderHtml(title: string, blocks: readonly Block[]): string {
  const anchors = anchorsOf(blocks);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${blocks.map((b, i) => block(b, anchors[i] ?? null, blocks)).join('\n')}
</main>
</body>
</html>
`;
}
