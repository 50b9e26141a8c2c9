/**
 * Validation: a list of small named checks, each returning diagnostics and never throwing. Structure checks look at
 * the AST (before lowering); reference checks look at the lowered IR. To add a check, add a function to one of the
 * two registries.
 */
import type { ExperimentAst } from '../ast.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { Lowered } from '../lower/experiment.ts';
import { irChecks } from './references.ts';
import { astChecks } from './structure.ts';

export { astChecks, irChecks };

export function runAstChecks(exp: ExperimentAst): Diagnostic[] {
  return Object.values(astChecks).flatMap((check) => check(exp));
}

export function runIrChecks(l: Lowered): Diagnostic[] {
  return Object.values(irChecks).flatMap((check) => check(l));
}
