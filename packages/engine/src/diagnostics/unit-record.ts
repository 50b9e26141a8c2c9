/**
 * The value shape shared by the unit-counting diagnostics (dead, dormant, ReDo-dormant): per hidden layer the
 * FRACTION of its units flagged, and under `total` the COUNT of flagged units over all hidden layers (a count so
 * that a change of one unit in a wide network stays visible; divide by the summed widths for a fraction).
 */
import type { Model } from '../core/contracts.ts';
import { hiddenLayers } from './layers.ts';

export function unitRecord(model: Model, flagged: boolean[][]): Record<string, number> {
  const record: Record<string, number> = {};
  let total = 0;
  hiddenLayers(model).forEach((layer, i) => {
    const flags = flagged[i] ?? [];
    const count = flags.filter(Boolean).length;
    record[layer.name] = flags.length > 0 ? count / flags.length : 0;
    total += count;
  });
  record.total = total;
  return record;
}
