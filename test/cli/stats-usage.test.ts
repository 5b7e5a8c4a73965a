// `podsim stats` never prints a made-up zero (issue 11): "--" where nothing gives usage, the declared
// figures where workloads declare usage: { cpu, memory } or a service's load.
import { describe, expect, it } from 'vitest';
import { podsim, workspace } from './cli-harness.js';

const dir = workspace({
  // A readiness probe switches the performance model on; nothing says what the containers use.
  'unknown.yaml': `until: 600
hosts: [{ name: node, capacity: { cpu: 2, memory: 4Gi } }]
workloads:
  - { name: web, count: 2, arrival: { process: explicit, times: [0, 0] }, readiness: { periodSeconds: 5 }, request: { cpu: 500m, memory: 512Mi } }
`,
  // The same, declaring what each uses; and a service whose load sets its CPU.
  'declared.yaml': `until: 600
hosts: [{ name: node, capacity: { cpu: 2, memory: 4Gi }, price: 0.2, power: { idle: 100, max: 200 } }]
workloads:
  - { name: web, count: 2, arrival: { process: explicit, times: [0, 0] }, readiness: { periodSeconds: 5 }, request: { cpu: 500m, memory: 512Mi }, limit: { memory: 1Gi }, usage: { cpu: 0.6, memory: 256Mi } }
  - { name: api, replicas: 2, request: { cpu: 250m }, load: { rate: 10 }, cpuPerRequest: 0.02 }
`,
});

/** Rows of a table printed by `podsim stats`, cells split on runs of 3+ spaces. */
function table(text: string, firstHeader: string): string[][] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(firstHeader));
  const out: string[][] = [];
  for (let i = start + 1; i < lines.length && (lines[i] as string).trim() !== ''; i++) out.push((lines[i] as string).trim().split(/ {3,}/));
  return out;
}

describe('podsim stats with unknown and declared usage', () => {
  it('shows -- for usage nothing gives, never 0.00%', async () => {
    const r = await podsim(['stats', 'unknown.yaml', '--at', '60'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('0.00%');
    expect(table(r.stdout, 'NAME').map((c) => c.slice(0, 5))).toEqual([
      ['web-0', 'node-0', '--', '-- / 4GiB', '--'],
      ['web-1', 'node-0', '--', '-- / 4GiB', '--'],
    ]);
    expect(table(r.stdout, 'HOST   ').map((h) => h.slice(0, 5))).toEqual([['node-0', '2', '--', '-- / 4GiB', '--']]);
  });

  it('shows the declared figures: usage.cpu × request, usage.memory, and a service\'s load over its replicas', async () => {
    const r = await podsim(['stats', 'declared.yaml', '--at', '60'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('no usage model');
    // web: 0.6 × 500m = 30.00% of a core, 256MiB of a 1GiB limit; api: 10 req/s × 0.02 CPU-s over 2 replicas = 100m.
    const rows = new Map(table(r.stdout, 'NAME').map((c) => [c[0], c.slice(1, 5)]));
    expect(Object.fromEntries(rows)).toEqual({
      'web-0': ['node-0', '30.00%', '256MiB / 1GiB', '25.00%'],
      'web-1': ['node-0', '30.00%', '256MiB / 1GiB', '25.00%'],
      'api-0': ['node-0', '10.00%', '-- / 4GiB', '--'],
      'api-1': ['node-0', '10.00%', '-- / 4GiB', '--'],
    });
    // The host adds up CPU (800m of 2 cores = 40.00%); api's memory is not declared, so the host's memory is unknown.
    expect(table(r.stdout, 'HOST   ').map((h) => h.slice(0, 5))).toEqual([['node-0', '4', '40.00%', '-- / 4GiB', '--']]);
  });

  it('run prints the cost and energy lines, with what utilisation came from', async () => {
    const r = await podsim(['run', 'declared.yaml'], dir);
    expect(r.code).toBe(0);
    // 0.2 an hour for 600 s; 100 + 100 × 0.4 = 140 W for 600 s = 0.0233 kWh.
    expect(r.stdout).toMatch(/^ {2}cost +0\.0333 over 600 s \(10 min\)$/m);
    expect(r.stdout).toMatch(/^ {2}energy +0\.0233 kWh {3}\(utilisation from usage\)$/m);
    // The declared CPU shows in the usage line (40 % of the host), not a made-up 0.
    expect(r.stdout).toMatch(/^ {2}usage +cpu 40\.0% {3}memory 12\.5%/m);
  });
});
