import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulate } from '../../src/simulation/simulate.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { ensureBuilt } from '../helpers/built-package.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

const scenario: Scenario = {
  seed: 11,
  hosts: [{ name: 'node', count: 3, capacity: { cpu: 2, memory: '8Gi' } }],
  workloads: [{ name: 'web', count: 500, arrival: { process: 'poisson', rate: 3 }, duration: { distribution: 'exponential', mean: 1.5 }, request: { cpu: '500m', memory: '1Gi' } }],
};

describe('a ts-node REPL session (the way notebooks use podsim)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'podsim-repl-'));
  beforeAll(() => { ensureBuilt(); }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports the built package (built first when dist/ is missing or stale), runs a scenario and prints what simulate() gives', () => {
    // A fresh CommonJS TypeScript project whose node_modules/podsim is this repository.
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(root, join(dir, 'node_modules/podsim'), 'dir');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'repl-check', private: true, type: 'commonjs' }));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { module: 'commonjs', moduleResolution: 'node10', target: 'ES2022', strict: true, esModuleInterop: true, typeRoots: [join(root, 'node_modules/@types')], types: ['node'] },
    }));
    const session = [
      "import { simulate, type Scenario } from 'podsim';",
      `const scenario: Scenario = ${JSON.stringify(scenario)};`,
      'const r = simulate(scenario);',
      "console.log('RESULT ' + JSON.stringify([r.containers.completed, r.wait.p99, r.utilization.cpu]));",
      "r.hosts.count + 1",
      '.exit',
      '',
    ].join('\n');
    const out = spawnSync(join(root, 'node_modules/.bin/ts-node'), ['--interactive'], { cwd: dir, input: session, encoding: 'utf8', timeout: 90_000, env: { ...process.env, TS_NODE_PROJECT: join(dir, 'tsconfig.json') } });
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    const r = simulate(scenario);
    expect(out.stdout).toContain(`RESULT ${JSON.stringify([r.containers.completed, r.wait.p99, r.utilization.cpu])}`);
    // The REPL echoes the value of the expression line.
    expect(out.stdout).toMatch(/(^|> )4\n/m);
  }, 120_000);
});
