// The end-of-run summaries: each workload's performance figures (made when first read), the run's
// reused for a single workload, and waits of zero ranked without being written out.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/simulation/simulate.js';
import { Simulation } from '../../src/simulation/simulation.js';
import { summarizeValues } from '../../src/metrics/sample-store.js';

const shape = { work: { cpu: { distribution: 'exponential' as const, mean: 4 } }, request: { cpu: '500m' }, threads: 2 };
const scenario = {
  seed: 7,
  hosts: [{ name: 'node', count: 3, capacity: { cpu: 2, memory: '8Gi' } }],
  workloads: [
    { name: 'web', count: 300, arrival: { process: 'poisson' as const, rate: 1.2 }, startup: { distribution: 'uniform' as const, min: 0.5, max: 2 }, ...shape },
    { name: 'batch', count: 200, arrival: { process: 'poisson' as const, rate: 0.5 }, ...shape },
  ],
};

describe('per-workload performance summaries', () => {
  it('are the summaries of each workload’s rows, as of the result() call, even after the run goes on', () => {
    const run = new Simulation(scenario);
    run.run({ until: 120 });
    const early = run.result();
    const life = run.lifecycle!;
    // What each workload's figures must be: its own rows of the tables as they stand now.
    const rows = life.finishedRuns.count, startupRows = life.startup.count;
    const expected = [0, 1].map((w) => ({
      startup: life.startup.summaryWhere(0, 1, w, startupRows),
      run: life.finishedRuns.summaryWhere(3, 6, w, rows),
      turnaround: life.finishedRuns.summaryWhere(4, 6, w, rows),
      slowdown: life.finishedRuns.summaryWhere(5, 6, w, rows),
    }));
    run.run(); // more rows now; the early result keeps its own
    expect(life.finishedRuns.count).toBeGreaterThan(rows);
    expect(early.workloads.web!.performance).toEqual(expected[0]);
    expect(early.workloads.batch!.performance).toEqual(expected[1]);
    // Read once, then a plain value; JSON carries them in their place (after `wait`).
    expect(early.workloads.web!.performance).toBe(early.workloads.web!.performance);
    const json = JSON.parse(JSON.stringify(early)) as typeof early;
    expect(Object.keys(json.workloads.web!)).toEqual(['containers', 'wait', 'performance']);
    expect(json.workloads.batch!.performance).toEqual(expected[1]);
    expect(structuredClone(early).workloads.web!.performance).toEqual(expected[0]);
  });

  it('are the run’s own with a single workload', () => {
    const r = simulate({ ...scenario, workloads: [scenario.workloads[0]!] });
    const p = r.workloads.web!.performance!;
    expect(p.run).toEqual(r.performance!.run);
    expect(p.startup).toEqual(r.performance!.startup);
    expect(p.turnaround).toEqual(r.performance!.turnaround);
    expect(p.slowdown).toEqual(r.performance!.slowdown);
  });
});

describe('wait summaries', () => {
  it('equal the summary of every wait sample, zeros and censored ages included', () => {
    const run = new Simulation({ ...scenario, until: 200 });
    run.run();
    const r = run.result();
    const all = summarizeValues(run.waitSamples());
    expect({ mean: r.wait.mean, p50: r.wait.p50, p90: r.wait.p90, p99: r.wait.p99, max: r.wait.max }).toEqual(all);
    expect(r.wait.censored).toBeGreaterThanOrEqual(0);
  });
});
