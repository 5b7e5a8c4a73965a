import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/scenario/schema.js';
import { simulate } from '../../src/simulation/simulate.js';
import { scenarioArb } from '../helpers/scenarios.js';

describe('time series', () => {
  it('simulate() without timeseries returns no timeseries', () => {
    const r = simulate({ hosts: [{ name: 'n', capacity: { cpu: 1 } }], workloads: [] });
    expect(r.timeseries).toBeUndefined();
  });

  it('timeseries samples at multiples of the interval, with one last sample at the end of the run', () => {
    fc.assert(
      fc.property(scenarioArb(), fc.constantFrom(0.1, 0.25, 0.7, 1, 3), (scenario, interval) => {
        const r = simulate({ ...scenario, timeseries: { interval } });
        const ts = r.timeseries;
        if (ts === undefined) throw new Error('no timeseries');
        const n = ts.time.length;
        expect(n).toBeGreaterThanOrEqual(1);
        expect(ts.time[0]).toBe(0);
        // Every sample but the last is at k × interval (up to the rounding of repeated addition).
        const off = ts.time.slice(0, -1).filter((t, k) => Math.abs(t - k * interval) > 1e-9 * (1 + k * interval));
        expect(off).toEqual([]);
        // The last is at the end of the run, after the one before.
        expect(ts.time[n - 1]).toBe(r.simulatedTime);
        if (n > 1) expect(ts.time[n - 1]).toBeGreaterThan(ts.time[n - 2] as number);
        // Columns line up and hold sensible values.
        for (const col of [ts.pending, ts.running, ts.hostsInUse, ...Object.values(ts.utilization)]) expect(col).toHaveLength(n);
        expect(Object.keys(ts.utilization).sort()).toEqual(Object.keys(r.utilization).sort());
        for (const u of Object.values(ts.utilization)) expect(u.every((x) => x >= 0 && x <= 1)).toBe(true);
        expect(ts.pending.every((p) => p >= 0 && p <= r.queue.max)).toBe(true);
        expect(ts.hostsInUse.every((h) => h >= 0 && h <= r.hosts.peakInUse)).toBe(true);
        expect(ts.running.every((x) => x >= 0 && x <= r.containers.placed)).toBe(true);
      }),
      { numRuns: 300 }, // not one of the core invariants; each case is a full run
    );
  });

  it('timeseries samples the state at each sample time', () => {
    // One host of 1 core; a container holds it from 0 to 10 and a second waits from 1 to 10.
    const r = simulate({
      hosts: [{ name: 'n', capacity: { cpu: 1, memory: '1Gi' } }],
      workloads: [{ name: 'w', arrival: { process: 'explicit', times: [0, 1] }, duration: { distribution: 'constant', value: 10 }, request: { cpu: 1, memory: '256Mi' } }],
      timeseries: { interval: 4 },
    });
    const ts = r.timeseries!;
    expect(ts.time.slice(0, 5)).toEqual([0, 4, 8, 12, 16]);
    expect(ts.running.slice(0, 5)).toEqual([1, 1, 1, 1, 1]);
    expect(ts.pending.slice(0, 5)).toEqual([0, 1, 1, 0, 0]);
    expect(ts.utilization.cpu?.slice(0, 5)).toEqual([1, 1, 1, 1, 1]);
    expect(ts.utilization.memory?.slice(0, 5)).toEqual([0.25, 0.25, 0.25, 0.25, 0.25]);
    expect(ts.hostsInUse.slice(0, 5)).toEqual([1, 1, 1, 1, 1]);
    expect(ts.running[ts.running.length - 1]).toBe(0);
  });

  it('timeseries sampling does not keep a run of services alive', () => {
    // Services never finish and there is no until: the run ends when the one job does (after the
    // last arrival), sampling or not.
    const scenario: Scenario = {
      hosts: [{ name: 'n', capacity: { cpu: 8 } }],
      workloads: [
        { name: 'svc', count: 5, arrival: { process: 'interval', every: 10 }, request: { cpu: 1 } },
        { name: 'job', count: 1, arrival: { process: 'explicit', times: [0] }, duration: { distribution: 'constant', value: 1 }, request: { cpu: 1 } },
      ],
      timeseries: { interval: 3 },
    };
    const r = simulate(scenario);
    expect(r.containers.running).toBe(5);
    expect(r.simulatedTime).toBeLessThan(40 + 3);
    expect(r.timeseries!.time.length).toBeLessThanOrEqual(Math.floor(40 / 3) + 2);
  });

  it('timeseries with until samples up to until and ends there', () => {
    const r = simulate({
      hosts: [{ name: 'n', capacity: { cpu: 8 } }],
      workloads: [{ name: 'svc', arrival: { process: 'interval', every: 1 }, duration: { distribution: 'constant', value: 2 }, request: { cpu: 1 } }],
      until: 10,
      timeseries: { interval: 2.5 },
    });
    expect(r.timeseries!.time).toEqual([0, 2.5, 5, 7.5, 10]);
    expect(r.simulatedTime).toBe(10);
  });
});
