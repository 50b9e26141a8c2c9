/**
 * The stacked step (src/stack) in the benchmark: R cells of a workload's MLP trained as one CellStack, each cell
 * with its own seed and its own synthetic batch, so one timed call is R cell-steps. Throughput per core is
 * R / (CPU time per stacked step), to set beside one cell's trainStep and PyTorch's one-cell step.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Batch } from '../src/core/contracts.ts';
import { deriveSeed } from '../src/core/seed.ts';
import { createModel } from '../src/models/index.ts';
import { createOptimizer } from '../src/optim/index.ts';
import { CellStack, type StackCell } from '../src/stack/index.ts';
import { CLASSES, INPUT_SHAPE, modelSpec, syntheticExamples, type Workload } from './workloads.ts';

export interface StackedTrainer {
  /** One step of all R cells on the i-th stacked batch of a pool of 8 (cycled). */
  step(i: number): void;
  dispose(): void;
}

/** R cells (seeds 1..R) with Adam(lr 1e-3), stacked; batches [R, B, 28, 28, 1] of seeded synthetic examples. */
export function makeStackedTrainer(w: Pick<Workload, 'kind' | 'hidden' | 'batch'>, r: number): StackedTrainer {
  const cells: StackCell[] = Array.from({ length: r }, (_, c) => {
    const model = createModel(modelSpec(w), INPUT_SHAPE, CLASSES, c + 1);
    return { model, optimizer: createOptimizer({ kind: 'adam', lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8 }, model.params) };
  });
  const stack = new CellStack(cells, 'cross_entropy');
  const size = INPUT_SHAPE.reduce((a, b) => a * b, 1);
  const batches: Batch[] = Array.from({ length: 8 }, (_, i) => {
    const x = new Float32Array(r * w.batch * size);
    const y = new Int32Array(r * w.batch);
    for (let c = 0; c < r; c++) {
      const h = syntheticExamples(w.batch, deriveSeed(c + 1, 'batch', i));
      x.set(h.x, c * w.batch * size);
      y.set(h.y, c * w.batch);
    }
    return { x: tf.tensor(x, [r, w.batch, ...INPUT_SHAPE]), y: tf.tensor2d(y, [r, w.batch], 'int32') };
  });
  return {
    step(i) {
      stack.step(batches[i % batches.length]!);
    },
    dispose() {
      stack.dispose();
      for (const b of batches) tf.dispose([b.x, b.y]);
      for (const c of cells) {
        c.optimizer.dispose();
        c.model.dispose();
      }
    },
  };
}

interface Timed {
  msPerStep: number;
  cpuMsPerStep: number;
  load: number;
}

interface Row {
  label: string;
  rounds: Record<string, Timed[]>;
  notes: string[];
}

const least = (ms: Timed[] | undefined): Timed | null =>
  ms && ms.length > 0 ? ms.reduce((a, b) => (b.cpuMsPerStep < a.cpuMsPerStep ? b : a)) : null;

/** Cell-steps/s per core = cells per step / CPU seconds per step. */
const perCore = (m: Timed | null, cells: number): number | null => (m ? (1000 * cells) / m.cpuMsPerStep : null);

const num = (v: number | null): string => (v === null ? '—' : v >= 100 ? v.toFixed(0) : v.toFixed(1));

/**
 * Markdown: per workload, cell-steps/s per core for one cell alone (trainStep, wasm+openblas), stacks of each R
 * (CPU ms per stacked step in brackets), PyTorch's one cell, and the best stack against PyTorch (> 1: more
 * cell-steps per core than PyTorch); each from its round with the least CPU time per step.
 */
export function stackTable(rows: readonly Row[], sizes: readonly number[]): string[] {
  const out = [
    `| workload | alone (wasm+openblas) | ${sizes.map((r) => `R = ${r} (CPU ms/step)`).join(' | ')} | PyTorch | best stack / PyTorch | load avg (alone / ${sizes.map((r) => `R=${r}`).join(' / ')} / PyTorch) |`,
    `|${'---|'.repeat(sizes.length + 5)}`,
  ];
  for (const row of rows) {
    const stacked = sizes.map((r) => least(row.rounds[`stack${r}`]));
    if (stacked.every((m) => m === null)) {
      const why = row.notes.find((n) => n.startsWith('stacking:')) ?? 'stacking: not measured';
      out.push(`| ${row.label} | ${why.replace(/^stacking: /, '')} |`);
      continue;
    }
    const alone = least(row.rounds['wasm+openblas']);
    const torch = least(row.rounds['torch']);
    const rates = stacked.map((m, i) => perCore(m, sizes[i]!));
    const top = Math.max(...rates.map((v) => v ?? 0));
    const torchRate = perCore(torch, 1);
    const cells = stacked.map((m, i) => (m ? `${num(rates[i]!)} (${num(m.cpuMsPerStep)})` : '—'));
    const loads = [alone, ...stacked, torch].map((m) => (m ? m.load.toFixed(1) : '—')).join(' / ');
    out.push(
      `| ${row.label} | ${num(perCore(alone, 1))} | ${cells.join(' | ')} | ${num(torchRate)} | ${torchRate ? `${(top / torchRate).toFixed(2)}x` : '—'} | ${loads} |`,
    );
  }
  out.push('', 'cell-steps/s per core: cells advanced one step per CPU second (R / CPU s per stacked step).');
  return out;
}
