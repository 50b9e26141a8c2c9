/** `plas plan <file> [--json] [--quick]`: the cells and the training budget of an experiment. */
import { sharedCellsNote } from '../output/shared-cells.ts';
import { compileFile, planSummary, renderDiagnostics, type PlanSummary } from '@plas/dsl';
import { HELP_OPTION, parseCommandArgs, usageError } from '../args.ts';
import { cellCountProblem, DEFAULT_MAX_CELLS, largeSweepNote } from '../limits.ts';

const help = `usage: plas plan <file> [--json] [--quick]

Shows the arms, seeds, sweep points, cells and the estimated training steps of an experiment
(an \`until\` rule counts at its \`max\`).

options:
  --quick  apply the file's quick profile
  --json   print the plan as JSON
  --help   show this help
`;

function formatPlan(p: PlanSummary): string {
  const lines = [
    `experiment ${p.experiment} (${p.profile}) ${p.hash.slice(0, 12)}`,
    `  arms (${p.arms.length}):`,
    ...p.arms.map((a) => `    ${a.role === 'baseline' ? 'baseline' : 'arm     '} ${a.name}${a.interventions.length ? `: ${a.interventions.join(', ')}` : ''}`),
    `  seeds (${p.seeds.length}): ${p.seeds.join(', ')}`,
    `  sweep points (${p.points.length}): ${p.points.join('; ')}`,
    `  stream:`,
    ...p.stream.map((s) => `    ${s.kind} ${s.name}: ${s.examples.toLocaleString('en-US')} examples, ~${s.steps.toLocaleString('en-US')} steps`),
    `  cells: ${p.cells}${sharedCellsNote(p.cells, p.combinations)}`,
    `  steps per cell: ${Object.entries(p.stepsPerCell).map(([k, v]) => (p.points.length > 1 ? `${k}: ${v.toLocaleString('en-US')}` : v.toLocaleString('en-US'))).join('; ')}`,
    `  total training steps: ${p.totalSteps.toLocaleString('en-US')}`,
  ];
  return lines.join('\n') + '\n';
}

export async function run(argv: string[]): Promise<number> {
  const args = parseCommandArgs('plan', argv, { json: { type: 'boolean' }, quick: { type: 'boolean' }, ...HELP_OPTION }, help);
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  if (positionals.length !== 1) return usageError('plan', 'expected exactly one file', help);
  const file = positionals[0]!;
  const r = compileFile(file, { quick: values.quick === true });
  if (r.diagnostics.length > 0) process.stderr.write(renderDiagnostics(r.diagnostics, r.sources) + '\n');
  if (!r.ir) return 1;
  const plan = planSummary(r.ir);
  process.stdout.write(values.json ? JSON.stringify(plan, null, 2) + '\n' : formatPlan(plan));
  const tooMany = cellCountProblem(plan, DEFAULT_MAX_CELLS);
  if (tooMany) process.stderr.write(`plas plan: note: ${tooMany}; plas run refuses it without that flag\n`);
  const large = largeSweepNote(plan);
  if (large) process.stderr.write(`plas plan: note: ${large}; plas run asks for --yes to run it\n`);
  return 0;
}
