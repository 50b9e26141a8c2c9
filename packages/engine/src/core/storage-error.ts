/**
 * File-system errors in plain words. Node's messages ("ENOSPC: no space left on device, open '…/x.json.123.tmp'")
 * name a temporary file and no remedy; a researcher needs what failed, where, and what to do.
 */
const CAUSES: Record<string, { what: string; todo: string }> = {
  ENOSPC: { what: 'the disk is full', todo: 'free some space, or point it at another disk' },
  EDQUOT: { what: 'the disk quota is used up', todo: 'free some space, or point it at another disk' },
  EROFS: { what: 'the file system is read-only', todo: 'choose a writable folder' },
  EACCES: { what: 'permission denied', todo: 'choose a folder you may write to, or fix its permissions' },
  EPERM: { what: 'the operation is not permitted (an immutable or protected file?)', todo: 'choose another folder, or fix its attributes' },
  ENOTDIR: { what: 'a part of the path is a file, not a folder', todo: 'choose a folder path' },
  EISDIR: { what: 'a folder stands where a file should be', todo: 'remove or rename that folder' },
  ENAMETOOLONG: { what: 'the path is too long for the file system', todo: 'use a shorter folder or experiment name' },
  EEXIST: { what: 'a file stands where a folder should be', todo: 'choose another path, or move that file' },
  ENOENT: { what: 'a folder on the path does not exist', todo: 'create it, or choose another path' },
  EMFILE: { what: 'too many files are open', todo: 'run with fewer workers' },
};

/** True when `error` is one of the file-system errors described above. */
export function isStorageError(error: unknown): error is NodeJS.ErrnoException {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && code in CAUSES;
}

/**
 * "cannot write the run store at .plas: the disk is full (ENOSPC); free some space, or point it at another disk".
 * `action` says what was attempted, `path` the place the user chose (not a temporary file inside it).
 */
export function describeStorageError(error: unknown, action: string, path: string): string {
  const code = (error as NodeJS.ErrnoException | null)?.code ?? '';
  const cause = CAUSES[code];
  if (!cause) return `cannot ${action} at ${path}: ${(error as Error)?.message ?? String(error)}`;
  return `cannot ${action} at ${path}: ${cause.what} (${code}); ${cause.todo}`;
}
