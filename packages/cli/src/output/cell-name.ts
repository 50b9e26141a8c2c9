/** How a cell is named to people: its arm, its sweep point when the experiment has a sweep, and its seed. */
export function cellName(arm: string, pointLabel: string, seed: number): string {
  return `arm ${arm}${pointLabel === 'default' ? '' : ` at ${pointLabel}`}, seed ${seed}`;
}
