import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SMALL_SCENARIO, workspace } from './cli-harness.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = join(root, 'node_modules/.bin/tsx');
const bin = join(root, 'src/cli/bin.ts');

function podsimProcess(args: string[], cwd: string) {
  const r = spawnSync(tsx, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the podsim executable (src/cli/bin.ts through tsx, as a child process)', () => {
  const dir = workspace({ 'scenario.yaml': SMALL_SCENARIO });

  it('starts with a node shebang', () => {
    expect(readFileSync(bin, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('runs a scenario, exits 0 and writes the outputs', () => {
    const r = podsimProcess(['run', 'scenario.yaml', '--out', 'out'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('40 submitted');
    expect(readFileSync(join(dir, 'out/timeseries.csv'), 'utf8')).toMatch(/^time,/);
  });

  it('sets exit code 2 with one line and no stack trace for a missing file', () => {
    const run = podsimProcess(['run', 'missing.yaml'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('podsim run: missing.yaml: no such file or folder\n');
  });

  it('sets exit code 2 for an unknown flag', () => {
    const r = podsimProcess(['run', 'scenario.yaml', '--frobnicate'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('stops quietly when its output pipe closes early (podsim … | head)', () => {
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${tsx}" "${bin}" run scenario.yaml --json --interval 0.002 | head -n 1`], { cwd: dir, encoding: 'utf8' });
    expect(r.stdout).toBe('{\n');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
