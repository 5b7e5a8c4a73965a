// Issue 11 in the CLI and the report: censored waits said, a per-workload table, the wait CDF from
// at least 100 exact quantiles, and the note in place of an empty P_a / P_d / P_s chart.
import { describe, expect, it } from 'vitest';
import { reportCharts, renderReport } from '../../src/report/render-report.js';
import { simulateForReport } from '../../src/report/simulate-for-report.js';
import { summaryRows } from '../../src/report/summary-rows.js';
import { workloadTable } from '../../src/report/workload-table.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { simulate } from '../../src/simulation/simulate.js';
import { podsim, workspace } from '../cli/cli-harness.js';

const stuck: Scenario = { until: 3600, hosts: [{ name: 'h', capacity: { cpu: 1 } }], workloads: [{ name: 'svc', count: 2, arrival: { process: 'explicit', times: [0, 0] }, request: { cpu: 1 } }] };

const MIX = `seed: 2
until: 600
hosts:
  - name: node
    count: 2
    capacity: { cpu: 2 }
workloads:
  - name: web
    count: 200
    arrival: { process: poisson, rate: 1 }
    duration: { distribution: exponential, mean: 1 }
    request: { cpu: 500m }
  - name: batch
    count: 10
    arrival: { process: interval, every: 30 }
    duration: { distribution: constant, value: 120 }
    request: { cpu: 2 }
`;

describe('censored waits in the summary and the report', () => {
  it('the summary says how many waits are the ages of containers still pending', () => {
    const wait = summaryRows(simulate(stuck)).find(([k]) => k === 'wait')![1];
    expect(wait).toBe('mean 1,800 s (30 min)   p50 1,800 s (30 min)   p90 3,240 s (54 min)   p99 3,564 s (59.4 min)   max 3,600 s (60 min)   (with 1 still pending at the end, counted at their age: waits at least this long)');
    expect(summaryRows(simulate({ ...stuck, until: 10, workloads: [{ ...stuck.workloads[0]!, count: 1 }] })).find(([k]) => k === 'wait')![1]).not.toContain('pending');
  });

  it('the report\'s per-workload section says so too, and the warm-up when there is one', async () => {
    const html = await renderReport({ result: simulate({ ...stuck, warmup: 0 }) });
    expect(html).toContain('<section id="workloads">');
    expect(html).toContain('1 container was still pending at the end: their waits enter every wait figure at their age then (censored)');
    const warm = await renderReport({ result: simulate({ ...stuck, warmup: 1 }) });
    expect(warm).toContain('Waits count containers submitted from 1 s (the warm-up) on.');
    expect(summaryRows(simulate({ ...stuck, warmup: 1 })).find(([k]) => k === 'warm-up')?.[1]).toBe('1 s: waits of containers submitted from then on; utilisation and queue mean over [1 s, end]');
  });
});

describe('the per-workload table', () => {
  it('has a row per workload with its counts and waits', () => {
    const r = simulate({ ...stuck, workloads: [...stuck.workloads, { name: 'job', count: 1, arrival: { process: 'explicit', times: [5] }, duration: { distribution: 'constant', value: 1 }, request: { cpu: 1 } }] });
    const t = workloadTable(r);
    expect(t.header).toEqual(['WORKLOAD', 'SUBMITTED', 'PLACED', 'COMPLETED', 'RUNNING', 'PENDING', 'WAIT MEAN', 'P50', 'P90', 'P99', 'MAX', 'CENSORED']);
    expect(t.rows).toEqual([
      ['svc', '2', '1', '0', '1', '1', '1,800', '1,800', '3,240', '3,564', '3,600', '1'],
      ['job', '1', '0', '0', '0', '1', '3,595', '3,595', '3,595', '3,595', '3,595', '1'],
    ]);
  });

  it('adds start-up, turnaround and slowdown under the performance model', () => {
    const r = simulate({ seed: 1, hosts: [{ name: 'n', capacity: { cpu: 4 } }], workloads: [{ name: 'w', count: 3, arrival: { process: 'interval', every: 1 }, duration: { distribution: 'constant', value: 2 }, startup: { distribution: 'constant', value: 1 }, request: { cpu: 1 } }] });
    const t = workloadTable(r);
    expect(t.header.slice(-3)).toEqual(['STARTUP MEAN', 'TURNAROUND P99', 'SLOWDOWN P99']);
    expect(t.rows[0]!.slice(-3)).toEqual(['1', '3', '1']);
  });

  it('podsim run prints it for a scenario with more than one workload', async () => {
    const r = await podsim(['run', 'mix.yaml'], workspace({ 'mix.yaml': MIX }));
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const at = lines.indexOf('per workload (waits in seconds):');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toMatch(/^ {2}WORKLOAD +SUBMITTED +PLACED +COMPLETED +RUNNING +PENDING +WAIT MEAN +P50 +P90 +P99 +MAX +CENSORED$/);
    expect(lines[at + 2]).toMatch(/^ {2}web +200 +/);
    expect(lines[at + 3]).toMatch(/^ {2}batch +10 +/);
    // One workload: no table.
    const one = await podsim(['run', 'one.yaml'], workspace({ 'one.yaml': MIX.split('  - name: batch')[0]! }));
    expect(one.code).toBe(0);
    expect(one.stdout).not.toContain('per workload');
  });
});

describe('the wait-time CDF', () => {
  it('is drawn from at least 100 exact quantiles of every wait, censored ones included', () => {
    const data = simulateForReport({ ...stuck, until: 3600, hosts: [{ name: 'h', count: 4, capacity: { cpu: 1 } }], workloads: [{ name: 'w', count: 500, arrival: { process: 'poisson', rate: 1 }, duration: { distribution: 'exponential', mean: 4 }, request: { cpu: 1 } }] });
    const chart = reportCharts(data).find((c) => c.id === 'wait-cdf')!;
    expect('spec' in chart).toBe(true);
    const spec = (chart as unknown as { spec: { data: { values: { wait: number; fraction: number }[] }; title: { subtitle: string } } }).spec;
    const values = spec.data.values;
    expect(values.length).toBeGreaterThanOrEqual(101);
    const sorted = Array.from(data.waitSamples!).sort((a, b) => a - b);
    expect(values.at(-1)!.wait).toBe(sorted.at(-1));
    expect(values.at(-1)!.wait).toBe(data.result.wait.max);
    const median = values.find((v) => Math.abs(v.fraction - 0.5) < 1e-3);
    if (median !== undefined) expect(median.wait).toBeCloseTo(data.result.wait.p50, 9);
    expect(spec.title.subtitle).toMatch(/exact quantiles/);
  });
});

describe('the P_a / P_d / P_s chart', () => {
  it('gives the promised note when the containers have no work, data or start-up', () => {
    // Services with a memory profile: the performance model runs, but no container has any time to split.
    const r = simulate({ seed: 1, until: 60, hosts: [{ name: 'n', capacity: { cpu: 4, memory: '4Gi' } }], workloads: [{ name: 'w', count: 3, arrival: { process: 'interval', every: 1 }, memory: { usage: '100Mi' }, request: { cpu: 1, memory: '1Gi' } }] });
    expect(r.performance).toBeDefined();
    const chart = reportCharts({ result: r }).find((c) => c.id === 'breakdown')!;
    expect(chart).toMatchObject({ note: expect.stringMatching(/^Every finished container's P_a, P_d and P_s is 0/) });
  });
});
