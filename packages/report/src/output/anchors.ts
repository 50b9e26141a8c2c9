/**
 * Anchors of the report's headings, the same in report.md and report.html: GitHub's heading ids (github-slugger's
 * rule: lower case, punctuation and symbols dropped, each space a hyphen, a repeat suffixed -1, -2, ...), so the
 * Markdown table of contents works where the Markdown is read and the HTML page uses the very same ids.
 */
import type { Block } from './document.ts';

/** The text a heading shows: `code` spans, [label](href) links and **bold** without their markup. */
export function plainText(inline: string): string {
  return inline.replace(/`([^`]+)`/g, '$1').replace(/\[([^\]]+)\]\([^)\s]+\)/g, '$1').replace(/\*\*([^*]+)\*\*/g, '$1');
}

export function slugOf(text: string): string {
  return plainText(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** Per block, the anchor of a heading (null for other blocks), unique within the document. */
export function anchorsOf(blocks: readonly Block[]): (string | null)[] {
  const seen = new Map<string, number>();
  return blocks.map((b) => {
    if (b.kind !== 'heading') return null;
    const base = slugOf(b.text);
    const count = seen.get(base);
    seen.set(base, (count ?? 0) + 1);
    return count === undefined ? base : `${base}-${count}`;
  });
}

export interface TocEntry {
  level: 2 | 3;
  text: string;
  anchor: string;
}

/** The headings of levels 2 and 3, in order, for the table of contents. */
export function tocEntries(blocks: readonly Block[]): TocEntry[] {
  const anchors = anchorsOf(blocks);
  const out: TocEntry[] = [];
  blocks.forEach((b, i) => {
    if (b.kind === 'heading' && b.level !== 1) out.push({ level: b.level, text: plainText(b.text), anchor: anchors[i] as string });
  });
  return out;
}
