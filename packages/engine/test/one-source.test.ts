/**
 * The measures of issue 11, kept by a test: adding an intervention or a metric touches its catalog entry and its
 * implementation module, which registers itself (the registries find it in their folder); a data set its catalog
 * entry, its loader module and one loader line. So in the engine's code (comments aside) an intervention's or a
 * metric's name appears in exactly one module, which declares it, and nowhere does the engine restate a catalog
 * default through a parameter reader (there is none left).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dataSourceCatalog, interventionCatalog, metricCatalog } from '@plas/dsl/contract';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Code without comments. */
const code = new Map(files(SRC).map((f) => [relative(SRC, f), readFileSync(f, 'utf8').replace(/\/\*[^]*?\*\//g, '').replace(/\/\/.*$/gm, '')]));

function filesNaming(name: string): string[] {
  const quoted = new RegExp(`['\`]${name.replace('.', '\\.')}['\`]`);
  return [...code].filter(([, text]) => quoted.test(text)).map(([f]) => f);
}

describe('one source of truth: where the engine names a catalog entry', () => {
  it.each(Object.keys(interventionCatalog))('intervention %s: named by one module, which implements and registers it', (name) => {
    const named = filesNaming(name);
    expect(named, named.join(', ')).toHaveLength(1);
    expect(named[0]).toMatch(/^interventions\//);
    expect(code.get(named[0]!)!.match(new RegExp(`implementIntervention\\('${name}'`, 'g'))).toHaveLength(1);
  });

  it.each(Object.entries(metricCatalog).filter(([, e]) => e.kind === 'diagnostic').map(([name]) => name))('metric %s: named by one module, which implements and registers it', (name) => {
    const named = filesNaming(name);
    expect(named, named.join(', ')).toHaveLength(1);
    expect(named[0]).toMatch(/^diagnostics\//);
    expect(code.get(named[0]!)!.match(new RegExp(`implementMetric\\('${name.replace('.', '\\.')}'`, 'g'))).toHaveLength(1);
  });

  it('the registries import no implementation module: they find them', () => {
    for (const folder of ['interventions', 'diagnostics']) {
      const imported = [...code.get(`${folder}/registry.ts`)!.matchAll(/from '\.\/([^']+)'/g)].map((m) => `${folder}/${m[1]}`);
      for (const file of imported) expect(code.get(file), file).not.toMatch(/\bimplement(Intervention|Metric)\('/);
    }
  });

  it.each(Object.keys(dataSourceCatalog))('data source %s: one loader line (and its module)', (name) => {
    expect(code.get('data/sources.ts')).toMatch(new RegExp(`^  ${name}: `, 'm'));
    expect(filesNaming(name).length).toBeLessThanOrEqual(2);
  });

  it('no parameter reader restates a default or a range', () => {
    for (const [file, text] of code) expect(text, file).not.toMatch(/\b(numberParam|intParam|choiceParam|checkKeys)\(/);
  });
});
