/** A static site: every experiment's report folder plus index.html and index.md linking them. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toCsv } from './output/csv.ts';
import type { Block } from './output/document.ts';
import { renderHtml } from './output/html.ts';
import { renderMarkdown } from './output/markdown.ts';
import type { Table } from './output/tables.ts';
import { reportDirNames } from './select.ts';
import { loadStore } from './store/load-store.ts';
import { writeExperimentReport, type ReportSummary } from './write-report.ts';

export interface SiteEntry {
  name: string;
  hash: string;
  /** The report folder, relative to the site root. */
  dir: string;
  summary: ReportSummary;
}

export interface SiteSummary {
  out: string;
  experiments: SiteEntry[];
  /** Experiment files of the store that could not be read. */
  problems: string[];
}

function verdicts(s: ReportSummary): string {
  if (s.expectations.length === 0) return '—';
  const counts = { PASSED: 0, FAILED: 0, INCONCLUSIVE: 0 };
  for (const e of s.expectations) counts[e.verdict] += 1;
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([v, n]) => `${n} ${v.toLowerCase()}`)
    .join(', ');
}

function indexTable(entries: readonly SiteEntry[]): Table {
  const rows = entries.map((e) => ({
    name: e.name,
    dir: e.dir,
    hash: e.hash,
    file: e.summary.experiment.file,
    date: e.summary.date,
    seeds: e.summary.seeds.length,
    findings: verdicts(e.summary),
    flags: e.summary.flags.length,
  }));
  const text = (key: string) => (r: Record<string, string | number | null>) => String(r[key] ?? '—');
  return {
    name: 'experiments',
    title: 'Experiments',
    note: 'findings: verdicts of the expectations stated in each file; flags: problems stated at the top of the report.',
    columns: [
      { label: 'experiment', align: 'left', text: text('name') },
      { label: 'folder', align: 'left', text: (r) => `${String(r['dir'])}/` },
      { label: 'file', align: 'left', text: text('file') },
      { label: 'hash', align: 'left', text: (r) => String(r['hash']).slice(0, 12) },
      { label: 'date', align: 'left', text: text('date') },
      { label: 'seeds', align: 'right', text: text('seeds') },
      { label: 'findings', align: 'left', text: text('findings') },
      { label: 'flags', align: 'right', text: text('flags') },
    ],
    rows,
  };
}

function indexBlocks(entries: readonly SiteEntry[], format: 'md' | 'html'): Block[] {
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: 'Plas reports' },
    { kind: 'paragraph', text: `${entries.length} experiment${entries.length === 1 ? '' : 's'} from one run store.` },
  ];
  blocks.push({
    kind: 'list',
    tone: 'plain',
    items: entries.map((e) => {
      const target = `${e.dir}/report.${format}`;
      return `[${e.name}](${target}): ${verdicts(e.summary)} · ${e.summary.seeds.length} seeds · ${e.summary.flags.length} flags · \`${e.hash.slice(0, 12)}\` · ${e.summary.date}`;
    }),
  });
  blocks.push({ kind: 'table', table: indexTable(entries) });
  return blocks;
}

export async function writeSite(opts: { store: string; out: string }): Promise<SiteSummary> {
  const store = loadStore(opts.store);
  const dirs = reportDirNames(store.experiments);
  const entries: SiteEntry[] = [];
  for (const experiment of store.experiments) {
    const { hash, name } = experiment.record.ir;
    const dir = dirs.get(hash) as string;
    const summary = await writeExperimentReport(experiment, join(opts.out, dir));
    entries.push({ name, hash, dir, summary });
  }
  mkdirSync(opts.out, { recursive: true });
  writeFileSync(join(opts.out, 'index.md'), renderMarkdown(indexBlocks(entries, 'md')));
  writeFileSync(join(opts.out, 'index.html'), renderHtml('Plas reports', indexBlocks(entries, 'html')));
  const table = indexTable(entries);
  writeFileSync(join(opts.out, 'experiments.json'), `${JSON.stringify(table.rows, null, 2)}\n`);
  writeFileSync(join(opts.out, 'experiments.csv'), toCsv(table.rows));
  return { out: opts.out, experiments: entries, problems: store.problems };
}
