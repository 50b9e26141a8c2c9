/**
 * A diagnostic that cannot be computed on this model or data (a layer index the model lacks, accuracy on a
 * regression): a PlasError like every setup error. Parameters themselves are resolved against the catalog before
 * any diagnostic runs (registry.ts), so no diagnostic reads, defaults or range-checks its own parameters.
 */
import { diagnosticAtSpan, PlasError } from '@plas/dsl/contract';

export class DiagnosticError extends PlasError {
  override name = 'DiagnosticError';

  constructor(message: string) {
    super(diagnosticAtSpan(null, 'run-setup', message));
  }
}
