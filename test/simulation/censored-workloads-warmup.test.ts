// Issue 11 (censored waits, per-workload results, record: 'containers' for every scenario) and
// issue 13 (warm-up deletion inside simulate()).
import { describe, expect, it } from 'vitest';
import { experiment } from '../../src/experiments/index.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { validateScenario } from '../../src/scenario/validate.js';
import { simulate } from '../../src/simulation/simulate.js';
import { Simulation } from '../../src/simulation/simulation.js';
import { erlangC } from '../../src/theory/index.js';

const oneHost = { name: 'h', capacity: { cpu: 1 } };

describe('censored waits', () => {
  it('count containers still pending at the end at their age then (one 1-CPU host, two never-ending 1-CPU containers, until 3600)', () => {
    const r = simulate({ until: 3600, hosts: [oneHost], workloads: [{ name: 'svc', count: 2, arrival: { process: 'explicit', times: [0, 0] }, request: { cpu: 1 } }] });
    expect(r.containers).toMatchObject({ submitted: 2, placed: 1, running: 1, pending: 1 });
    // One placement at once (wait 0) and one container waiting 3600 s so far.
    expect(r.wait).toEqual({ mean: 1800, p50: 1800, p90: 3240, p99: expect.closeTo(3564, 9), max: 3600, censored: 1 });
    expect(r.workloads.svc!.wait).toEqual(r.wait);
  });

  it('never leave wait.max below the oldest pending container\'s age', () => {
    const run = new Simulation({ until: 500, hosts: [{ name: 'h', count: 2, capacity: { cpu: 1 } }], workloads: [{ name: 'job', arrival: { process: 'poisson', rate: 3 }, duration: { distribution: 'exponential', mean: 1 }, request: { cpu: 1 } }] });
    run.run();
    const snap = run.snapshot(), r = run.result();
    expect(r.containers.pending).toBeGreaterThan(100); // overloaded: λ = 3 > cμ = 2
    const oldest = Math.max(...snap.pending.map((p) => r.simulatedTime - p.submitted));
    expect(r.wait.max).toBeGreaterThanOrEqual(oldest);
    expect(r.wait.censored).toBe(r.containers.pending);
    expect(run.waitSamples().length).toBe(r.containers.placed + r.wait.censored);
  });
});

describe('per-workload results', () => {
  const mix: Scenario = {
    seed: 3,
    hosts: [{ name: 'node', count: 2, capacity: { cpu: 2 } }],
    workloads: [
      { name: 'web', count: 300, arrival: { process: 'poisson', rate: 2 }, duration: { distribution: 'exponential', mean: 0.5 }, request: { cpu: '500m' } },
      { name: 'batch', count: 20, arrival: { process: 'interval', every: 5 }, duration: { distribution: 'constant', value: 30 }, request: { cpu: 2 } },
    ],
  };

  it('split counts and waits by workload; the counts add up to the run\'s', () => {
    const r = simulate({ ...mix, record: 'containers' });
    const web = r.workloads.web!, batch = r.workloads.batch!;
    for (const k of ['submitted', 'placed', 'completed', 'rejected', 'pending', 'running', 'failed'] as const) {
      expect(web.containers[k] + batch.containers[k]).toBe(r.containers[k]);
    }
    expect(web.containers.submitted).toBe(300);
    expect(batch.containers.submitted).toBe(20);
    // Each workload's waits are its own containers' (from the records); the blended mean lies between.
    for (const [name, w] of Object.entries(r.workloads)) {
      const waits = r.records!.filter((c) => c.workload === name).map((c) => (c.placed as number) - c.submitted);
      expect(w.wait.mean).toBeCloseTo(waits.reduce((a, b) => a + b, 0) / waits.length, 9);
      expect(w.wait.max).toBe(Math.max(...waits));
      expect(w.wait.censored).toBe(0);
    }
    expect(r.wait.mean).toBeGreaterThanOrEqual(Math.min(web.wait.mean, batch.wait.mean));
    expect(r.wait.mean).toBeLessThanOrEqual(Math.max(web.wait.mean, batch.wait.mean));
    expect(Math.max(web.wait.max, batch.wait.max)).toBe(r.wait.max);
    expect(web.performance).toBeUndefined();
  });

  it('carry startup, run, turnaround and slowdown under the performance model', () => {
    const r = simulate({
      ...mix,
      workloads: [
        { ...mix.workloads[0]!, startup: { distribution: 'constant', value: 2 } },
        mix.workloads[1]!,
      ],
    });
    const p = r.workloads.web!.performance!;
    expect(p.startup.mean).toBeCloseTo(2, 9);
    expect(p.startup.max).toBeCloseTo(2, 9);
    expect(p.turnaround.mean).toBeGreaterThan(p.run.mean);
    expect(r.workloads.batch!.performance).toBeUndefined();
  });
});

describe("record: 'containers'", () => {
  it('gives one record per container in every scenario (no performance model needed), states at the end included', () => {
    const r = simulate({
      until: 50, record: 'containers',
      hosts: [oneHost],
      workloads: [
        { name: 'job', count: 3, arrival: { process: 'explicit', times: [0, 0, 1] }, duration: { distribution: 'constant', value: 10 }, request: { cpu: 1 } },
        { name: 'huge', count: 1, arrival: { process: 'explicit', times: [2] }, duration: { distribution: 'constant', value: 1 }, request: { cpu: 4 } },
      ],
    });
    expect(r.records).toEqual([
      { id: 0, name: 'job-0', workload: 'job', host: 'h-0', submitted: 0, placed: 0, finished: 10, state: 'completed' },
      { id: 1, name: 'job-1', workload: 'job', host: 'h-0', submitted: 0, placed: 10, finished: 20, state: 'completed' },
      { id: 2, name: 'job-2', workload: 'job', host: 'h-0', submitted: 1, placed: 20, finished: 30, state: 'completed' },
      { id: 3, name: 'huge-0', workload: 'huge', host: null, submitted: 2, placed: null, finished: null, state: 'rejected' },
    ]);
    expect(simulate({ until: 3600, record: 'containers', hosts: [oneHost], workloads: [{ name: 'svc', count: 2, arrival: { process: 'explicit', times: [0, 0] }, request: { cpu: 1 } }] }).records!.map((c) => c.state)).toEqual(['running', 'pending']);
  });

  it('is absent unless asked for, and recording changes no other figure', () => {
    const base: Scenario = { seed: 5, hosts: [{ name: 'n', count: 2, capacity: { cpu: 2 } }], workloads: [{ name: 'w', count: 200, arrival: { process: 'poisson', rate: 5 }, duration: { distribution: 'exponential', mean: 1 }, request: { cpu: 1 } }] };
    const plain = simulate(base);
    const { records, ...rest } = simulate({ ...base, record: 'containers' });
    expect(plain.records).toBeUndefined();
    expect(records).toHaveLength(200);
    expect(JSON.stringify(rest)).toBe(JSON.stringify(plain));
  });
});

describe('warmup', () => {
  const mmc = (c: number, rho: number, extra: Partial<Scenario> = {}): Scenario => ({
    seed: 1,
    hosts: [{ name: 'server', count: c, capacity: { cpu: 1 } }],
    workloads: [{ name: 'job', count: 600, arrival: { process: 'poisson', rate: c * rho }, duration: { distribution: 'exponential', mean: 1 }, request: { cpu: 1 } }],
    ...extra,
  });

  it('changes no random draw: the same seed gives the same arrivals, counts, events and time series', () => {
    const a = simulate({ ...mmc(2, 0.8), record: 'containers', timeseries: { interval: 10 } });
    const b = simulate({ ...mmc(2, 0.8), record: 'containers', timeseries: { interval: 10 }, warmup: 100 });
    expect(b.records).toEqual(a.records);
    expect(b.containers).toEqual(a.containers);
    expect(b.events).toBe(a.events);
    expect(b.timeseries).toEqual(a.timeseries);
    expect(b.warmup).toBe(100);
    expect(a.warmup).toBeUndefined();
  });

  it('keeps waits only of containers submitted at or after it', () => {
    const a = simulate({ ...mmc(2, 0.8), record: 'containers' });
    const b = simulate({ ...mmc(2, 0.8), warmup: 100 });
    const kept = a.records!.filter((c) => c.submitted >= 100).map((c) => (c.placed as number) - c.submitted);
    const mean = kept.reduce((s, x) => s + x, 0) / kept.length;
    expect(b.wait.mean).toBeCloseTo(mean, 9);
    expect(b.wait.max).toBe(Math.max(...kept));
    expect(b.workloads.job!.wait).toEqual(b.wait);
  });

  it('averages utilisation and the queue over [warmup, end]', () => {
    // One 1-CPU host; jobs of 10 s at 0, 10, 20 and 30: busy over [0, 40], then 40 s idle.
    const s: Scenario = { until: 80, hosts: [oneHost], workloads: [{ name: 'j', count: 4, arrival: { process: 'interval', every: 10 }, duration: { distribution: 'constant', value: 10 }, request: { cpu: 1 } }] };
    expect(simulate(s).utilization.cpu).toBeCloseTo(40 / 80, 12);
    expect(simulate({ ...s, warmup: 20 }).utilization.cpu).toBeCloseTo(20 / 60, 12);
    expect(simulate({ ...s, warmup: 45 }).utilization.cpu).toBe(0);
    // Two jobs at once on one host: the second waits 10 s, so the queue holds 1 over [0, 10].
    const q: Scenario = { until: 40, hosts: [oneHost], workloads: [{ name: 'j', count: 2, arrival: { process: 'explicit', times: [0, 0] }, duration: { distribution: 'constant', value: 10 }, request: { cpu: 1 } }] };
    expect(simulate(q).queue.mean).toBeCloseTo(10 / 40, 12);
    expect(simulate({ ...q, warmup: 5 }).queue.mean).toBeCloseTo(5 / 35, 12);
  });

  it('is validated: at least 0, and before until', () => {
    const s = mmc(1, 0.5);
    expect(validateScenario({ ...s, warmup: -1 }).issues.map((i) => i.path)).toEqual(['warmup']);
    const late = validateScenario({ ...s, until: 100, warmup: 100 });
    expect(late.issues).toEqual([{ code: 'invalid_value', path: 'warmup', message: 'is 100 s, not before until (100 s): nothing would be left to measure' }]);
    expect(validateScenario({ ...s, until: 100, warmup: 99 }).ok).toBe(true);
  });

  it('removes the initial transient: M/M/4 at ρ = 0.9 from empty, the mean wait with a warm-up is closer to Erlang C', async () => {
    // 600 customers from an empty system: the early ones wait less than in steady state, so the
    // whole-run mean is biased low. Common random numbers pair the two experiments' replications.
    const c = 4, rho = 0.9;
    const theory = erlangC(c, c * rho) / (c - c * rho);
    const run = (warmup: number) => experiment({ scenario: mmc(c, rho), replications: 100, warmup, metrics: ['wait.mean'], workers: 1 });
    const [cold, warm] = [await run(0), await run(100)];
    const m0 = cold.points[0]!.metrics['wait.mean']!, m1 = warm.points[0]!.metrics['wait.mean']!;
    console.log(`M/M/4 ρ=0.9 from empty: wait.mean ${m0.mean.toFixed(3)} [${m0.ci.map((x) => x.toFixed(3)).join(', ')}] without warm-up, ${m1.mean.toFixed(3)} [${m1.ci.map((x) => x.toFixed(3)).join(', ')}] with 100 s; Erlang C ${theory.toFixed(3)}`);
    expect(Math.abs(m1.mean - theory)).toBeLessThan(Math.abs(m0.mean - theory));
    expect(m0.ci[1]).toBeLessThan(theory); // the cold start's interval misses the truth, below it
    expect(m1.ci[0]).toBeLessThan(theory); // the warm one covers it
    expect(m1.ci[1]).toBeGreaterThan(theory);
  }, 60_000);
});
