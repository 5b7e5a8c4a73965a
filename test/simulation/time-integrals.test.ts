import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/index.js';

// utilization and queue.mean are ∫ allocated dt and ∫ queue length dt over [warmup, T], summed per
// container (request × seconds held, seconds pending). The oracle: the same sums from the
// containers' records (submitted, placed, finished), clipped to [warmup, T].
const scenario = (extra: Record<string, unknown> = {}) => ({
  seed: 3,
  hosts: [{ name: 'big', count: 3, capacity: { cpu: 8, memory: '32Gi' } }, { name: 'small', count: 4, capacity: { cpu: 2, memory: '4Gi' } }],
  workloads: [
    { name: 'web', count: 1500, arrival: { process: 'poisson' as const, rate: 6 }, duration: { distribution: 'exponential' as const, mean: 2 }, request: { cpu: '700m', memory: '1Gi' } },
    { name: 'batch', count: 400, arrival: { process: 'poisson' as const, rate: 1.5 }, duration: { distribution: 'exponential' as const, mean: 6 }, request: { cpu: 3, memory: '6Gi' } },
  ],
  scheduler: { policy: 'first-fit' as const },
  record: 'containers' as const,
  ...extra,
});
const CPU: Record<string, number> = { web: 700, batch: 3000 };
const MEMORY: Record<string, number> = { web: 2 ** 30, batch: 6 * 2 ** 30 };

function fromRecords(run: Simulation, warmup: number) {
  const r = run.result(), T = r.simulatedTime, span = T - warmup;
  const clip = (from: number, to: number) => Math.max(0, Math.min(to, T) - Math.max(from, warmup));
  let cpu = 0, memory = 0, queued = 0;
  for (const c of r.records ?? []) {
    if (c.placed !== null) {
      cpu += (CPU[c.workload] as number) * clip(c.placed, c.finished ?? T);
      memory += (MEMORY[c.workload] as number) * clip(c.placed, c.finished ?? T);
    }
    queued += clip(c.submitted, c.placed ?? T);
  }
  return { r, cpu: cpu / (32000 * span), memory: memory / ((3 * 32 + 4 * 4) * 2 ** 30 * span), queue: queued / span };
}

describe('time integrals (utilization, queue.mean)', () => {
  it('count the hosts cordoned and uncordoned mid-run exactly: the queue drained at the uncordon is integrated from then on', () => {
    for (const warmup of [0, 80]) {
      const run = new Simulation(scenario(warmup > 0 ? { warmup } : {}));
      run.run({ until: 50 });
      run.cordon(0);
      run.cordon(1);
      run.run({ until: 150 });
      run.uncordon(0); // the waiting containers are placed at 150, with no other event at that instant
      run.uncordon(1);
      run.run();
      const { r, cpu, memory, queue } = fromRecords(run, warmup);
      expect(r.utilization.cpu).toBeCloseTo(cpu, 12);
      expect(r.utilization.memory).toBeCloseTo(memory, 12);
      expect(r.queue.mean / queue).toBeCloseTo(1, 12);
    }
  });

  it('count the containers still running and waiting at the end of an `until`, mid-run results included', () => {
    const run = new Simulation(scenario({ until: 120, warmup: 30 }));
    run.run({ until: 60 });
    const mid = fromRecords(run, 30);
    expect(mid.r.utilization.cpu).toBeCloseTo(mid.cpu, 12);
    expect(mid.r.queue.mean / mid.queue).toBeCloseTo(1, 12);
    run.run();
    const end = fromRecords(run, 30);
    expect(end.r.containers.pending + end.r.containers.running).toBeGreaterThan(0);
    expect(end.r.utilization.cpu).toBeCloseTo(end.cpu, 12);
    expect(end.r.utilization.memory).toBeCloseTo(end.memory, 12);
    expect(end.r.queue.mean / end.queue).toBeCloseTo(1, 12);
  });

  it('count a container with a request of its own by its own request, beside its workload\'s containers', () => {
    const run = new Simulation(
      { hosts: [{ name: 'n', capacity: { cpu: 2 } }], workloads: [{ name: 'w', arrival: { process: 'explicit', times: [0] }, duration: { distribution: 'constant', value: 20 }, request: { cpu: '250m' } }] },
      {
        arrivals: {
          start(ctx) {
            const own = ctx.sim.on((k) => void ctx.submitWith(0, -1, k === 0 ? 10 : 20, Float64Array.of(k === 0 ? 500 : 1250), 0));
            ctx.sim.scheduleAt(0, own, 0);
            ctx.sim.scheduleAt(0, own, 1);
          },
        },
      },
    );
    const r = run.run().result();
    // 250 m and 1250 m for 20 s, 500 m for 10 s, of 2000 m over 20 s.
    expect(r.utilization.cpu).toBe((250 * 20 + 1250 * 20 + 500 * 10) / (2000 * 20));
  });
});
