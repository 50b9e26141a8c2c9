import { compileFile, expandCells } from '@plas/dsl';
import { runCell } from '@plas/engine';
const [file, ...idxs] = process.argv.slice(2);
const r = await compileFile(file);
const cells = expandCells(r.ir);
for (const idx of idxs) {
  const cell = cells[Number(idx)];
  const t = performance.now(); const c0 = process.cpuUsage();
  const rec = await runCell(cell, { backend: 'wasm' });
  const c = process.cpuUsage(c0);
  console.error(idx, rec.status, 'wall', ((performance.now()-t)/1000).toFixed(2), 'cpu', ((c.user+c.system)/1e6).toFixed(2));
}
