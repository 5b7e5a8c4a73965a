import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readNotebook, runNotebook } from '../helpers/notebook.js';

describe('examples/sweep.ipynb', () => {
  const nb = readNotebook('sweep.ipynb');
  const dir = mkdtempSync(join(tmpdir(), 'podsim-sweep-notebook-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is an nbformat 4 notebook for the tslab TypeScript kernel, saved without outputs', () => {
    expect(nb.nbformat).toBe(4);
    expect(nb.metadata.kernelspec).toMatchObject({ name: 'tslab', language: 'typescript' });
    const code = nb.cells.filter((c) => c.cell_type === 'code');
    expect(code.length).toBeGreaterThanOrEqual(5);
    for (const c of code) expect(c.outputs).toEqual([]);
  });

  it('runs a sweep cell after cell (as tslab would), prints the points, plots them with their bands, and finds the fewest hosts', () => {
    // As in test/package/notebook.test.ts: the cells run as one program through tsx, `podsim` mapped
    // to this repository's source and `tslab.display` to a stub that records what would be shown.
    const r = runNotebook(nb, dir, "export const display = { html(s: string) { console.log('DISPLAY ' + (/^<svg[^>]* width=\"[1-9]/.test(s) ? 'svg' : 'other') + (s.includes('<path') ? ' with paths' : '')); } };\n");
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    const points = lines.filter((l) => /^ ?\d+ hosts (best-fit |worst-fit) mean wait [\d.]+ ± [\d.]+ s, vs best-fit -?[\d.]+ ± [\d.]+ s$/.test(l));
    expect(points).toHaveLength(8);
    // Against itself, best-fit differs by exactly 0.
    expect(points.filter((l) => l.includes('best-fit  mean')).every((l) => l.endsWith('vs best-fit 0.000 ± 0.000 s'))).toBe(true);
    expect(lines.filter((l) => l === 'DISPLAY svg with paths')).toHaveLength(3);
    expect(lines).toContainEqual(expect.stringMatching(/^hosts\[0\]\.count = \d+ is the smallest value meeting wait\.mean ≤ 0\.2 with 95% confidence; \d+ fails$/));
    expect(lines).toContainEqual(expect.stringMatching(/^wrote sweep\.html \(\d+ KiB\)$/));
    expect(existsSync(join(dir, 'sweep.html'))).toBe(true);
  }, 180_000);
});
