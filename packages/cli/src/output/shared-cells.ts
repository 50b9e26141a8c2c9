/**
 * What the cell counts mean when a sweep leaves an arm unchanged: that arm is one cell per seed, shared by every
 * point, so fewer cells are trained than there are arm × point × seed combinations. Empty when they are equal.
 */
export function sharedCellsNote(cells: number, combinations: number): string {
  if (!(combinations > cells)) return '';
  return ` for ${combinations} arm × point × seed combinations (${combinations - cells} share a cell: arms the sweep leaves unchanged run once per seed)`;
}
