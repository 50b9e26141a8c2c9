/**
 * Checks every definition (`model small = mlp(...)`, `metrics diag = ...`) on its own, used or not, so that a preset
 * library reports its mistakes where they are written. Diagnostics repeated when a definition is used are deduplicated
 * by the compiler.
 */
import type { Definition } from '../ast.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { lowerMetricRefs } from './measure.ts';
import { lowerData, lowerModel, lowerOptimizer } from './setup.ts';

export function checkDefinitions(definitions: ReadonlyMap<string, Definition>, diags: Diagnostic[]): void {
  const ctx = { diags, definitions };
  for (const def of definitions.values()) {
    if (def.kind === 'metrics') {
      for (const m of def.metrics) lowerMetricRefs(m, ctx);
      continue;
    }
    const lower = { data: lowerData, model: lowerModel, optimizer: lowerOptimizer }[def.kind];
    lower(def.call, ctx);
  }
}
