// Runs a tslab notebook the way the kernel would: its code cells as one TypeScript program with
// top-level await, through tsx, with `podsim` and `podsim/<area>` mapped to this repository's source and
// `tslab.display` to a stub (given) that records what would be shown.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A notebook as saved by Jupyter (nbformat 4). */
export interface Notebook {
  nbformat: number;
  metadata: { kernelspec: { name: string; language: string } };
  cells: { cell_type: 'code' | 'markdown'; source: string[]; outputs?: unknown[] }[];
}

/** Reads `examples/<name>`. */
export function readNotebook(name: string): Notebook {
  return JSON.parse(readFileSync(join(repoRoot, 'examples', name), 'utf8')) as Notebook;
}

/** Runs the notebook's code cells in `dir` with `display` as the body of `tslab.ts`. */
export function runNotebook(nb: Notebook, dir: string, display: string): SpawnSyncReturns<string> {
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(dir, 'tslab.ts'), display);
  const program = nb.cells.filter((c) => c.cell_type === 'code').map((c) => c.source.join('')).join('\n;\n')
    .replace(/from 'podsim(?:\/([a-z]+))?'/g, (_, sub: string | undefined) => `from ${JSON.stringify(join(repoRoot, 'src', sub ?? '', 'index.ts'))}`)
    .replace(/from 'tslab'/g, "from './tslab.ts'");
  writeFileSync(join(dir, 'notebook.ts'), program);
  return spawnSync(join(repoRoot, 'node_modules/.bin/tsx'), ['notebook.ts'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
}
