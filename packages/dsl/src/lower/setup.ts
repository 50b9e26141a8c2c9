/** Lowers the experiment's setup statements: data, model, optimizer, loss, batch, seeds. */
import * as nodePath from 'node:path';
import type { Arg, CallValue, Definition, Ident, ListValue, NumberValue } from '../ast.ts';
import { dataSourceCatalog, regressionSources } from '../catalog/data-sources.ts';
import { defaultConvLayers, lossKinds, modelCatalog, optimizerCatalog } from '../catalog/models.ts';
import type { Catalog, CatalogEntry } from '../catalog/schema.ts';
import { diagnosticAt } from '../diagnostics.ts';
import type { ConvLayerSpec, DataSpec, LossKind, ModelSpec, OptimizerSpec } from '../ir.ts';
import { suggestion } from '../suggest.ts';
import { expandNumbers, resolveArgs, type LowerContext, type Resolved } from './args.ts';

export interface SetupContext extends LowerContext {
  definitions: ReadonlyMap<string, Definition>;
}

const MAX_SEEDS = 10_000;

/** Finds a catalog entry for `call`, directly or through a named definition whose arguments the call overrides. */
export function lookupCall(
  kind: 'data' | 'model' | 'optimizer',
  call: CallValue,
  catalog: Catalog,
  what: string,
  ctx: SetupContext,
): { entry: CatalogEntry; args: Arg[] } | null {
  const direct = catalog[call.name.name];
  if (direct) return { entry: direct, args: call.args };
  const def = ctx.definitions.get(`${kind}:${call.name.name}`);
  if (def && def.kind !== 'metrics') {
    const base = catalog[def.call.name.name];
    if (!base) {
      ctx.diags.push(diagnosticAt(def.call.name.span, 'unknown-name', `unknown ${what} \`${def.call.name.name}\``, suggestion(def.call.name.name, Object.keys(catalog))));
      return null;
    }
    const overridden = new Set(call.args.flatMap((a) => (a.key ? [a.key.name] : [])));
    const inherited = def.call.args.filter((a) => a.key === null || !overridden.has(a.key.name));
    return { entry: base, args: [...inherited, ...call.args] };
  }
  const defined = [...ctx.definitions.values()].filter((d) => d.kind === kind).map((d) => d.name.name);
  ctx.diags.push(
    diagnosticAt(call.name.span, 'unknown-name', `unknown ${what} \`${call.name.name}\``, suggestion(call.name.name, [...Object.keys(catalog), ...defined])),
  );
  return null;
}

export function lowerData(call: CallValue, ctx: SetupContext): DataSpec | null {
  const found = lookupCall('data', call, dataSourceCatalog, 'data source', ctx);
  if (!found) return null;
  const r = resolveArgs(found.entry, 'data source', found.args, call.span, ctx);
  if (!r.ok) return null;
  const v = r.values;
  if (typeof v['path'] === 'string') {
    // Relative to the .plas file's folder, as seen from the working directory (absolute stays absolute).
    v['path'] = nodePath.isAbsolute(v['path']) ? v['path'] : nodePath.join(nodePath.dirname(call.span.file), v['path']);
  }
  return { kind: found.entry.name, ...v } as unknown as DataSpec;
}

export function isRegression(data: DataSpec): boolean {
  return regressionSources.includes(data.kind);
}

export function lowerModel(call: CallValue, ctx: SetupContext): ModelSpec | null {
  const found = lookupCall('model', call, modelCatalog, 'model', ctx);
  if (!found) return null;
  const r = resolveArgs(found.entry, 'model', found.args, call.span, ctx);
  if (!r.ok) return null;
  const v: Record<string, Resolved> = { ...r.values };
  if (found.entry.name === 'cnn' && v['conv'] === null) v['conv'] = defaultConvLayers.map((c) => ({ ...c })) as ConvLayerSpec[];
  return { kind: found.entry.name, ...v } as unknown as ModelSpec;
}

export function lowerOptimizer(call: CallValue, ctx: SetupContext): OptimizerSpec | null {
  const found = lookupCall('optimizer', call, optimizerCatalog, 'optimizer', ctx);
  if (!found) return null;
  const r = resolveArgs(found.entry, 'optimizer', found.args, call.span, ctx);
  if (!r.ok) return null;
  return { kind: found.entry.name, ...r.values } as unknown as OptimizerSpec;
}

export function lowerLoss(name: Ident, ctx: LowerContext): LossKind | null {
  if ((lossKinds as readonly string[]).includes(name.name)) return name.name as LossKind;
  ctx.diags.push(diagnosticAt(name.span, 'unknown-name', `unknown loss \`${name.name}\``, suggestion(name.name, lossKinds)));
  return null;
}

export function lowerBatch(n: NumberValue, ctx: LowerContext): number | null {
  if (!Number.isInteger(n.value) || n.value < 1) {
    ctx.diags.push(diagnosticAt(n.span, 'out-of-range', `batch must be an integer ≥ 1, got ${n.text}`));
    return null;
  }
  return n.value;
}

/** `seeds 5` → [0, 1, 2, 3, 4]; `seeds [3, 7]` or `seeds [0..4]` → the list. */
export function lowerSeeds(v: NumberValue | ListValue, ctx: LowerContext): number[] | null {
  if (v.kind === 'number') {
    if (!Number.isInteger(v.value) || v.value < 1 || v.value > MAX_SEEDS) {
      ctx.diags.push(diagnosticAt(v.span, 'out-of-range', `seeds must be an integer in [1, ${MAX_SEEDS}], got ${v.text}`));
      return null;
    }
    return Array.from({ length: v.value }, (_, i) => i);
  }
  const out: number[] = [];
  for (const item of v.items) {
    const nums = expandNumbers(item, 'seeds', ctx);
    if (!nums) return null;
    for (const n of nums.values) {
      if (!Number.isInteger(n) || n < 0 || n > 2 ** 31 - 1) {
        ctx.diags.push(diagnosticAt(nums.span, 'out-of-range', `a seed must be an integer in [0, 2147483647], got ${n}`));
        return null;
      }
      if (out.includes(n)) {
        ctx.diags.push(diagnosticAt(nums.span, 'duplicate-name', `seed ${n} is listed twice`));
        return null;
      }
      out.push(n);
    }
  }
  if (out.length === 0) {
    ctx.diags.push(diagnosticAt(v.span, 'out-of-range', 'seeds must list at least one seed'));
    return null;
  }
  if (out.length > MAX_SEEDS) {
    ctx.diags.push(diagnosticAt(v.span, 'out-of-range', `at most ${MAX_SEEDS} seeds`));
    return null;
  }
  return out;
}
