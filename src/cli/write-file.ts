import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './usage-error.js';

/**
 * Writes a file for the user, creating its folder; a file-system refusal (no permission, a file
 * where a folder should be) becomes a one-line {@link UsageError} naming the path.
 *
 * @returns the absolute path written.
 * @example
 * ```ts
 * writeUserFile(ctx.cwd, 'out/result.json', json);
 * ```
 */
export function writeUserFile(cwd: string, path: string, text: string): string {
  const abs = resolve(cwd, path);
  try {
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (typeof err.code === 'string') throw new UsageError(`cannot write ${path}: ${err.code === 'EACCES' ? 'permission denied' : err.code === 'ENOTDIR' || err.code === 'EEXIST' ? 'a file is in the way of a folder' : err.code === 'EISDIR' ? 'it is a folder' : err.message}`);
    throw e;
  }
  return abs;
}
