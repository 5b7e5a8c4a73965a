import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/scenario/schema.js';
import { simulate } from '../../src/simulation/simulate.js';
import { Simulation } from '../../src/simulation/simulation.js';
import { stepAndCheck } from '../helpers/scenarios.js';

type Workload = Scenario['workloads'][number];
const job = (w: Partial<Workload> & Pick<Workload, 'request'>): Workload => ({
  name: 'job',
  arrival: { process: 'explicit', times: [0] },
  duration: { distribution: 'constant', value: 1 },
  ...w,
});
const oneHost = (capacity: Record<string, string | number>, count = 1): Scenario['hosts'] => [{ name: 'n', count, capacity }];

// Records (time, counts) after every event.
function timeline(scenario: Scenario) {
  const run = new Simulation(scenario);
  const out: Array<{ t: number; pending: number; running: number; submitted: number }> = [];
  while (run.step()) out.push({ t: run.now, pending: run.counts.pending, running: run.counts.running, submitted: run.counts.submitted });
  return out;
}

describe('simulate()', () => {
  it('simulate() rejects at once a container whose request exceeds every host, without queueing it', () => {
    const r = simulate({
      hosts: [{ name: 'a', count: 2, capacity: { cpu: 4, memory: '8Gi' } }, { name: 'b', capacity: { cpu: 8, memory: '4Gi' } }],
      workloads: [job({ name: 'huge', request: { cpu: 6, memory: '6Gi' } }), job({ name: 'ok', request: { cpu: 1 } })],
    });
    expect(r.containers).toMatchObject({ submitted: 2, rejected: 1, placed: 1, completed: 1, pending: 0, running: 0 });
    expect(r.queue.max).toBe(0);
  });

  it('simulate() rejects a request for a resource no host has', () => {
    const r = simulate({ hosts: oneHost({ cpu: 4 }), workloads: [job({ request: { cpu: 1, 'example.com/fpga': 1 } })] });
    expect(r.containers.rejected).toBe(1);
  });

  it('simulate() queues containers that fit an empty host but not now, and places them as capacity frees', () => {
    const r = simulate({
      hosts: oneHost({ cpu: 1 }),
      workloads: [job({ request: { cpu: 1 }, arrival: { process: 'explicit', times: [0, 0, 0] }, duration: { distribution: 'constant', value: 2 } })],
    });
    // Waits 0, 2, 4; the queue holds 2 containers for 2 s and 1 for 2 s, over 6 s.
    expect(r.containers).toMatchObject({ submitted: 3, placed: 3, completed: 3, rejected: 0, pending: 0, running: 0 });
    expect(r.simulatedTime).toBe(6);
    expect(r.wait).toEqual({ mean: 2, p50: 2, p90: 3.6, p99: expect.closeTo(3.96, 12), max: 4, censored: 0 });
    expect(r.queue).toEqual({ mean: 1, max: 2 });
    expect(r.utilization).toEqual({ cpu: 1 });
    expect(r.hosts).toEqual({ count: 1, peakInUse: 1 });
    expect(r.events).toBe(6); // 3 arrivals and 3 completions
  });

  it('simulate() measures time-weighted utilisation per resource over the simulated time', () => {
    const r = simulate({
      hosts: oneHost({ cpu: 2, memory: '4Gi' }),
      workloads: [job({ request: { cpu: 1, memory: '1Gi' }, duration: { distribution: 'constant', value: 10 } })],
      until: 20,
    });
    expect(r.simulatedTime).toBe(20);
    expect(r.utilization.cpu).toBe(0.25); // 1 of 2 cores for 10 of 20 s
    expect(r.utilization.memory).toBe(0.125); // 1 of 4 Gi for half the time
  });

  it("queue 'fifo' makes later containers wait behind the head; 'skip' lets those that fit go first", () => {
    const scenario = (queue: 'fifo' | 'skip'): Scenario => ({
      hosts: oneHost({ cpu: 4 }),
      workloads: [
        job({ name: 'big', request: { cpu: 3 }, arrival: { process: 'explicit', times: [0] }, duration: { distribution: 'constant', value: 10 } }),
        job({ name: 'medium', request: { cpu: 2 }, arrival: { process: 'explicit', times: [1] }, duration: { distribution: 'constant', value: 1 } }),
        job({ name: 'small', request: { cpu: 1 }, arrival: { process: 'explicit', times: [2] }, duration: { distribution: 'constant', value: 1 } }),
      ],
      scheduler: { queue },
    });
    const fifo = simulate(scenario('fifo'));
    const skip = simulate(scenario('skip'));
    // fifo: medium waits 9 s (until big ends at 10), small waits behind it for 8 s.
    expect(fifo.wait.max).toBe(9);
    expect(fifo.wait.mean).toBeCloseTo((0 + 9 + 8) / 3, 12);
    // skip: small fits at once (3 + 1 ≤ 4) and goes ahead of medium.
    expect(skip.wait.mean).toBeCloseTo((0 + 9 + 0) / 3, 12);
    expect(fifo.queue.max).toBe(2);
    expect(skip.queue.max).toBe(1);
  });

  it("queue 'skip' keeps the order of those still waiting", () => {
    const r = new Simulation({
      hosts: oneHost({ cpu: 2 }),
      workloads: [
        job({ name: 'a', request: { cpu: 2 }, arrival: { process: 'explicit', times: [0, 1, 2] }, duration: { distribution: 'constant', value: 5 } }),
        job({ name: 'b', request: { cpu: 1 }, arrival: { process: 'explicit', times: [1.5, 2.5] }, duration: { distribution: 'constant', value: 5 } }),
      ],
      scheduler: { queue: 'skip' },
    }).run().result();
    expect(r.containers.completed).toBe(5);
    // a@0 runs 0–5. At 5 the queue is [a@1, b@1.5, a@2, b@2.5]: a@1 goes (5–10). At 10, b@1.5 fits,
    // a@2 does not (1 core left) and keeps its place, b@2.5 fits: both b run 10–15, then a@2 15–20.
    expect(r.simulatedTime).toBe(20);
    expect(r.wait.max).toBe(13);
    expect(r.wait.mean).toBeCloseTo((0 + 4 + 8.5 + 13 + 7.5) / 5, 12);
  });

  it('simulate() with until stops there, counting containers still running or pending and skipping later arrivals', () => {
    const r = simulate({
      hosts: oneHost({ cpu: 1 }),
      workloads: [job({ request: { cpu: 1 }, arrival: { process: 'interval', every: 1 }, count: 100, duration: { distribution: 'constant', value: 2.5 } })],
      until: 10,
    });
    expect(r.simulatedTime).toBe(10);
    expect(r.containers.submitted).toBe(11); // t = 0, 1, …, 10
    // Runs 0–2.5, 2.5–5, 5–7.5, 7.5–10; at t = 10 the 4th ends (scheduled first) and the 5th starts.
    expect(r.containers).toMatchObject({ placed: 5, completed: 4, running: 1, pending: 6 });
  });

  it('simulate() runs services without a duration until the end, and refuses them without until', () => {
    // Without until the run would stop at the last arrival with nothing measured (issue 11).
    expect(() => simulate({
      hosts: oneHost({ cpu: 4 }),
      workloads: [{ name: 'svc', count: 3, arrival: { process: 'interval', every: 2 }, request: { cpu: 1 } }],
    })).toThrow(/until: is required: no workload's containers ever end \("svc" has no duration nor work, so it is a service\).*Set the scenario's until \(e\.g\. until: 3600/);
    // One workload that ends is enough to end the run.
    const mixed = simulate({
      hosts: oneHost({ cpu: 4 }),
      workloads: [
        { name: 'svc', count: 3, arrival: { process: 'interval', every: 2 }, request: { cpu: 1 } },
        { name: 'job', count: 1, arrival: { process: 'explicit', times: [0] }, duration: { distribution: 'constant', value: 7 }, request: { cpu: 1 } },
      ],
    });
    expect(mixed.containers).toMatchObject({ submitted: 4, placed: 4, running: 3, completed: 1 });
    expect(mixed.simulatedTime).toBe(7);
    const bounded = simulate({ hosts: oneHost({ cpu: 4 }), workloads: [{ name: 'svc', count: 3, arrival: { process: 'interval', every: 2 }, request: { cpu: 1 } }], until: 100 });
    expect(bounded.simulatedTime).toBe(100);
    expect(bounded.utilization.cpu).toBeCloseTo((1 * 98 + 1 * 96 + 1 * 100) / (4 * 100), 12);
  });

  it('interval arrivals come at start + k·every; explicit arrivals at exactly the given times; nothing after the horizon', () => {
    const arrivals = (w: Workload, until?: number) => stepAndCheck(new Simulation({ hosts: oneHost({ cpu: 100 }), workloads: [w], ...(until === undefined ? {} : { until }) })).arrivals;
    expect(arrivals(job({ request: { cpu: 1 }, count: 4, arrival: { process: 'interval', every: 0.5, start: 3 } }))).toEqual([3, 3.5, 4, 4.5]);
    expect(arrivals(job({ request: { cpu: 1 }, arrival: { process: 'explicit', times: [0, 0, 1.25, 7] } }))).toEqual([0, 0, 1.25, 7]);
    expect(arrivals(job({ request: { cpu: 1 }, count: 2, arrival: { process: 'explicit', times: [1, 2, 3] } }))).toEqual([1, 2]);
    expect(arrivals(job({ request: { cpu: 1 }, horizon: 2.2, arrival: { process: 'interval', every: 1 } }))).toEqual([0, 1, 2]);
    expect(arrivals(job({ request: { cpu: 1 }, arrival: { process: 'interval', every: 1 } }), 3)).toEqual([0, 1, 2, 3]);
    expect(arrivals(job({ request: { cpu: 1 }, count: 0, arrival: { process: 'interval', every: 1 } }))).toEqual([]);
  });

  it('Poisson arrivals come at the requested rate', () => {
    // 20 000 arrivals at rate 5: the run lasts about 4000 s; the count over time has SD √(λT) ≈ 141.
    const r = simulate({ hosts: oneHost({ cpu: 100 }), workloads: [job({ request: { cpu: 1 }, count: 20_000, arrival: { process: 'poisson', rate: 5 }, duration: { distribution: 'constant', value: 0 } })] });
    const T = r.simulatedTime;
    expect(Math.abs(20_000 - 5 * T)).toBeLessThan(4 * Math.sqrt(5 * T));
  });

  it('simulate() places GPU and extended-resource requests only on hosts that have them', () => {
    const scenario: Scenario = {
      hosts: [{ name: 'cpu', count: 2, capacity: { cpu: 8, memory: '32Gi' } }, { name: 'gpu', capacity: { cpu: 8, memory: '32Gi', gpu: 2 } }],
      workloads: [job({ request: { cpu: 1, gpu: 1 }, arrival: { process: 'explicit', times: [0, 0, 0] }, duration: { distribution: 'constant', value: 1 } })],
    };
    const run = new Simulation(scenario);
    const used = new Set<number>();
    while (run.step()) for (let h = 0; h < run.cluster.hostCount; h++) if ((run.cluster.containers[h] as number) > 0) used.add(h);
    expect([...used]).toEqual([2]);
    const r = run.result();
    expect(r.wait.max).toBe(1); // the third waited for a GPU
    expect(Object.keys(r.utilization).sort()).toEqual(['cpu', 'gpu', 'memory']);
  });

  it('simulate() counts the most hosts in use at once', () => {
    const r = simulate({
      hosts: oneHost({ cpu: 1 }, 5),
      workloads: [job({ request: { cpu: 1 }, arrival: { process: 'explicit', times: [0, 0, 0, 5] }, duration: { distribution: 'constant', value: 1 } })],
    });
    expect(r.hosts).toEqual({ count: 5, peakInUse: 3 });
  });

  it('simulate() returns plain JSON data: no undefined, NaN or Infinity', () => {
    const r = simulate({ hosts: oneHost({ cpu: 2, memory: '1Gi' }), workloads: [job({ request: { cpu: 1 }, count: 50, arrival: { process: 'poisson', rate: 2 }, duration: { distribution: 'exponential', mean: 1 } })] });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('simulate() of a scenario with no containers returns zeros', () => {
    const r = simulate({ hosts: oneHost({ cpu: 1 }), workloads: [] });
    expect(r.containers).toMatchObject({ submitted: 0, placed: 0, completed: 0, rejected: 0, pending: 0, running: 0 });
    expect(r.simulatedTime).toBe(0);
    expect(r.wait).toEqual({ mean: 0, p50: 0, p90: 0, p99: 0, max: 0, censored: 0 });
    expect(r.queue).toEqual({ mean: 0, max: 0 });
  });
});

describe('Simulation', () => {
  const scenario: Scenario = {
    seed: 9,
    hosts: oneHost({ cpu: 2 }, 2),
    workloads: [job({ request: { cpu: 1 }, count: 200, arrival: { process: 'poisson', rate: 4 }, duration: { distribution: 'exponential', mean: 1 } })],
  };

  it('Simulation.step() then run() gives the same result as run() alone', () => {
    const stepped = new Simulation(scenario);
    for (let i = 0; i < 100 && stepped.step(); i++);
    expect(stepped.counts.submitted).toBeGreaterThan(0);
    stepped.run();
    expect(JSON.stringify(stepped.result())).toBe(JSON.stringify(new Simulation(scenario).run().result()));
  });

  it('Simulation.run() a second time changes nothing, and result() can be called repeatedly', () => {
    const run = new Simulation(scenario).run();
    const first = JSON.stringify(run.result());
    run.run();
    expect(run.step()).toBe(false);
    expect(JSON.stringify(run.result())).toBe(first);
  });

  it('Simulation exposes the clock, counts and cluster between events', () => {
    const t = timeline({ hosts: oneHost({ cpu: 1 }), workloads: [job({ request: { cpu: 1 }, arrival: { process: 'explicit', times: [0, 1] }, duration: { distribution: 'constant', value: 3 } })] });
    expect(t).toEqual([
      { t: 0, pending: 0, running: 1, submitted: 1 },
      { t: 1, pending: 1, running: 1, submitted: 2 },
      { t: 3, pending: 0, running: 1, submitted: 2 },
      { t: 6, pending: 0, running: 0, submitted: 2 },
    ]);
  });
});
