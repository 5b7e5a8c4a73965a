import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HostSampler } from '../../src/report/host-sampler.js';
import { simulateForReport } from '../../src/report/simulate-for-report.js';
import { simulate } from '../../src/simulation/simulate.js';
import type { Scenario } from '../../src/scenario/schema.js';

// Continuous arrivals and durations, so no event falls exactly on a sample time and every sampler
// sees the same state.
const scenarioArb = fc.record({
  seed: fc.integer({ min: 1, max: 1000 }),
  hosts: fc.integer({ min: 1, max: 9 }),
  cpu: fc.integer({ min: 1, max: 8 }),
  count: fc.integer({ min: 5, max: 120 }),
  rate: fc.double({ min: 0.2, max: 5, noNaN: true }),
  mean: fc.double({ min: 0.5, max: 10, noNaN: true }),
  maxRows: fc.integer({ min: 1, max: 12 }),
}).map((p): [Scenario, number] => [{
  seed: p.seed,
  hosts: [{ name: 'node', count: p.hosts, capacity: { cpu: p.cpu, memory: '8Gi' } }],
  workloads: [{ name: 'w', count: p.count, arrival: { process: 'poisson', rate: p.rate }, duration: { distribution: 'exponential', mean: p.mean }, request: { cpu: '500m', memory: '1Gi' } }],
}, p.maxRows]);

describe('HostSampler', () => {
  it('its rows, weighted by capacity, add up to the cluster utilisation simulate() samples', () => {
    fc.assert(fc.property(scenarioArb, ([scenario, maxRows]) => {
      const data = simulateForReport(scenario, { maxHostRows: maxRows, interval: 0.7 });
      const ref = simulate({ ...scenario, timeseries: { interval: 0.7 } }).timeseries!;
      const hs = data.hosts!;
      const H = (scenario.hosts[0] as { count: number }).count;
      const rows = Math.min(H, maxRows);
      expect(hs.rows).toHaveLength(rows);
      expect(data.result).toEqual(simulate({ ...scenario, timeseries: { interval: 0.7 } }));
      const size = Array.from({ length: rows }, (_, r) => Math.floor(((r + 1) * H) / rows) - Math.floor((r * H) / rows));
      const byTime = new Map(ref.time.map((t, i) => [t, i]));
      let compared = 0;
      hs.time.forEach((t, i) => {
        const j = byTime.get(t);
        if (j === undefined) return;
        for (const res of ['cpu', 'memory']) {
          const total = (hs.utilization[res]?.[i] as number[]).reduce((a, u, r) => a + u * (size[r] as number), 0) / H;
          expect(total).toBeCloseTo(ref.utilization[res]?.[j] as number, 9);
        }
        compared++;
      });
      expect(compared).toBeGreaterThanOrEqual(Math.min(hs.time.length, ref.time.length) - 1);
    }), { numRuns: 40 });
  });

  it('labels grouped rows with their first and last host', () => {
    const data = simulateForReport({ hosts: [{ name: 'n', count: 5, capacity: { cpu: 1 } }], workloads: [] , until: 1 }, { maxHostRows: 2 });
    expect(data.hosts?.rows).toEqual(['n-0 … n-1', 'n-2 … n-4']);
  });

  it('HostSampler.follow(run) refuses a run that takes no samples', async () => {
    const { Simulation } = await import('../../src/simulation/simulation.js');
    const run = new Simulation({ hosts: [{ name: 'n', capacity: { cpu: 1 } }], workloads: [], until: 1 });
    expect(() => HostSampler.follow(run)).toThrow(/takes no samples; give the scenario a timeseries.interval/);
  });

  it('HostSampler.follow(run) samples at exactly the times of the run\'s own time series', async () => {
    const { Simulation } = await import('../../src/simulation/simulation.js');
    // Arrivals on the sample grid: the host series sees the cluster at the same instants as the time series.
    const run = new Simulation({ hosts: [{ name: 'n', count: 2, capacity: { cpu: 2 } }], workloads: [{ name: 'w', count: 6, arrival: { process: 'interval', every: 1 }, duration: { distribution: 'constant', value: 2.5 }, request: { cpu: 1 } }], timeseries: { interval: 1 } });
    const hosts = HostSampler.follow(run);
    run.run();
    const ts = run.result().timeseries!;
    const hs = hosts.build();
    expect(hs.time).toEqual(ts.time);
    hs.time.forEach((_, i) => {
      const total = ((hs.utilization.cpu?.[i] as number[])[0]! + (hs.utilization.cpu?.[i] as number[])[1]!) / 2;
      expect(total).toBeCloseTo(ts.utilization.cpu?.[i] as number, 12);
    });
  });
});
