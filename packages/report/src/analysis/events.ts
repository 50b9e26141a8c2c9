/**
 * What each arm's interventions did, from the cells' intervention events (CellRecord.events, issue 13): per sweep
 * point, arm and intervention, over the arm's complete cells — how often it fired, how many units it reset or
 * recycled (mean per cell, and each layer's share), and how much it moved the weights (mean ratio of the layer
 * norms after/before, and mean fraction of parameters changed, over firings that record them).
 * E.g. "ReDo recycled 312 units per cell over 60 tasks, 41% of them in layer dense1".
 */
import type { CellRecord } from '@plas/engine';
import { mean } from '../stats/descriptive.ts';

export interface EventStats {
  point: string;
  arm: string;
  intervention: string;
  /** Complete cells of the arm with at least one event of this intervention. */
  cells: number;
  firingsPerCell: number;
  /** Distinct (phase, task) pairs it fired in, per cell (mean). */
  tasksPerCell: number;
  /** Units reset or recycled per cell (mean); null when it acts on no units. */
  unitsPerCell: number | null;
  /** Each layer's share of those units, largest first. */
  unitShares: { layer: string; share: number }[];
  /** Mean over layers and firings of normAfter / normBefore; null when no firing recorded norms. */
  normRatio: number | null;
  /** Mean fraction of a layer's parameters changed per firing; null when not recorded. */
  changed: number | null;
}

export function eventStats(cells: readonly CellRecord[], arms: readonly { name: string }[], points: readonly string[]): EventStats[] {
  const out: EventStats[] = [];
  for (const point of points) {
    for (const arm of arms) {
      const group = cells.filter((c) => c.status === 'complete' && c.cell.arm === arm.name && c.cell.pointLabel === point && (c.events?.length ?? 0) > 0);
      const names = [...new Set(group.flatMap((c) => (c.events ?? []).map((e) => e.name)))].sort();
      for (const name of names) {
        const perCell = group.map((c) => (c.events ?? []).filter((e) => e.name === name)).filter((es) => es.length > 0);
        const unitsByLayer = new Map<string, number>();
        let anyUnits = false;
        const ratios: number[] = [];
        const changed: number[] = [];
        for (const es of perCell) {
          for (const e of es) {
            for (const l of e.layers) {
              if (l.units !== undefined) {
                anyUnits = true;
                unitsByLayer.set(l.layer, (unitsByLayer.get(l.layer) ?? 0) + l.units);
              }
              if (typeof l.normBefore === 'number' && typeof l.normAfter === 'number' && l.normBefore > 0) ratios.push(l.normAfter / l.normBefore);
              if (typeof l.changed === 'number') changed.push(l.changed);
            }
          }
        }
        const totalUnits = [...unitsByLayer.values()].reduce((a, b) => a + b, 0);
        out.push({
          point,
          arm: arm.name,
          intervention: name,
          cells: perCell.length,
          firingsPerCell: mean(perCell.map((es) => es.reduce((s, e) => s + e.firings, 0))),
          tasksPerCell: mean(perCell.map((es) => new Set(es.map((e) => `${e.phase}\u0000${e.task}`)).size)),
          unitsPerCell: anyUnits ? totalUnits / perCell.length : null,
          unitShares: [...unitsByLayer.entries()]
            .map(([layer, units]) => ({ layer, share: totalUnits > 0 ? units / totalUnits : 0 }))
            .sort((a, b) => b.share - a.share || (a.layer < b.layer ? -1 : a.layer > b.layer ? 1 : 0)),
          normRatio: ratios.length > 0 ? mean(ratios) : null,
          changed: changed.length > 0 ? mean(changed) : null,
        });
      }
    }
  }
  return out;
}
