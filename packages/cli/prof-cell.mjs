// usage: node prof-cell.mjs file.plas cellIndex
import { compileFile, expandCells } from '@plas/dsl';
import { runCell } from '@plas/engine';
const [file, idx] = process.argv.slice(2);
const r = await compileFile(file);
if (!r.ir) { console.error(r.diagnostics); process.exit(1); }
const cells = expandCells(r.ir);
const cell = cells[Number(idx ?? 0)];
console.error(cells.length, 'cells; running', cell.arm, JSON.stringify(cell.point ?? {}), cell.seed);
const t = performance.now(); const c0 = process.cpuUsage();
const rec = await runCell(cell, { backend: 'wasm' });
const c = process.cpuUsage(c0);
console.error(rec.status, 'wall', ((performance.now()-t)/1000).toFixed(2), 'cpu', ((c.user+c.system)/1e6).toFixed(2), 'steps', rec.steps ?? '');
const { createHash } = await import('node:crypto');
console.error('series+events sha256', createHash('sha256').update(JSON.stringify([rec.series, rec.events, rec.status, rec.divergence])).digest('hex'));
