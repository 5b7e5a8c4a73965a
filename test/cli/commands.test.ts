import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../../src/cli/version.js';
import { podsim, SMALL_SCENARIO, workspace } from './cli-harness.js';

const dir = workspace({
  'io.yaml': `hosts: [{ name: h, capacity: { cpu: 2, memory: 4Gi, network: 1G } }]
registries: [{ name: hub, bandwidth: 1G }]
images: [{ name: app, layers: [{ digest: base, size: 100M }] }]
workloads:
  - { name: x, image: app, count: 2, arrival: { process: explicit, times: [0, 0] }, work: { cpu: { distribution: constant, value: 1 }, data: { distribution: constant, value: 250000000 } }, request: { cpu: 1 } }
`,
  // The harness's small scenario, its batch workload with a memory limit.
  'scenario.yaml': `${SMALL_SCENARIO}    limit: { memory: 2Gi }\n`,
  'broken.yaml': `hosts:
  - name: node
    capacity: { cpu: "-1", memory: 4Gi }
workloads:
  - name: web
    count: 5
    arrival: { process: interval, every: 1 }
    request: { cpu: 1, memory: 400m }
`,
});

describe('podsim validate', () => {
  it('lists every problem as file:line: path: message and exits 2', async () => {
    const r = await podsim(['validate', 'broken.yaml'], dir);
    expect(r.code).toBe(2);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^broken\.yaml:3: hosts\[0\]\.capacity\.cpu: .*negative/),
      expect.stringMatching(/^broken\.yaml:8: workloads\[0\]\.request\.memory: .*400m/),
    ]);
    expect(r.stderr).toContain('2 problems found');
  });

  it('says ok and exits 0 for valid files', async () => {
    const r = await podsim(['validate', 'scenario.yaml'], dir);
    expect(r).toMatchObject({ code: 0, stdout: 'ok: scenario.yaml\n' });
  });
});

/** Parses a table printed by `podsim stats` into rows of cells split on runs of 3+ spaces. */
function table(text: string, firstHeader: string): string[][] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(firstHeader));
  const out: string[][] = [];
  for (let i = start + 1; i < lines.length && (lines[i] as string).trim() !== ''; i++) out.push((lines[i] as string).trim().split(/ {3,}/));
  return out;
}

describe('podsim stats', () => {
  it('shows bytes sent and image bytes written at the moment asked, with the performance model', async () => {
    // Pull 800 Mbit at 1 Gbit/s: 0.8 s; compute 1 s; then two 2 Gbit transfers share 1 Gbit/s.
    // At t = 3 each has sent 1.2 s × 0.5 Gbit/s = 75 MB = 71.53 MiB; the first container pulled the image.
    const r = await podsim(['stats', 'io.yaml', '--at', '3'], dir);
    expect(r.code).toBe(0);
    const rows = table(r.stdout, 'NAME');
    expect(rows.map((x) => [x[5], x[6]])).toEqual([['0B / 71.53MiB', '0B / 95.37MiB'], ['0B / 71.53MiB', '0B / 0B']]);
  });

  it('prints docker-stats columns for containers and hosts', async () => {
    const r = await podsim(['stats', 'scenario.yaml', '--at', '6'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^at t = 6 s: \d+ containers running on \d of 3 hosts, \d+ pending \(no usage model: usage shown is the request; declare usage: \{ cpu, memory \} for real figures\)\n/);
    expect(r.stdout).toContain('NAME   ');
    for (const col of ['CPU %', 'MEM USAGE / LIMIT', 'MEM %', 'NET I/O', 'BLOCK I/O']) expect(r.stdout.split('\n').filter((l) => l.includes(col))).toHaveLength(2);
    const containers = table(r.stdout, 'NAME');
    expect(containers.length).toBeGreaterThan(0);
    for (const c of containers) {
      expect(c[5]).toBe('0B / 0B');
      if ((c[0] as string).startsWith('batch')) expect(c.slice(2, 5)).toEqual(['100.00%', '1GiB / 2GiB', '50.00%']);
      else expect(c.slice(2, 5)).toEqual(['50.00%', '512MiB / 4GiB', '12.50%']);
    }
  });

  it('agrees with itself at any time: host rows add up their containers', async () => {
    await fc.assert(fc.asyncProperty(fc.double({ min: 0, max: 28, noNaN: true }), async (t) => {
      const r = await podsim(['stats', 'scenario.yaml', '--at', String(t)], dir);
      expect(r.code).toBe(0);
      const containers = table(r.stdout, 'NAME');
      const hosts = table(r.stdout, 'HOST   ');
      expect(hosts).toHaveLength(3);
      const running = Number(/(\d+) containers running/.exec(r.stdout)?.[1]);
      expect(containers).toHaveLength(running);
      for (const h of hosts) {
        const mine = containers.filter((c) => c[1] === h[0]);
        expect(Number(h[1])).toBe(mine.length);
        const cores = mine.reduce((a, c) => a + Number.parseFloat(c[2] as string) / 100, 0);
        expect(Number.parseFloat(h[2] as string)).toBeCloseTo((100 * cores) / 2, 1);
      }
    }), { numRuns: 12 });
  });

  it('--host shows one host and its containers only', async () => {
    const r = await podsim(['stats', 'scenario.yaml', '--at', '6', '--host', 'node-1'], dir);
    expect(table(r.stdout, 'HOST   ').map((h) => h[0])).toEqual(['node-1']);
    for (const c of table(r.stdout, 'NAME')) expect(c[1]).toBe('node-1');
  });
});

describe('podsim explain', () => {
  it('shows the chosen host, and every host the resource filter rejected with its reason', async () => {
    const r = await podsim(['explain', 'scenario.yaml', '--container', 'web-12'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^web-12 \(workload web\) was placed on node-\d at t = [\d.]+ s by first-fit\n/);
    const rows = table(r.stdout, 'HOST');
    expect(rows).toHaveLength(3);
    expect(rows.filter((x) => x[1] === 'chosen')).toHaveLength(1);
    for (const x of rows) if (x[1] === 'filtered') expect(x.at(-1)).toMatch(/^Insufficient (cpu|memory) \(needs/);
  });

  it('agrees with first-fit for every container: the chosen host is the first that fits', async () => {
    for (const name of ['web-0', 'web-7', 'web-19', 'web-29', 'batch-0', 'batch-9']) {
      const r = await podsim(['explain', 'scenario.yaml', '-c', name, '--json'], dir);
      expect(r.code).toBe(0);
      const e = JSON.parse(r.stdout) as { hosts: { chosen: boolean; feasible: boolean; free: Record<string, number> }[]; request: Record<string, number> };
      const firstFeasible = e.hosts.findIndex((h) => h.feasible);
      expect(e.hosts.findIndex((h) => h.chosen)).toBe(firstFeasible);
      for (const h of e.hosts) {
        const fits = Object.entries(e.request).every(([k, v]) => (h.free[k] ?? 0) >= v);
        expect(h.feasible).toBe(fits);
      }
    }
  });

  it('shows best-fit scores, lowest chosen', async () => {
    const r = await podsim(['explain', 'scenario.yaml', '-c', 'web-20', '--policy', 'best-fit', '--json'], dir);
    const e = JSON.parse(r.stdout) as { hosts: { chosen: boolean; feasible: boolean; scores: { remaining?: number } }[] };
    const scores = e.hosts.filter((h) => h.feasible).map((h) => h.scores.remaining as number);
    expect(e.hosts.find((h) => h.chosen)?.scores.remaining).toBe(Math.min(...scores));
  });
});

describe('podsim pack', () => {
  it('packs every container and reports the bound', async () => {
    const r = await podsim(['pack', 'scenario.yaml', '--json', '--max-iterations', '200', '--time-limit', '10000'], dir);
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout) as { hostCount: number; lowerBound: { hosts: number }; hosts: { replicas: unknown[]; used: Record<string, number> }[] };
    expect(p.hosts.reduce((a, h) => a + h.replicas.length, 0)).toBe(40);
    expect(p.hostCount).toBeGreaterThanOrEqual(p.lowerBound.hosts);
    for (const h of p.hosts) expect(h.used.cpu).toBeLessThanOrEqual(2000);
    // 30 × 0.5 + 10 × 1 = 25 cores on 2-core hosts: at least 13 hosts.
    expect(p.lowerBound.hosts).toBe(13);
  });

  it('prints a summary and, with --list, identical hosts on one line', async () => {
    const r = await podsim(['pack', 'scenario.yaml', '--list', '--max-iterations', '200', '--time-limit', '10000'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/hosts needed +1[3-9] \(lower bound 13/);
    expect(r.stdout).toMatch(/^HOSTS +TYPE +CPU +MEMORY +CONTAINERS$/m);
  });

  it('--fleet caps each host group at its count, so 3 hosts cannot hold 25 cores: exit 2', async () => {
    const r = await podsim(['pack', 'scenario.yaml', '--fleet'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('help and version', () => {
  for (const cmd of ['run', 'validate', 'explain', 'pack', 'stats']) {
    it(`podsim ${cmd} --help shows usage and examples and exits 0`, async () => {
      const r = await podsim([cmd, '--help'], dir);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: podsim ${cmd} [options] <files...>`);
      expect(r.stdout).toMatch(new RegExp(`Examples:\\n  \\$ podsim ${cmd} `));
    });
  }

  it('podsim --help lists every command, examples and exit codes', async () => {
    const r = await podsim(['--help'], dir);
    expect(r.code).toBe(0);
    for (const cmd of ['run', 'validate', 'explain', 'pack', 'stats']) expect(r.stdout).toMatch(new RegExp(`^  ${cmd} `, 'm'));
    expect(r.stdout).toContain('Exit codes: 0 success, 2 bad input');
  });

  it('podsim --version prints package.json\'s version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
    expect(await podsim(['--version'], dir)).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });
});
