import { diagnosticAtSpan, PlasError } from '@plas/dsl/contract';

/** A model spec that cannot be built for the data (e.g. a conv kernel larger than the image). */
export class ModelConfigError extends PlasError {
  override name = 'ModelConfigError';

  constructor(message: string) {
    super(diagnosticAtSpan(null, 'run-setup', message));
  }
}
