import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/inputs/load-scenario.js';
import { defaultInterval, estimateEnd } from '../../src/report/estimate-end.js';
import { simulate } from '../../src/simulation/simulate.js';
import { podsim, workspace } from './cli-harness.js';

describe('podsim run', () => {
  it('prints a summary table of the run', async () => {
    const dir = workspace();
    const r = await podsim(['run', 'scenario.yaml'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^podsim run: scenario\.yaml\n/);
    for (const label of ['policy', 'seed', 'simulated time', 'containers', 'wait', 'utilisation', 'pending queue', 'hosts']) {
      expect(r.stdout).toMatch(new RegExp(`^  ${label} +\\S`, 'm'));
    }
    expect(r.stdout).toContain('40 submitted, 40 placed, 40 completed, 0 rejected');
    expect(r.stdout).toMatch(/policy +first-fit/);
  });

  it('--out writes result.json equal to simulate() with the default interval, and the two CSVs', async () => {
    const dir = workspace();
    const r = await podsim(['run', 'scenario.yaml', '--out', 'out'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('wrote out/result.json, out/containers.csv, out/timeseries.csv');
    const written = JSON.parse(readFileSync(join(dir, 'out/result.json'), 'utf8'));
    const { scenario } = loadScenario(join(dir, 'scenario.yaml'));
    const interval = defaultInterval(estimateEnd(scenario));
    expect(written).toEqual(JSON.parse(JSON.stringify(simulate({ ...scenario, timeseries: { interval } }))));

    const ts = readFileSync(join(dir, 'out/timeseries.csv'), 'utf8').trimEnd().split('\n');
    expect(ts[0]).toBe('time,utilization_cpu,utilization_memory,pending,running,hosts_in_use');
    expect(ts).toHaveLength(written.timeseries.time.length + 1);
    expect(ts[1]?.split(',').map(Number)).toEqual([
      written.timeseries.time[0], written.timeseries.utilization.cpu[0], written.timeseries.utilization.memory[0],
      written.timeseries.pending[0], written.timeseries.running[0], written.timeseries.hostsInUse[0],
    ]);

    const containers = readFileSync(join(dir, 'out/containers.csv'), 'utf8').trimEnd().split('\n');
    const header = (containers[0] as string).split(',');
    // One row per container submitted (issue 11: record: 'containers' works without the performance model).
    expect(header).toEqual(['id', 'name', 'workload', 'host', 'state', 'submitted', 'placed', 'finished', 'wait']);
    expect(containers).toHaveLength(written.containers.submitted + 1);
    const at = (k: string) => header.indexOf(k);
    for (const line of containers.slice(1)) {
      const f = line.split(',');
      if (f[at('state')] === 'completed') expect(Number(f[at('finished')])).toBeGreaterThanOrEqual(Number(f[at('placed')]));
      expect(Number(f[at('wait')])).toBeCloseTo(Number(f[at('placed')]) - Number(f[at('submitted')]), 9);
      expect(f[at('host')]).toMatch(/^node-[0-2]$/);
    }
    expect(new Set(containers.slice(1).map((l) => l.split(',')[1])).size).toBe(written.containers.submitted);
  });

  it('gives byte-identical outputs on a second run', async () => {
    const dir = workspace();
    await podsim(['run', 'scenario.yaml', '--out', 'a', '--report', 'a.html'], dir);
    await podsim(['run', 'scenario.yaml', '--out', 'b', '--report', 'b.html'], dir);
    for (const f of ['result.json', 'containers.csv', 'timeseries.csv']) {
      expect(readFileSync(join(dir, 'b', f), 'utf8')).toBe(readFileSync(join(dir, 'a', f), 'utf8'));
    }
    expect(readFileSync(join(dir, 'b.html'), 'utf8')).toBe(readFileSync(join(dir, 'a.html'), 'utf8'));
  });

  it('--seed, --until and --policy override the scenario', async () => {
    const dir = workspace();
    const r = await podsim(['run', 'scenario.yaml', '--json', '--seed', '9', '--until', '10s', '--policy', 'best-fit'], dir);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.seed).toBe(9);
    expect(result.policy).toBe('best-fit');
    expect(result.simulatedTime).toBe(10);
    const { scenario } = loadScenario(join(dir, 'scenario.yaml'));
    const expected = simulate({ ...scenario, seed: 9, until: 10, scheduler: { policy: 'best-fit' }, timeseries: { interval: result.timeseries.time[1] } });
    expect(result).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it('--interval sets the spacing of the time series', async () => {
    const dir = workspace();
    const r = await podsim(['run', 'scenario.yaml', '--json', '--interval', '0.5'], dir);
    const t: number[] = JSON.parse(r.stdout).timeseries.time;
    expect(t.length).toBeGreaterThan(10);
    for (let i = 1; i < t.length - 1; i++) expect((t[i] as number) - (t[i - 1] as number)).toBeCloseTo(0.5, 9);
  });

  it('--json keeps stdout pure JSON and reports written files on stderr', async () => {
    const dir = workspace();
    const r = await podsim(['run', 'scenario.yaml', '--json', '--out', 'o'], dir);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    expect(r.stderr).toContain('wrote o/result.json');
  });

  it('--report writes a self-contained HTML file with the charts', async () => {
    const dir = workspace();
    const r = await podsim(['run', 'scenario.yaml', '--report', 'reports/run.html'], dir);
    expect(r.code).toBe(0);
    const html = readFileSync(join(dir, 'reports/run.html'), 'utf8');
    for (const id of ['utilization', 'queue', 'wait-cdf', 'heatmap-cpu', 'heatmap-memory']) expect(html).toMatch(new RegExp(`id="chart-${id}"[^>]*>\\s*<svg`));
    expect(html).not.toMatch(/<script|<link|src=|url\((?!#)/i);
  });

  it('reads a folder of files', async () => {
    const dir = workspace({ 'cluster/scenario.yaml': readFileSync(join(workspace(), 'scenario.yaml'), 'utf8') });
    const r = await podsim(['run', 'cluster'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^podsim run: cluster\/scenario\.yaml/);
  });
});
