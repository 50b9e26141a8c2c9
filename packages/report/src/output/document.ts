/** The report as a list of blocks, rendered once to Markdown and once to HTML so both always say the same. */
import type { Chart } from '../charts/chart.ts';
import type { Table } from './tables.ts';

/** Inline text: plain, with `code` spans and [label](href) links (both rendered by markdown.ts and html.ts). */
export type Inline = string;

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: Inline }
  | { kind: 'paragraph'; text: Inline }
  | { kind: 'list'; items: Inline[]; tone: 'plain' | 'warning' }
  | { kind: 'keyvalue'; rows: [string, Inline][] }
  | { kind: 'table'; table: Table }
  | { kind: 'figure'; chart: Chart; svg: string }
  | { kind: 'details'; summary: string; code: string }
  /** The table of contents: every heading of level 2 and 3 after it, linked by its anchor (anchors.ts). */
  | { kind: 'toc' };
