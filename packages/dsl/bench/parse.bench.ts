/**
 * Parser throughput: lines per second for lexing + parsing + AST building (`parseSource`), for the full compile
 * (`compileSource`) and for the formatter, on a large generated file. Prints figures; asserts nothing.
 */
import { cpus, loadavg } from 'node:os';
import { compileSource, formatSource, parseSource } from '../src/index.ts';

function generate(arms: number): string {
  const lines = [
    '// generated benchmark input',
    'experiment bench {',
    '  data mnist(train: 10000, test: 10000)',
    '  model mlp(hidden: [100, 100], activation: relu, init: he_uniform)',
    '  optimizer adam(lr: 1e-3)',
    '  batch 128',
    '  seeds 5',
    '  stream {',
    '    phase pretrain: train on subset(fraction: 0.5) until train.accuracy >= 0.99 max 100 epochs',
    '    phase tune: train on all for 50 epochs',
    '  }',
    '  baseline fresh: at tune: reset all, reset optimizer',
  ];
  for (let i = 0; i < arms; i++) {
    lines.push(
      `  /* arm ${i} */`,
      `  arm a${i}:`,
      `    at tune: shrink_perturb(shrink: 0.${(i % 9) + 1}, perturb: 1e-2, noise: fresh_init), reset layers[-2..]`,
      `    every ${(i % 50) + 1} steps: redo(tau: 0.1, probe: 256) // comment ${i}`,
      '    every step: l2_init(strength: 1e-2)',
    );
  }
  lines.push('  measure every 1 epoch: test.accuracy, train.loss, dead_units(probe: 2000), effective_rank(layer: -2)');
  lines.push('  compare test.accuracy: mean over last 10 epochs of tune', '}', '');
  return lines.join('\n');
}

function measure(label: string, lines: number, f: () => void, repeats = 3): void {
  f(); // warm up
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  const rate = Math.round(lines / (median / 1000));
  console.log(`${label.padEnd(28)} ${median.toFixed(1).padStart(8)} ms   ${rate.toLocaleString('en-US').padStart(12)} lines/s`);
}

// Wall-clock figures depend on what else runs: say so.
console.log(`node ${process.version}, ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)}`);

for (const arms of [200, 2000]) {
  const text = generate(arms);
  const lines = text.split('\n').length;
  console.log(`\n${lines.toLocaleString('en-US')} lines, ${(text.length / 1e6).toFixed(2)} M characters`);
  const parsed = parseSource(text, 'bench.plas');
  if (parsed.diagnostics.length > 0) throw new Error(`benchmark input does not parse: ${parsed.diagnostics[0]!.message}`);
  measure('parseSource', lines, () => parseSource(text, 'bench.plas'));
  measure('compileSource', lines, () => compileSource(text, 'bench.plas'));
  measure('formatSource', lines, () => formatSource(text, 'bench.plas'));
}
