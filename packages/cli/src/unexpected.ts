/**
 * The last line of defence: an error no command handled becomes one or two lines that say what failed and what to
 * do; the stack trace appears only with PLAS_DEBUG set.
 */
// The tfjs-free subpath: a startup error must not wait for (or fail in) loading TensorFlow.js.
import { describeStorageError, isStorageError } from '@plas/engine/storage-error';

export function describeUnexpected(error: unknown, env: NodeJS.ProcessEnv): string {
  const debug = env['PLAS_DEBUG'] !== undefined && env['PLAS_DEBUG'] !== '' && env['PLAS_DEBUG'] !== '0';
  const path = (error as NodeJS.ErrnoException | null)?.path;
  const message = isStorageError(error)
    ? describeStorageError(error, 'read or write a file', path ?? 'an unnamed path')
    : error instanceof Error
      ? error.message
      : String(error);
  const lines = [`plas: ${message}`];
  if (debug && error instanceof Error && error.stack) lines.push(error.stack);
  else if (!isStorageError(error)) lines.push('plas: this is unexpected; PLAS_DEBUG=1 shows where it happened (please include that in a bug report)');
  return lines.join('\n');
}
