import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Notebook {
  nbformat: number;
  metadata: { kernelspec: { name: string; language: string } };
  cells: { cell_type: 'code' | 'markdown'; source: string[]; outputs?: unknown[] }[];
}

describe('examples/notebook.ipynb', () => {
  const nb = JSON.parse(readFileSync(join(root, 'examples/notebook.ipynb'), 'utf8')) as Notebook;
  const dir = mkdtempSync(join(tmpdir(), 'podsim-notebook-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is an nbformat 4 notebook for the tslab TypeScript kernel, saved without outputs', () => {
    expect(nb.nbformat).toBe(4);
    expect(nb.metadata.kernelspec).toMatchObject({ name: 'tslab', language: 'typescript' });
    const code = nb.cells.filter((c) => c.cell_type === 'code');
    expect(code.length).toBeGreaterThanOrEqual(5);
    for (const c of code) expect(c.outputs).toEqual([]);
  });

  it('runs cell after cell (as tslab would) against podsim\'s source, showing SVG charts and writing the report', () => {
    // tslab runs cells as one TypeScript program with top-level await; so does tsx. `podsim` and
    // `podsim/<area>` map to this repository's source and `tslab.display` to a stub that records what
    // would be shown.
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(dir, 'tslab.ts'), "export const display = { html(s: string) { console.log('DISPLAY ' + (/^<svg[^>]* width=\"[1-9]/.test(s) ? 'svg' : 'other')); } };\n");
    const program = nb.cells.filter((c) => c.cell_type === 'code').map((c) => c.source.join('')).join('\n;\n')
      .replace(/from 'podsim(?:\/([a-z]+))?'/g, (_, sub: string | undefined) => `from ${JSON.stringify(join(root, 'src', sub ?? '', 'index.ts'))}`)
      .replace(/from 'tslab'/g, "from './tslab.ts'");
    writeFileSync(join(dir, 'notebook.ts'), program);
    const r = spawnSync(join(root, 'node_modules/.bin/tsx'), ['notebook.ts'], { cwd: dir, encoding: 'utf8', timeout: 90_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^p99 wait [\d.]+ s, cpu [\d.]+%, peak hosts 10$/);
    expect(lines.filter((l) => /^(first-fit|best-fit|worst-fit|random|round-robin) +mean wait/.test(l))).toHaveLength(5);
    expect(lines.filter((l) => l === 'DISPLAY svg')).toHaveLength(4);
    expect(lines).toContainEqual(expect.stringMatching(/^wrote report\.html \(\d+ KiB\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^20 containers were waiting at t = [\d.]+ s; hosts in use: \d+$/));
    expect(existsSync(join(dir, 'report.html'))).toBe(true);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('<h1>notebook run</h1>');
  }, 120_000);
});
