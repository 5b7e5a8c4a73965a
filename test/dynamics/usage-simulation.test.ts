// Usage, cost and energy in the simulation (issue 11 "stats prints 0.00%", issue 12 §1 load and §5 cost and
// energy): declared usage and load drive the usage series, power and the HPA's utilisation; cost and energy
// of constant scenarios equal their closed forms; hosts added and removed integrate over their up time.
import { describe, expect, it } from 'vitest';
import { compileLoadRate } from '../../src/dynamics/service-load.js';
import { simulate } from '../../src/simulation/simulate.js';
import { Simulation } from '../../src/simulation/simulation.js';
import { parseScenario } from '../../src/scenario/validate.js';
import { PodsimError } from '../../src/errors.js';

const explicit = (n: number, at = 0) => ({ process: 'explicit' as const, times: Array.from({ length: n }, () => at) });

describe('declared usage: usage.cpu as a fraction of the request', () => {
  it('counts fraction × request while ready, capped by the limit, in result.usage and the usage series', () => {
    const r = simulate({
      until: 3600,
      timeseries: { interval: 600 },
      hosts: [{ name: 'node', count: 2, capacity: { cpu: 4, memory: '8Gi' } }],
      workloads: [
        { name: 'web', count: 4, arrival: explicit(4), request: { cpu: 1 }, usage: { cpu: 0.5 } },
        // 3 × 500m wanted, capped at the 750m limit.
        { name: 'hot', count: 2, arrival: explicit(2), request: { cpu: '500m' }, limit: { cpu: '750m' }, usage: { cpu: 3 } },
      ],
    });
    // (4 × 500 + 2 × 750) / 8000 over the whole hour.
    expect(r.usage?.cpu).toBeCloseTo(3500 / 8000, 12);
    expect(r.timeseries?.usage?.cpu?.slice(1)).toEqual([3500 / 8000, 3500 / 8000, 3500 / 8000, 3500 / 8000, 3500 / 8000, 3500 / 8000]);
    // Memory in use is not declared: the series leaves it out rather than printing 0.
    expect(r.timeseries?.usage?.memory).toBeUndefined();
  });

  it('draws a distribution of the fraction once per container, from its own seeded stream', () => {
    const scenario = (seed: number) => ({
      seed, until: 100,
      hosts: [{ name: 'node', count: 4, capacity: { cpu: 4 } }],
      workloads: [{ name: 'w', count: 8, arrival: explicit(8), request: { cpu: 1 }, usage: { cpu: { distribution: 'uniform' as const, min: 0.2, max: 0.8 } } }],
    });
    const a = simulate(scenario(1)), b = simulate(scenario(1)), c = simulate(scenario(2));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.usage?.cpu).not.toBe(c.usage?.cpu);
    expect(a.usage?.cpu).toBeGreaterThan(0.2 * 8000 / 16000);
    expect(a.usage?.cpu).toBeLessThan(0.8 * 8000 / 16000);
    const run = new Simulation(scenario(1)).run({ until: 50 });
    const each = run.snapshot().hosts.flatMap((h) => h.containers.map((x) => x.usage?.cpu as number));
    expect(each).toHaveLength(8);
    for (const m of each) expect(m).toBeGreaterThanOrEqual(200), expect(m).toBeLessThanOrEqual(800);
    expect(run.workloadCpuUtilization(0)).toBeCloseTo(each.reduce((x, y) => x + y, 0) / 8000, 12);
  });

  it('usage.memory is memory.usage under another name; both, or usage.cpu with work, are refused with their paths', () => {
    const base = { until: 10, hosts: [{ name: 'n', capacity: { cpu: 2, memory: '4Gi' } }] };
    const a = simulate({ ...base, workloads: [{ name: 'w', count: 1, arrival: explicit(1), request: { cpu: 1, memory: '1Gi' }, usage: { memory: '300Mi' } }] });
    const b = simulate({ ...base, workloads: [{ name: 'w', count: 1, arrival: explicit(1), request: { cpu: 1, memory: '1Gi' }, memory: { usage: '300Mi' } }] });
    expect(a).toEqual(b);
    expect(a.performance?.usage.memory).toBeCloseTo((300 * 2 ** 20) / 2 ** 32, 12);
    let err: unknown;
    try {
      parseScenario({ ...base, workloads: [{ name: 'w', count: 1, arrival: explicit(1), request: { cpu: 1 }, memory: { usage: '1Mi' }, usage: { memory: '1Mi', cpu: 0.5 }, work: { cpu: { distribution: 'constant', value: 1 } } }] });
    } catch (e) { err = e; }
    expect(err).toBeInstanceOf(PodsimError);
    expect((err as PodsimError).issues.map((i) => i.path)).toEqual(expect.arrayContaining(['workloads[0].usage.memory', 'workloads[0].usage.cpu']));
  });
});

describe('a service\'s load: rate × cpuPerRequest spread over its ready replicas', () => {
  const service = (extra: object) => ({
    until: 3600,
    hosts: [{ name: 'node', count: 4, capacity: { cpu: 2, memory: '4Gi' } }],
    workloads: [{ name: 'api', replicas: 4, request: { cpu: 1 }, cpuPerRequest: 0.02, ...extra }],
  });

  it('200 req/s × 0.02 CPU-s = 4 cores over 4 replicas: 1000m each, 100 % of requests, capped by a limit', () => {
    const run = new Simulation(service({ load: { rate: 200 } })).run({ until: 10 });
    expect(run.workloadCpuUtilization(0)).toBe(1);
    const cpus = run.snapshot().hosts.flatMap((h) => h.containers.map((c) => c.usage?.cpu));
    expect(cpus).toEqual([1000, 1000, 1000, 1000]);
    // Requests of 500m with a 600m limit: each replica would use 1000m, and gets 600m (120 % of its request).
    const capped = new Simulation(service({ load: { rate: 200 }, request: { cpu: '500m' }, limit: { cpu: '600m' } }));
    const usage: number[] = [];
    capped.observe((e) => { if (e.kind === 'ready') usage.push(capped.cpuUsage(e.container)); });
    capped.run({ until: 10 });
    expect(capped.workloadCpuUtilization(0)).toBeCloseTo(1.2, 12);
    expect(capped.snapshot().hosts.flatMap((h) => h.containers.map((c) => c.usage?.cpu))).toEqual([600, 600, 600, 600]);
    // As each replica became ready, the load was spread over those ready so far (capped by the limit).
    expect(usage).toEqual([600, 600, 600, 600]);
  });

  it('serves exactly ∫ rate × cpuPerRequest CPU-seconds under a diurnal and a piecewise load', () => {
    for (const rate of [{ diurnal: { base: 100, amplitude: 0.5, period: 1800 } }, { piecewise: { times: [0, 600, 1200], rates: [50, 150, 25] } }]) {
      const r = simulate(service({ load: { rate } }));
      const served = (r.usage?.cpu as number) * 8000 * 3600; // millicore-seconds
      expect(served).toBeCloseTo(compileLoadRate(rate as never).integral(0, 3600) * 0.02 * 1000, 6);
    }
  });

  it('is nothing without the workload: a scenario that declares no usage gets no usage, cost or energy and no books', () => {
    const s = { until: 100, hosts: [{ name: 'n', capacity: { cpu: 2 } }], workloads: [{ name: 'w', count: 1, arrival: explicit(1), request: { cpu: 1 } }] };
    const r = simulate(s);
    expect(r.usage).toBeUndefined();
    expect(r.cost).toBeUndefined();
    expect(r.energy).toBeUndefined();
    expect(new Simulation(s).meters).toBeUndefined();
    expect(new Simulation(s).workloadCpuUtilization(0)).toBeNaN();
  });
});

describe('cost and energy of constant scenarios equal the closed forms', () => {
  const T = 7200;
  it('price per hour × hosts × hours; linear power at the declared utilisation; CO₂ at a constant intensity', () => {
    const r = simulate({
      until: T,
      carbon: { intensity: 400 },
      hosts: [
        { name: 'big', count: 2, capacity: { cpu: 4 }, price: 0.5, power: { idle: 100, max: 300 } },
        { name: 'spare', count: 3, capacity: { cpu: 4 }, price: 0.25 },
      ],
      // Four 1-CPU containers at 50 % fill big-0 (first fit): 2 cores used of 4.
      workloads: [{ name: 'w', count: 4, arrival: explicit(4), request: { cpu: 1 }, usage: { cpu: 0.5 } }],
    });
    expect(r.cost).toEqual({ total: 2 * 0.5 * 2 + 3 * 0.25 * 2, byGroup: { big: 2, spare: 1.5 } });
    // big-0 at u = 0.5 draws 200 W, big-1 idles at 100 W: 300 W for 2 h = 0.6 kWh; 0.24 kg at 400 g/kWh.
    expect(r.energy?.kWh).toBeCloseTo(0.6, 14);
    expect(r.energy?.byGroup).toEqual({ big: r.energy?.kWh });
    expect(r.energy?.co2kg).toBeCloseTo(0.24, 14);
    expect(r.energy?.utilization).toBe('usage');
  });

  it('interpolates SPECpower-style points, and says when utilisation came from requests', () => {
    const r = simulate({
      until: 3600,
      hosts: [{ name: 'n', capacity: { cpu: 10 }, power: { points: [[0, 60], [0.5, 140], [1, 240]] } }],
      workloads: [{ name: 'w', count: 3, arrival: explicit(3), request: { cpu: 1 } }],
    });
    // Requests 3 of 10 cores: 60 + (140 − 60) × 0.3 / 0.5 = 108 W for an hour.
    expect(r.energy).toEqual({ kWh: 0.108, byGroup: { n: 0.108 }, utilization: 'requests' });
    expect(r.energy?.co2kg).toBeUndefined();
  });

  it('integrates a carbon time series against the power of each step', () => {
    const r = simulate({
      until: 7200,
      carbon: { intensity: { points: [[0, 100], [1800, 300]], period: 3600 } },
      hosts: [{ name: 'n', capacity: { cpu: 1 }, power: { idle: 100, max: 100 } }],
      workloads: [],
    });
    // 100 W for 2 h = 0.2 kWh at a mean of 200 g/kWh = 0.04 kg.
    expect(r.energy?.kWh).toBeCloseTo(0.2, 14);
    expect(r.energy?.co2kg).toBeCloseTo(0.04, 14);
  });

  it('per host slot over its up time: a host removed, re-added and powered off integrates only while it exists or draws', () => {
    const run = new Simulation({
      until: 10_800,
      hosts: [{ name: 'n', count: 2, capacity: { cpu: 1 }, price: 1, power: { idle: 100, max: 200 } }],
      workloads: [],
    });
    const m = run.meters;
    if (m === undefined) throw new Error('no books');
    run.run({ until: 3600 });
    m.hostRemoved(1, 3600);          // scaled down after 1 h
    run.run({ until: 5400 });
    m.hostAdded(1, 5400);            // back for the last 1.5 h
    m.hostPowered(0, 5400, false);   // host 0 fails: still paid for, draws nothing
    run.run();
    const r = run.result();
    expect(r.cost?.total).toBe(3 + 1 + 1.5);
    expect(r.energy?.kWh).toBeCloseTo((100 * 1.5 + 100 * 2.5) / 1000, 14);
    expect(r.timeseries).toBeUndefined();
  });

  it('follows the host dynamics: a failed host draws nothing but is paid for; added and removed hosts integrate over their up time', () => {
    const r = simulate({
      until: 10_800,
      hosts: [{ name: 'n', count: 2, capacity: { cpu: 1 }, price: 1, power: { idle: 100, max: 200 } }],
      workloads: [],
      events: [
        { at: 3600, action: 'fail', hosts: { names: ['n-0'] }, duration: 1800 }, // down from 1 h to 1.5 h
        { at: 7200, action: 'add', hosts: { group: 'n' } },                     // a third host for the last hour
        { at: 9000, action: 'remove', hosts: { names: ['n-1'] } },             // n-1 gone for the last half hour
      ],
    });
    // Cost: n-0 3 h, n-1 2.5 h, the added host 1 h. Power: 100 W idle each while up and powered.
    expect(r.cost?.total).toBe(3 + 2.5 + 1);
    expect(r.energy?.kWh).toBeCloseTo((100 * 2.5 + 100 * 2.5 + 100 * 1) / 1000, 14);
  });

  it('samples power and accrued cost in the time series', () => {
    const r = simulate({
      until: 3600, timeseries: { interval: 900 },
      hosts: [{ name: 'n', count: 2, capacity: { cpu: 2 }, price: 0.4, power: { idle: 50, max: 150 } }],
      workloads: [{ name: 'w', count: 1, arrival: explicit(1), request: { cpu: 1 }, usage: { cpu: 1 } }],
    });
    expect(r.timeseries?.cost?.map((c) => Number(c.toFixed(12)))).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    // One host at 1 of 2 cores: 50 + 100 × 0.5 = 100 W; the other idles at 50 W.
    expect(r.timeseries?.power?.slice(1)).toEqual([150, 150, 150, 150]);
  });
});
