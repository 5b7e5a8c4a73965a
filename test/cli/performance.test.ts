import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/inputs/load-scenario.js';
import { simulate } from '../../src/simulation/simulate.js';
import { podsim, workspace } from './cli-harness.js';

// Work-based containers (the performance model): 4 CPU-seconds each at up to 1 core, 256Mi in use,
// 1 s to start; two of them share a 1-core host.
const PERF = `seed: 4
hosts:
  - name: node
    count: 2
    capacity: { cpu: 1, memory: 4Gi }
workloads:
  - name: api
    count: 12
    arrival: { process: interval, every: 1.5 }
    work: { cpu: { distribution: constant, value: 4 } }
    startup: { distribution: constant, value: 1 }
    memory: { usage: 256Mi }
    request: { cpu: 500m, memory: 512Mi }
    limit: { cpu: 1, memory: 1Gi }
`;

describe('the CLI with the performance model', () => {
  const dir = workspace({ 'perf.yaml': PERF });

  it('stats shows live usage: CPU shared by CFS, memory in use, not the request', async () => {
    const r = await podsim(['stats', 'perf.yaml', '--at', '6'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('no performance model');
    const rows = r.stdout.split('\n').filter((l) => /^api-\d+ /.test(l)).map((l) => l.trim().split(/ {3,}/));
    expect(rows.length).toBeGreaterThan(0);
    for (const c of rows) {
      expect(Number.parseFloat(c[2] as string)).toBeLessThanOrEqual(100); // at most the 1-core limit
      expect(c[3]).toBe('256MiB / 1GiB');
    }
    // Two running containers on one 1-core host share it: their CPU % adds up to at most 100%.
    const byHost = new Map<string, number>();
    for (const c of rows) byHost.set(c[1] as string, (byHost.get(c[1] as string) ?? 0) + Number.parseFloat(c[2] as string));
    for (const total of byHost.values()) expect(total).toBeLessThanOrEqual(100.01);
  });

  it('run --out writes per-container records with P_a, P_d and P_s, and result.json as simulate() gives it', async () => {
    const r = await podsim(['run', 'perf.yaml', '--out', 'out', '--interval', '1'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/time per container +P_a [\d.]+ s \+ P_d 0 s \+ P_s [\d.]+ s \(means\)/);
    const csv = readFileSync(join(dir, 'out/containers.csv'), 'utf8').trimEnd().split('\n');
    const header = (csv[0] as string).split(',');
    for (const col of ['id', 'workload', 'host', 'state', 'submitted', 'placed', 'started', 'finished', 'wait', 'pa', 'pd', 'ps']) expect(header).toContain(col);
    const written = JSON.parse(readFileSync(join(dir, 'out/result.json'), 'utf8'));
    expect(csv).toHaveLength(written.containers.completed + 1);
    for (const line of csv.slice(1)) {
      const f = Object.fromEntries(line.split(',').map((v, i) => [header[i], v]));
      expect(Number(f.ps)).toBeGreaterThanOrEqual(1);
      expect(Number(f.pa)).toBeGreaterThanOrEqual(4 - 1e-9); // 4 CPU-seconds at ≤ 1 core
      expect(Number(f.finished)).toBeCloseTo(Number(f.placed) + Number(f.pa) + Number(f.pd) + Number(f.ps), 6);
    }
    expect(written.performance.records).toBeUndefined();
    const { scenario } = loadScenario(join(dir, 'perf.yaml'));
    expect(written).toEqual(JSON.parse(JSON.stringify(simulate({ ...scenario, timeseries: { interval: 1 } }))));
  });

  it('the report draws the P_a / P_d / P_s breakdown from the run', async () => {
    const r = await podsim(['run', 'perf.yaml', '--report', 'perf.html'], dir);
    expect(r.code).toBe(0);
    const html = readFileSync(join(dir, 'perf.html'), 'utf8');
    expect(html).toMatch(/id="chart-breakdown"[^>]*>\s*<svg/);
    expect(html).toContain('<th>time per container</th>');
  });
});
