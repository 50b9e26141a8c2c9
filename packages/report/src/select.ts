/** Choosing experiments in a store (by hash, hash prefix or name) and naming their report folders. */
import { slug } from './charts/chart.ts';
import { StoreError, type LoadedExperiment, type LoadedStore } from './store/load-store.ts';

function listing(store: LoadedStore): string {
  return store.experiments.map((e) => `  ${e.record.ir.hash.slice(0, 12)}  ${e.record.ir.name}  (${e.record.file})`).join('\n');
}

/**
 * The experiment matching `query`: an exact hash, a hash prefix (≥ 4 characters) or a name (the most recently
 * updated one when several experiments share the name). Without a query the store must hold exactly one.
 */
export function selectExperiment(store: LoadedStore, query?: string): LoadedExperiment {
  const all = store.experiments;
  if (all.length === 0) throw new StoreError(`the run store '${store.root}' holds no experiment`);
  if (query === undefined) {
    if (all.length === 1) return all[0] as LoadedExperiment;
    throw new StoreError(`the run store holds ${all.length} experiments; choose one by hash or name:\n${listing(store)}`);
  }
  const exact = all.find((e) => e.record.ir.hash === query);
  if (exact) return exact;
  const byName = all.filter((e) => e.record.ir.name === query);
  if (byName.length > 0) return byName.reduce((a, b) => (Date.parse(b.record.updatedAt) > Date.parse(a.record.updatedAt) ? b : a));
  const byPrefix = query.length >= 4 ? all.filter((e) => e.record.ir.hash.startsWith(query)) : [];
  if (byPrefix.length === 1) return byPrefix[0] as LoadedExperiment;
  if (byPrefix.length > 1) throw new StoreError(`'${query}' matches ${byPrefix.length} experiments; give more of the hash`);
  throw new StoreError(`no experiment '${query}' in the run store; it holds:\n${listing(store)}`);
}

/** Longest folder name we derive from an experiment name: well under the 255-byte limit of common file systems. */
export const MAX_REPORT_DIR_CHARS = 100;

/**
 * The report folder of one experiment: its name as a slug; a name longer than MAX_REPORT_DIR_CHARS is cut and
 * given a hash prefix, so the folder is short enough for any file system and still unique and deterministic.
 */
export function reportDirName(name: string, hash: string): string {
  const base = slug(name);
  return base.length <= MAX_REPORT_DIR_CHARS ? base : `${base.slice(0, MAX_REPORT_DIR_CHARS - 9)}-${hash.slice(0, 8)}`;
}

/** Report folder per experiment hash: the experiment's name, plus a hash prefix when several share the name. */
export function reportDirNames(experiments: readonly Pick<LoadedExperiment, 'record'>[]): Map<string, string> {
  const count = new Map<string, number>();
  const bases = new Map(experiments.map((e) => [e.record.ir.hash, reportDirName(e.record.ir.name, e.record.ir.hash)]));
  for (const base of bases.values()) count.set(base, (count.get(base) ?? 0) + 1);
  const dirs = new Map<string, string>();
  for (const e of experiments) {
    const base = bases.get(e.record.ir.hash) as string;
    dirs.set(e.record.ir.hash, (count.get(base) ?? 0) > 1 ? `${base}-${e.record.ir.hash.slice(0, 8)}` : base);
  }
  return dirs;
}
