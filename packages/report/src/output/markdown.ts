/** Markdown that renders on a code host: pipe tables, relative images, <details> (which GitHub renders). */
import { tocEntries } from './anchors.ts';
import type { Block } from './document.ts';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function table(header: string[], align: ('left' | 'right')[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  const rule = `|${align.map((a) => (a === 'right' ? '---:' : ':---')).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function block(b: Block, blocks: readonly Block[]): string {
  switch (b.kind) {
    case 'heading':
      return `${'#'.repeat(b.level)} ${b.text}`;
    case 'paragraph':
      return b.text;
    case 'list':
      return b.items.map((i) => `- ${b.tone === 'warning' ? '⚠️ ' : ''}${i}`).join('\n');
    case 'keyvalue':
      return table(['', ''], ['left', 'left'], b.rows.map(([k, v]) => [`**${k}**`, v]));
    case 'table': {
      const t = b.table;
      const body =
        t.rows.length === 0
          ? '_(no rows)_'
          : table(
              t.columns.map((c) => c.label),
              t.columns.map((c) => c.align),
              t.rows.map((r) => t.columns.map((c) => c.text(r))),
            );
      return `${body}\n\n_${t.note}_ Data: [${t.name}.csv](${t.name}.csv) · [${t.name}.json](${t.name}.json)`;
    }
    case 'figure': {
      const c = b.chart;
      return `![${c.title}](${c.name}.svg)\n\n_${c.caption}_ Data: [${c.name}.csv](${c.name}.csv) · [${c.name}.json](${c.name}.json)`;
    }
    case 'toc':
      return `**Contents**\n\n${tocEntries(blocks)
        .map((e) => `${e.level === 3 ? '  ' : ''}- [${e.text.replace(/[[\]]/g, '\\$&')}](#${e.anchor})`)
        .join('\n')}`;
    case 'details':
      return `<details>\n<summary>${b.summary}</summary>\n\n\`\`\`json\n${b.code}\n\`\`\`\n\n</details>`;
  }
}

export function renderMarkdown(blocks: readonly Block[]): string {
  return `${blocks.map((b) => block(b, blocks)).join('\n\n')}\n`;
}
