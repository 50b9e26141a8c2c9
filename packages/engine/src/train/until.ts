/**
 * The `until metric op value` test of a duration. A per-layer metric is compared through its `total` entry;
 * online metrics average the batches since the previous check (see online.ts).
 */
import type { UntilDuration } from '@plas/dsl';
import type { RunContext } from '../core/contracts.ts';
import { getDiagnostic } from '../diagnostics/registry.ts';
import { isOnlineMetric, OnlineMean } from './online.ts';

export class UntilCheck {
  readonly online = new OnlineMean();

  readonly checkEvery: UntilDuration['checkEvery'];

  constructor(private readonly until: UntilDuration) {
    this.checkEvery = until.checkEvery;
  }

  holds(ctx: RunContext): boolean {
    const { metric, op, value } = this.until;
    let v: number | null;
    if (isOnlineMetric(metric)) v = this.online.take(metric);
    else {
      const raw = getDiagnostic(metric)!(ctx, {});
      v = typeof raw === 'number' ? raw : (raw['total'] ?? null);
      if (v === null) throw new Error(`until ${metric}: a per-layer metric needs a 'total' to compare with ${value}`);
    }
    if (v === null || !Number.isFinite(v)) return false;
    return op === '>=' ? v >= value : v <= value;
  }
}
