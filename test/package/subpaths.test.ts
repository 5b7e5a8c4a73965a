// Every entry point of the built package (the root and each subpath of the exports map), imported
// four ways: ESM and CommonJS in plain Node, CommonJS TypeScript under ts-node and ESM TypeScript
// under tsx. scripts/check-package.sh runs the same script against the packed tarball.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../helpers/built-package.js';

describe('every entry point of the built package, imported four ways', () => {
  const dir = mkdtempSync(join(tmpdir(), 'podsim-imports-'));
  beforeAll(() => { ensureBuilt(); }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads under ESM, CommonJS, ts-node and tsx with the same results, types included', () => {
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(ROOT, join(dir, 'node_modules/podsim'), 'dir');
    const r = spawnSync('bash', [join(ROOT, 'test/package/imports/run-all.sh'), dir, ROOT], { encoding: 'utf8', timeout: 240_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.slice(0, l.indexOf(':')))).toEqual(['esm', 'cjs', 'ts-node', 'tsx']);
    const exportsMap = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, unknown> }).exports;
    const entryPoints = Object.keys(exportsMap).filter((k) => k === '.' || /^\.\/[a-z]+$/.test(k)).length;
    for (const l of lines) expect(l).toMatch(new RegExp(`^[a-z-]+: ok ${entryPoints} entry points \\["best-fit",200,`));
  }, 300_000);
});
