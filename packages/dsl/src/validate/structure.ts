/** Structure checks on the AST, before lowering: statements that must appear (once), unique names. */
import type { ExperimentAst, StatementKind } from '../ast.ts';
import { diagnosticAt, type Diagnostic } from '../diagnostics.ts';

export type AstCheck = (exp: ExperimentAst) => Diagnostic[];

const singleStatements: StatementKind[] = ['data', 'model', 'optimizer', 'loss', 'batch', 'seeds', 'stream', 'compare', 'sweep', 'quick'];
const requiredStatements: StatementKind[] = ['data', 'model', 'optimizer', 'stream'];

const statementsAppearOnce: AstCheck = (exp) =>
  singleStatements.flatMap((kind) =>
    exp.statements
      .filter((s) => s.kind === kind)
      .slice(1)
      .map((s) => diagnosticAt({ ...s.span, endLine: s.span.line, endColumn: s.span.column + kind.length - 1 }, 'duplicate-statement', `\`${kind}\` is given more than once`)),
  );

const requiredStatementsPresent: AstCheck = (exp) =>
  requiredStatements
    .filter((kind) => !exp.statements.some((s) => s.kind === kind))
    .map((kind) => diagnosticAt(exp.name.span, 'missing-statement', `experiment \`${exp.name.name}\` has no \`${kind}\` statement`));

const streamNamesUnique: AstCheck = (exp) => {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const s of exp.statements) {
    if (s.kind !== 'stream') continue;
    if (s.items.length === 0) out.push(diagnosticAt(s.span, 'missing-statement', 'the stream is empty: add `phase NAME: train on ... for ...` or `repeat N tasks: ...`'));
    for (const item of s.items) {
      const name = item.kind === 'phase' ? item.name : item.name ?? { name: 'task', span: item.span };
      if (seen.has(name.name)) out.push(diagnosticAt(name.span, 'duplicate-name', `the stream already has a phase or repeat named \`${name.name}\``));
      seen.add(name.name);
    }
  }
  return out;
};

const armNamesUnique: AstCheck = (exp) => {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const s of exp.statements) {
    if (s.kind !== 'arm') continue;
    if (seen.has(s.name.name)) out.push(diagnosticAt(s.name.span, 'duplicate-name', `arm \`${s.name.name}\` is declared twice`));
    seen.add(s.name.name);
  }
  return out;
};

export const astChecks: Record<string, AstCheck> = {
  statementsAppearOnce,
  requiredStatementsPresent,
  streamNamesUnique,
  armNamesUnique,
};

