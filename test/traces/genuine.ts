import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

// Genuine trace rows live beside the repository, in ../shared/data/traces (see its README); a
// worktree one level deeper finds them at ../../shared. They are read by path, never copied.
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const candidates = [join(repoRoot, '..', 'shared', 'data', 'traces'), join(repoRoot, '..', '..', 'shared', 'data', 'traces')];

/** The folder of genuine trace rows, or undefined when it is absent. */
export const genuineDir: string | undefined = candidates.find((d) => existsSync(join(d, 'README.md')));

/** The path of a genuine file (relative to the traces folder). */
export function genuine(file: string): string {
  return join(genuineDir ?? (candidates[0] as string), file);
}

/** A test on genuine rows; when the files are absent it is a visible SKIPPED test that passes. */
export function onGenuine(files: readonly string[], name: string, body: () => Promise<void> | void): void {
  const missing = files.filter((f) => !existsSync(genuine(f)));
  if (missing.length === 0) it(name, body);
  else it(`SKIPPED (genuine trace rows absent: ${missing.map(genuine).join(', ')}; see ../shared/data/traces): ${name}`, () => expect(missing.every((f) => !existsSync(genuine(f)))).toBe(true));
}
