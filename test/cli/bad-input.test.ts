import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectOneLineFailure, podsim, workspace } from './cli-harness.js';

describe('bad input gives exit 2 and one line naming what is wrong', () => {
  const dir = workspace({
    'scenario.yaml': `seed: 1
hosts:
  - name: node
    count: 2
    capacity: { cpu: 2, memory: 4Gi }
workloads:
  - name: web
    count: 5
    arrival: { process: interval, every: 1 }
    duration: { distribution: constant, value: 2 }
    request: { cpu: 1, memory: 1Gi }
`,
    'bad.yaml': `hosts:
  - name: node
    capacity: { cpu: "-1", memory: 4Gi }
workloads:
  - name: web
    count: 5
    arrival: { process: interval, every: 1 }
    request: { cpu: 1, memory: 400m }
`,
  });
  mkdirSync(join(dir, 'empty'));

  it('a missing file names the file', async () => {
    const line = expectOneLineFailure(await podsim(['run', 'nope.yaml'], dir));
    expect(line).toMatch(/^podsim run: nope\.yaml: /);
    expect(line).toMatch(/no such file/);
  });

  it('a folder with no scenario in it names the folder', async () => {
    const line = expectOneLineFailure(await podsim(['run', 'empty'], dir));
    expect(line).toMatch(/^podsim run: empty: /);
  });

  it('an unknown flag names the flag', async () => {
    const line = expectOneLineFailure(await podsim(['run', 'scenario.yaml', '--bogus'], dir));
    expect(line).toContain("unknown option '--bogus'");
  });

  it('an unknown command names the command', async () => {
    const line = expectOneLineFailure(await podsim(['simulate', 'scenario.yaml'], dir));
    expect(line).toContain("unknown command 'simulate'");
  });

  it('--at after the end of the run names the flag and the simulated range', async () => {
    const line = expectOneLineFailure(await podsim(['stats', 'scenario.yaml', '--at', '1h'], dir));
    expect(line).toMatch(/^podsim stats: --at 3,600: outside the simulated time 0 … 6 s/);
  });

  it('--at that is not a time names the flag', async () => {
    const line = expectOneLineFailure(await podsim(['stats', 'scenario.yaml', '--at', 'soon'], dir));
    expect(line).toContain("'--at <time>'");
  });

  it('--container naming no container lists the workloads', async () => {
    const line = expectOneLineFailure(await podsim(['explain', 'scenario.yaml', '--container', 'db-0'], dir));
    expect(line).toMatch(/--container "db-0": no such container.*workloads are web/);
  });

  it('--container naming a container that never ran gives the range that did', async () => {
    const line = expectOneLineFailure(await podsim(['explain', 'scenario.yaml', '--container', 'web-5'], dir));
    expect(line).toContain('web containers run from web-0 to web-4');
  });

  it('--policy naming no policy names the flag, not a path in the file', async () => {
    const line = expectOneLineFailure(await podsim(['run', 'scenario.yaml', '--policy', 'fastest'], dir));
    expect(line).toMatch(/^podsim run: --policy "fastest": .*first-fit/);
  });

  it('an invalid scenario gives its first problem with file, line and path, and counts the rest', async () => {
    const line = expectOneLineFailure(await podsim(['run', 'bad.yaml'], dir));
    expect(line).toMatch(/^podsim run: bad\.yaml:3: hosts\[0\]\.capacity\.cpu: .*\(and 1 more problem: podsim validate lists them all\)$/);
  });

  it('a missing required option names it', async () => {
    const line = expectOneLineFailure(await podsim(['stats', 'scenario.yaml'], dir));
    expect(line).toContain("'--at <time>' not specified");
  });

  it('no arguments prints the help on stderr and exits 2', async () => {
    const r = await podsim([], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: podsim');
  });

  it('an internal error exits 1 with a one-line message, and the stack only with PODSIM_DEBUG', async () => {
    const boom = { write: () => { throw new Error('disk on fire'); } };
    let err = '';
    const stderr = { write: (s: string) => { err += s; return true; } };
    const { main } = await import('../../src/cli/main.js');
    expect(await main(['validate', 'scenario.yaml'], { stdout: boom, stderr, cwd: dir, env: {} })).toBe(1);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/^podsim validate: internal error: disk on fire/);
    err = '';
    expect(await main(['validate', 'scenario.yaml'], { stdout: boom, stderr, cwd: dir, env: { PODSIM_DEBUG: '1' } })).toBe(1);
    expect(err).toMatch(/\n\s+at /);
  });
});
