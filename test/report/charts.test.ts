import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostHeatmapChart } from '../../src/report/charts/host-heatmap-chart.js';
import { queueChart } from '../../src/report/charts/queue-chart.js';
import { utilizationChart } from '../../src/report/charts/utilization-chart.js';
import { waitCdfChart } from '../../src/report/charts/wait-cdf-chart.js';
import { evenIndices, maxPerBucket } from '../../src/report/downsample.js';
import { defaultInterval, estimateEnd } from '../../src/report/estimate-end.js';
import { scopeSvgIds } from '../../src/report/scope-svg-ids.js';
import { timeUnitFor } from '../../src/report/time-unit.js';

type Values<T> = { data: { values: T[] } };

describe('chart data', () => {
  it('the wait CDF from samples rises from 0 to 1 and never goes back', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: 0, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 2000 }), (waits) => {
      const v = (waitCdfChart(waits, 50) as unknown as Values<{ wait: number; fraction: number }>).data.values;
      expect(v[0]?.fraction).toBe(0);
      expect(v.at(-1)?.fraction).toBe(1);
      expect(v.at(-1)?.wait).toBe(Math.max(...waits));
      expect(v.length).toBeLessThanOrEqual(51);
      for (let i = 1; i < v.length; i++) {
        expect((v[i] as { wait: number }).wait).toBeGreaterThanOrEqual((v[i - 1] as { wait: number }).wait);
        expect((v[i] as { fraction: number }).fraction).toBeGreaterThanOrEqual((v[i - 1] as { fraction: number }).fraction);
      }
    }));
  });

  it('thinning keeps the first and last sample, in order, within the budget', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 2, max: 700 }), (n, max) => {
      const idx = evenIndices(n, max);
      expect(idx.length).toBe(Math.min(n, max));
      expect(idx[0]).toBe(0);
      expect(idx.at(-1)).toBe(n - 1);
      for (let i = 1; i < idx.length; i++) expect(idx[i] as number).toBeGreaterThan(idx[i - 1] as number);
    }));
  });

  it('the queue chart keeps every spike when it thins', () => {
    fc.assert(fc.property(fc.array(fc.nat(1000), { minLength: 1, maxLength: 3000 }), fc.integer({ min: 1, max: 100 }), (pending, max) => {
      const time = pending.map((_, i) => i);
      const s = maxPerBucket(time, pending, max);
      expect(Math.max(...s.value)).toBe(Math.max(...pending));
      expect(s.value.length).toBe(Math.min(max, pending.length));
    }));
  });

  it('time axes switch unit for long runs and keep the end', () => {
    const ts = { time: [0, 3600, 7200, 36000], utilization: { cpu: [0, 0.5, 1, 0.2] }, pending: [0, 2, 1, 0], running: [0, 1, 2, 0], hostsInUse: [0, 1, 1, 0] };
    const u = utilizationChart(ts) as unknown as Values<{ t: number }> & { encoding: { x: { title: string; scale: { domain: number[] } } } };
    expect(u.encoding.x.title).toBe('time (h)');
    expect(u.encoding.x.scale.domain).toEqual([0, 10]);
    expect(u.data.values.map((v) => v.t)).toEqual([0, 1, 2, 10]);
    expect((queueChart(ts) as unknown as { encoding: { x: { title: string } } }).encoding.x.title).toBe('time (h)');
    expect(timeUnitFor(59).name).toBe('s');
    expect(timeUnitFor(5 * 86400).name).toBe('d');
  });

  it('the heatmap averages samples into columns that tile the run', () => {
    const hs = { time: [0, 1, 2, 3], rows: ['a', 'b'], utilization: { cpu: [[0, 1], [1, 1], [0.5, 0], [0.5, 0]] } };
    const v = (hostHeatmapChart(hs, 'cpu', 2) as unknown as Values<{ t0: number; t1: number; row: string; utilization: number }>).data.values;
    expect(v).toEqual([
      { t0: 0, t1: 2, row: 'a', utilization: 0.5 },
      { t0: 0, t1: 2, row: 'b', utilization: 1 },
      { t0: 2, t1: 3, row: 'a', utilization: 0.5 },
      { t0: 2, t1: 3, row: 'b', utilization: 0 },
    ]);
  });
});

describe('default sampling interval', () => {
  it('gives about 200 samples (125 to 320) over the expected run, at a round interval', () => {
    fc.assert(fc.property(fc.double({ min: 1e-3, max: 1e9, noNaN: true }), (end) => {
      const dt = defaultInterval(end);
      expect(end / dt).toBeGreaterThan(125);
      expect(end / dt).toBeLessThan(320);
      const mantissa = Number((dt / 10 ** Math.floor(Math.log10(dt) + 1e-9)).toPrecision(6));
      expect([1, 2, 5, 10]).toContain(mantissa);
    }));
  });

  it('estimates the end from until, or from arrivals and durations', () => {
    const hosts = [{ name: 'n', capacity: { cpu: 1 } }];
    expect(estimateEnd({ hosts, workloads: [], until: 500 })).toBe(500);
    expect(estimateEnd({ hosts, workloads: [{ name: 'w', count: 100, arrival: { process: 'poisson', rate: 10 }, duration: { distribution: 'constant', value: 5 }, request: { cpu: 1 } }] })).toBe(15);
    expect(estimateEnd({ hosts, workloads: [{ name: 'w', count: 11, arrival: { process: 'interval', every: 3, start: 2 }, request: { cpu: 1 } }] })).toBe(32);
    expect(estimateEnd({ hosts, workloads: [{ name: 'w', arrival: { process: 'explicit', times: [1, 7, 4] }, request: { cpu: 1 } }] })).toBe(7);
  });
});

describe('scopeSvgIds', () => {
  it('renames ids in order and rewrites references', () => {
    const svg = '<svg><defs><linearGradient id="gradient_7"/><clipPath id="clip3"/></defs><rect fill="url(#gradient_7)" clip-path="url(#clip3)"/><use href="#clip3"/></svg>';
    expect(scopeSvgIds(svg, 'c')).toBe('<svg><defs><linearGradient id="c-0"/><clipPath id="c-1"/></defs><rect fill="url(#c-0)" clip-path="url(#c-1)"/><use href="#c-1"/></svg>');
  });
});

describe('performance figures in the report', () => {
  it('averages P_a, P_d and P_s per workload from records, or uses the run means', async () => {
    const { performanceBreakdown } = await import('../../src/report/performance-breakdown.js');
    const { simulate } = await import('../../src/simulation/simulate.js');
    const scenario = {
      seed: 1,
      hosts: [{ name: 'n', count: 2, capacity: { cpu: 2, memory: '4Gi' } }],
      workloads: [
        { name: 'a', count: 6, arrival: { process: 'interval' as const, every: 1 }, work: { cpu: { distribution: 'constant' as const, value: 2 } }, startup: { distribution: 'constant' as const, value: 0.5 }, request: { cpu: 1, memory: '1Gi' } },
        { name: 'b', count: 4, arrival: { process: 'interval' as const, every: 2 }, work: { cpu: { distribution: 'constant' as const, value: 1 } }, request: { cpu: 1, memory: '1Gi' } },
      ],
    };
    const withRecords = simulate({ ...scenario, record: 'containers' });
    const rows = performanceBreakdown(withRecords)!;
    expect(rows.map((r) => r.workload).sort()).toEqual(['a', 'b']);
    for (const row of rows) {
      const mine = withRecords.performance!.records!.filter((r) => r.workload === row.workload);
      expect(row.pa).toBeCloseTo(mine.reduce((s, r) => s + r.pa, 0) / mine.length, 12);
      expect(row.ps).toBeCloseTo(mine.reduce((s, r) => s + r.ps, 0) / mine.length, 12);
    }
    const plain = simulate(scenario);
    expect(performanceBreakdown(plain)).toEqual([{ workload: 'all', pa: plain.performance!.breakdown.pa.mean, pd: plain.performance!.breakdown.pd.mean, ps: plain.performance!.breakdown.ps.mean }]);
    expect(performanceBreakdown(simulate({ ...scenario, workloads: [{ name: 'c', count: 1, arrival: { process: 'interval' as const, every: 1 }, duration: { distribution: 'constant' as const, value: 1 }, request: { cpu: 1 } }] }))).toBeUndefined();
  });

  it('draws utilisation by usage dashed when the series has it', () => {
    const ts = { time: [0, 1], utilization: { cpu: [0.5, 0.5] }, usage: { cpu: [0.2, 0.3] }, pending: [0, 0], running: [1, 1], hostsInUse: [1, 1] };
    const spec = utilizationChart(ts) as unknown as Values<{ by: string }> & { encoding: Record<string, unknown> };
    expect(spec.encoding.strokeDash).toBeDefined();
    expect(spec.data.values.filter((v) => v.by === 'usage')).toHaveLength(2);
  });
});
