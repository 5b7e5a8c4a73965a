import { describe, expect, it } from 'vitest';
import type { ArrivalContext, ArrivalSource } from '../../src/simulation/arrivals.js';
import { Simulation } from '../../src/simulation/simulation.js';

// The arrival source's own-request submissions and late run times (ArrivalContext.submitWith / setDuration).
const scenario = (hosts: { cpu: number; memory: number }[]) => ({
  hosts: hosts.map((c, i) => ({ name: `h${i}`, capacity: { cpu: `${c.cpu}m`, memory: c.memory } })),
  workloads: [{ name: 'task', arrival: { process: 'explicit', times: [] }, request: { cpu: '1m', memory: 1 } }],
});

/** A source that runs `script` at the given times with the context. */
function scripted(steps: [number, (ctx: ArrivalContext) => void][]): ArrivalSource {
  return {
    start(ctx) {
      const RUN = ctx.sim.on((k) => (steps[k] as [number, (c: ArrivalContext) => void])[1](ctx));
      steps.forEach(([t], k) => ctx.sim.scheduleAt(t, RUN, k));
    },
  };
}

describe('ArrivalContext.submitWith: a container with its own request', () => {
  it('is placed, held and released by its own request, not its workload’s', () => {
    let a = -1, b = -1;
    const run = new Simulation(scenario([{ cpu: 4000, memory: 1000 }]), {
      arrivals: scripted([
        [0, (ctx) => {
          expect(ctx.dims.slice(0, 2)).toEqual(['cpu', 'memory']);
          a = ctx.submitWith(0, -1, 10, Float64Array.of(3000, 600), 0);
          b = ctx.submitWith(0, -1, 10, Float64Array.of(0, 0, 2000, 300), 2); // offset 2
        }],
      ]),
    });
    run.run({ until: 0 });
    expect(a).toBeGreaterThanOrEqual(0);
    expect(b).toBeGreaterThanOrEqual(0);
    expect(Array.from(run.cluster.allocated.subarray(0, 2))).toEqual([3000, 600]); // b waits: 3000 + 2000 > 4000
    run.run({ until: 10 });
    expect(Array.from(run.cluster.allocated.subarray(0, 2))).toEqual([2000, 300]);
    const r = run.run().result();
    expect(r.containers).toMatchObject({ submitted: 2, placed: 2, completed: 2, rejected: 0 });
    expect(r.wait.max).toBe(10);
    expect(Array.from(run.cluster.allocated.subarray(0, 2))).toEqual([0, 0]);
  });

  it('is rejected when its request fits no host, checked against every distinct capacity', () => {
    const slots: number[] = [];
    const run = new Simulation(scenario([{ cpu: 1000, memory: 5000 }, { cpu: 8000, memory: 100 }, { cpu: 1000, memory: 5000 }]), {
      arrivals: scripted([[0, (ctx) => {
        slots.push(ctx.submitWith(0, -1, 1, Float64Array.of(8000, 100), 0)); // fits h1 only
        slots.push(ctx.submitWith(0, -1, 1, Float64Array.of(1000, 5000), 0)); // fits h0, h2
        slots.push(ctx.submitWith(0, -1, 1, Float64Array.of(2000, 200), 0)); // fits none
      }]]),
    });
    const r = run.run().result();
    expect(slots[0]).toBeGreaterThanOrEqual(0);
    expect(slots[1]).toBeGreaterThanOrEqual(0);
    expect(slots[2]).toBe(-1);
    expect(r.containers).toMatchObject({ submitted: 3, placed: 2, rejected: 1, completed: 2 });
  });

  it('grows its request rows with the table (more live containers than the first room)', () => {
    const n = 3000;
    const run = new Simulation(scenario([{ cpu: n * 10, memory: n * 10 }]), {
      arrivals: scripted([[0, (ctx) => { for (let i = 0; i < n; i++) ctx.submitWith(0, -1, 5 + (i % 7), Float64Array.of(1 + (i % 10), 2 + (i % 5)), 0); }]]),
    });
    run.run({ until: 1 });
    let cpu = 0, mem = 0;
    for (let i = 0; i < n; i++) { cpu += 1 + (i % 10); mem += 2 + (i % 5); }
    expect(Array.from(run.cluster.allocated.subarray(0, 2))).toEqual([cpu, mem]);
    const r = run.run().result();
    expect(r.containers.completed).toBe(n);
    expect(Array.from(run.cluster.allocated.subarray(0, 2))).toEqual([0, 0]);
  });
});

describe('ArrivalContext.setDuration: a run time known after submission', () => {
  it('ends a running container at its start plus the duration', () => {
    let slot = -1, id = -1;
    const run = new Simulation(scenario([{ cpu: 1000, memory: 1000 }]), {
      arrivals: scripted([
        [5, (ctx) => { slot = ctx.submitWith(0, -1, Infinity, Float64Array.of(1000, 1), 0); id = ctx.containerId(slot); }],
        [20, (ctx) => {
          expect(ctx.runStart(slot)).toBe(5);
          expect(ctx.containerId(slot)).toBe(id);
          expect(ctx.setDuration(slot, 30)).toBe(true); // ends at 5 + 30
        }],
        [6, (ctx) => { ctx.submitWith(0, -1, 1, Float64Array.of(1000, 1), 0); }], // waits for the first
      ]),
    });
    const ends: number[] = [];
    run.observe((e) => { if (e.kind === 'finished') ends.push(e.time); });
    const r = run.run().result();
    expect(ends).toEqual([35, 36]);
    expect(r.wait.max).toBe(29);
  });

  it('applies to a container still pending when its run starts, and ends at once when the end is already past', () => {
    let first = -1, second = -1;
    const run = new Simulation(scenario([{ cpu: 1000, memory: 1000 }]), {
      arrivals: scripted([
        [0, (ctx) => {
          first = ctx.submitWith(0, -1, Infinity, Float64Array.of(1000, 1), 0);
          second = ctx.submitWith(0, -1, Infinity, Float64Array.of(1000, 1), 0);
          expect(Number.isNaN(ctx.runStart(second))).toBe(true);
        }],
        [10, (ctx) => {
          expect(ctx.setDuration(second, 7)).toBe(true); // pending: runs 7 s once started
          expect(ctx.setDuration(first, 4)).toBe(true); // 0 + 4 is past: ends now (10)
        }],
      ]),
    });
    const ends: number[] = [];
    run.observe((e) => { if (e.kind === 'finished') ends.push(e.time); });
    run.run();
    expect(ends).toEqual([10, 17]);
    expect(run.result().containers.completed).toBe(2);
  });

  it('reports a free slot, and leaves ordinary submissions as they were', () => {
    let slot = -1;
    const run = new Simulation(scenario([{ cpu: 1000, memory: 1000 }]), {
      arrivals: scripted([
        [0, (ctx) => { slot = ctx.submitWith(0, -1, 2, Float64Array.of(10, 1), 0); ctx.submit(0, -1, 3); }],
        [5, (ctx) => {
          expect(ctx.containerId(slot)).toBe(-1);
          expect(ctx.setDuration(slot, 1)).toBe(false);
        }],
      ]),
    });
    const r = run.run().result();
    expect(r.containers).toMatchObject({ submitted: 2, completed: 2 });
  });
});

describe('a container submitted with its own request is its own everywhere', () => {
  const hosts = [{ name: 'n', capacity: { cpu: 4, memory: '1Gi' }, power: { idle: 100, max: 300 } }];
  const wl = (cpu: string, modelled = false) => ({
    name: 'task', arrival: { process: 'explicit', times: [] as number[] }, request: { cpu, memory: 1 }, ...(modelled ? { work: { cpu: { distribution: 'constant' as const, value: 10 } } } : {}),
  });

  it('holds its own CPU request in the energy books (2 of 4 cores: 200 W for an hour)', () => {
    const run = (cpu: string, own: boolean) => new Simulation({ until: 3600, hosts, workloads: [wl(cpu)] }, {
      arrivals: scripted([[0, (ctx) => { if (own) ctx.submitWith(0, -1, 3600, Float64Array.of(2000, 1), 0); else ctx.submit(0, -1, 3600); }]]),
    }).run().result();
    const own = run('1m', true), byWorkload = run('2000m', false);
    expect(own.energy?.kWh).toBeCloseTo(0.2, 12); // 100 + 200 × 0.5 W, one hour
    expect(own.energy).toEqual(byWorkload.energy);
  });

  it('counts its own CPU request in the work lost when its host fails', () => {
    const run = (cpu: string, own: boolean) => new Simulation({
      until: 3600, hosts: [{ name: 'n', capacity: { cpu: 4, memory: '1Gi' } }], workloads: [wl(cpu)],
      events: [{ at: 100, action: 'fail', hosts: { names: ['n'] }, duration: 100 }],
    }, {
      arrivals: scripted([[0, (ctx) => { if (own) ctx.submitWith(0, -1, 3600, Float64Array.of(3000, 1), 0); else ctx.submit(0, -1, 3600); }]]),
    }).run().result();
    expect(run('1m', true).hosts?.lostCpuSeconds).toBe(300); // 3 CPUs × 100 s
    expect(run('3000m', false).hosts?.lostCpuSeconds).toBe(300);
  });

  it('is refused for a workload under the performance model, whose shares and limits come from its request', () => {
    const sim = new Simulation({ hosts, workloads: [wl('1m', true)] }, {
      arrivals: scripted([[0, (ctx) => { ctx.submitWith(0, -1, Infinity, Float64Array.of(2000, 1), 0); }]]),
    });
    expect(() => sim.run()).toThrowError(/performance model/);
  });
});
