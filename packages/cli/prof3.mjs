import { compileFile, expandCells } from '@plas/dsl';
import { runCell } from '@plas/engine';
const [file, ...idxs] = process.argv.slice(2);
const r = await compileFile(file);
const cells = expandCells(r.ir);
for (const idx of idxs) {
  globalThis.__mm = new Map();
  const cell = cells[Number(idx)];
  const t = performance.now(); const c0 = process.cpuUsage();
  const rec = await runCell(cell, { backend: 'wasm' });
  const c = process.cpuUsage(c0);
  console.error(idx, rec.status, 'wall', ((performance.now()-t)/1000).toFixed(2), 'cpu', ((c.user+c.system)/1e6).toFixed(2));
  for (const [k,[n,ms]] of [...globalThis.__mm].sort((a,b)=>b[1][1]-a[1][1]).slice(0,12)) console.error('  ', k.padEnd(30), n, ms.toFixed(0), 'ms', (1000*ms/n).toFixed(1), 'us');
}
