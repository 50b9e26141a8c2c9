/**
 * Documentation of catalog entries and parameters as Markdown, for completion items and hover: what it is, its
 * formula, its source, and each parameter's type, range, default and unit. Everything comes from the catalog.
 */
import {
  activations,
  convLayerSchema,
  dataSourceCatalog,
  describeRange,
  initSchemes,
  interventionCatalog,
  metricCatalog,
  modelCatalog,
  optimizerCatalog,
  selectorCatalog,
  type CatalogEntry,
  type CatalogKind,
  type ParamSchema,
  type ParamType,
} from '@plas/dsl';

const convEntry: CatalogEntry = { name: 'conv', doc: 'a convolution layer of `cnn(conv: [...])`, followed by a max-pool', params: convLayerSchema };

export function catalogOf(kind: CatalogKind): Readonly<Record<string, CatalogEntry>> {
  switch (kind) {
    case 'data':
      return dataSourceCatalog;
    case 'model':
      return modelCatalog;
    case 'optimizer':
      return optimizerCatalog;
    case 'intervention':
      return interventionCatalog;
    case 'metric':
      return metricCatalog;
    case 'selector':
      return selectorCatalog;
    case 'conv':
      return { conv: convEntry };
  }
}

export const catalogKinds: readonly CatalogKind[] = ['data', 'model', 'optimizer', 'intervention', 'metric', 'selector', 'conv'];

const kindWords: Record<CatalogKind, string> = {
  data: 'data source',
  model: 'model',
  optimizer: 'optimizer',
  intervention: 'intervention',
  metric: 'metric',
  selector: 'data selector',
  conv: 'layer',
};

export function kindWord(kind: CatalogKind): string {
  return kindWords[kind];
}

/** An entry by name: in the given catalog first, then in any (a name the context did not place). */
export function findEntry(name: string, preferred: CatalogKind | null): { kind: CatalogKind; entry: CatalogEntry } | null {
  const order = preferred ? [preferred, ...catalogKinds.filter((k) => k !== preferred)] : catalogKinds;
  for (const kind of order) {
    const entry = catalogOf(kind)[name];
    if (entry && Object.prototype.hasOwnProperty.call(catalogOf(kind), name)) return { kind, entry };
  }
  return null;
}

export function typeText(t: ParamType): string {
  switch (t.kind) {
    case 'number':
      return describeRange(t);
    case 'boolean':
      return 'true | false';
    case 'enum':
      return t.values.join(' | ');
    case 'string':
      return 'a string';
    case 'name':
      return 'a name';
    case 'int_list':
      return `a list of integers${t.min !== undefined ? ` ≥ ${t.min}` : ''}${t.nonEmpty ? ', not empty' : ''}`;
    case 'layers':
      return 'all | head | layers[from..to]';
    case 'selectors':
      return 'a selector pipeline (a | b)';
    case 'conv_list':
      return 'a list of conv(filters, kernel, pool)';
  }
}

function defaultText(p: ParamSchema): string {
  if (!('default' in p) || p.default === undefined) return 'required';
  if (p.default === null) return 'optional';
  const d = p.default;
  if (typeof d === 'object' && !Array.isArray(d) && 'kind' in d) return (d as { kind: string }).kind;
  return `default ${JSON.stringify(d)}`;
}

/** One line: `shrink` — a number in [0, 1], required. the multiplier λ */
export function paramMarkdown(p: ParamSchema): string {
  const unit = p.unit ? `, in ${p.unit}` : '';
  return `\`${p.name}\`: ${typeText(p.type)}${unit}; ${defaultText(p)}. ${p.doc}`;
}

export function entrySignature(entry: CatalogEntry): string {
  return entry.params.length === 0 ? entry.name : `${entry.name}(${entry.params.map((p) => p.name).join(', ')})`;
}

export function entryMarkdown(kind: CatalogKind, entry: CatalogEntry): string {
  const lines = ['```plas', entrySignature(entry), '```', `*${kindWord(kind)}* — ${entry.doc}`];
  if (entry.formula) lines.push('', `Formula: \`${entry.formula}\``);
  if (entry.source) lines.push('', `Source: ${entry.source}`);
  if (entry.params.length > 0) lines.push('', 'Parameters:', ...entry.params.map((p) => `- ${paramMarkdown(p)}`));
  return lines.join('\n');
}

/** Values a parameter may take, for completion after `key:`. */
export function paramValues(p: ParamSchema): readonly string[] {
  if (p.type.kind === 'enum') return p.type.values;
  if (p.type.kind === 'boolean') return ['true', 'false'];
  if (p.type.kind === 'layers') return ['all', 'head', 'layers'];
  if (p.name === 'activation') return activations;
  if (p.name === 'init') return initSchemes;
  return [];
}
