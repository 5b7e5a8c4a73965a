// The autoscalers in the CLI summary and the report: a line per HPA and one for the autoscaler; charts of
// replicas and hosts over time.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/index.js';
import { summaryRows } from '../../src/report/summary-rows.js';
import { reportCharts } from '../../src/report/render-report.js';

const r = simulate({
  until: 900,
  timeseries: { interval: 60 },
  hosts: [{ name: 'small', count: 1, capacity: { cpu: 2, memory: '4Gi' } }],
  workloads: [
    { name: 'busy', replicas: 1, request: { cpu: '1800m', memory: '1Gi' } },
    { name: 'burst', count: 12, arrival: { process: 'explicit', times: new Array(12).fill(0) }, duration: { distribution: 'constant', value: 40 }, request: { cpu: '500m', memory: '1Gi' } },
    { name: 'web', replicas: 1, request: { cpu: '100m' }, cpuPerRequest: 0.1, load: { rate: 1 }, autoscale: { maxReplicas: 3, targetCPUUtilization: 50 } },
  ],
  autoscaler: { nodeGroups: [{ group: 'small', min: 1, max: 10, provisioningDelay: 60 }] },
});

describe('autoscaling in the summary and the report', () => {
  it('adds a line per HPA and one for the cluster autoscaler', () => {
    const rows = new Map(summaryRows(r));
    expect(rows.get('HPA web')).toBe('1 scale-ups, 0 scale-downs, replicas 1–2');
    expect(rows.get('cluster autoscaler')).toMatch(/^\+\d+ nodes in 1 scale-ups, −\d+ in \d+ scale-downs \(first at 10 s\)$/);
    expect(new Map(summaryRows({ ...r, autoscaling: undefined } as never)).has('cluster autoscaler')).toBe(false);
  });
  it('charts replicas (desired and ready per service) and hosts per group over time', () => {
    const charts = reportCharts({ result: r } as never);
    const replicas = charts.find((c) => c.id === 'replicas') as unknown as { spec: { data: { values: { series: string; value: number }[] } } };
    const hosts = charts.find((c) => c.id === 'hosts') as unknown as { spec: { data: { values: { series: string; value: number }[] } } };
    expect(new Set(replicas.spec.data.values.map((v) => v.series))).toEqual(new Set(['busy desired', 'busy ready', 'web desired', 'web ready']));
    expect(Math.max(...hosts.spec.data.values.map((v) => v.value))).toBe(r.autoscaling!.clusterAutoscaler!.nodesAdded + 1);
    expect(charts.map((c) => c.id)).toContain('hosts');
  });
});
