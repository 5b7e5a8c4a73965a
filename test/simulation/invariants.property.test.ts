import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { POLICIES } from '../../src/scheduling/create-policy.js';
import { simulate } from '../../src/simulation/simulate.js';
import { Simulation } from '../../src/simulation/simulation.js';
import { runChecked, scenarioArb, stepAndCheck } from '../helpers/scenarios.js';

describe('Simulation invariants (property tests)', () => {
  it('Simulation.step(): after every event no host exceeds its capacity, no container is lost, and the clock never goes back', () => {
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        runChecked(scenario);
      }),
      { numRuns: 1000 },
    );
  });

  it('simulate() of finite jobs ends with every container completed or rejected and every host exactly empty', () => {
    fc.assert(
      fc.property(scenarioArb({ services: false, until: false }), (scenario) => {
        const run = new Simulation(scenario).run();
        const r = run.result();
        const expected = scenario.workloads.reduce((s, w) => s + (w.count ?? 0), 0);
        expect(r.containers.submitted).toBe(expected);
        expect(r.containers.completed + r.containers.rejected).toBe(expected);
        expect(r.containers.placed).toBe(r.containers.completed);
        expect([r.containers.pending, r.containers.running]).toEqual([0, 0]);
        // Exact integer accounting: after every release, nothing is left allocated, not even 1 byte.
        expect(Array.from(run.cluster.allocated).every((a) => a === 0)).toBe(true);
        expect(Array.from(run.cluster.totalAllocated).every((a) => a === 0)).toBe(true);
        expect(run.cluster.hostsInUse).toBe(0);
        // Sanity of the summary.
        expect(r.wait.p50 <= r.wait.p90 && r.wait.p90 <= r.wait.p99 && r.wait.p99 <= r.wait.max).toBe(true);
        for (const u of Object.values(r.utilization)) expect(u >= 0 && u <= 1 + 1e-12).toBe(true);
        expect(r.hosts.peakInUse).toBeLessThanOrEqual(r.hosts.count);
      }),
      { numRuns: 1000 },
    );
  });

  it('simulate() twice on the same scenario and seed gives byte-identical JSON and leaves the scenario untouched', () => {
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        const before = JSON.stringify(scenario);
        const a = JSON.stringify(simulate(scenario));
        const b = JSON.stringify(simulate(JSON.parse(before)));
        expect(b).toBe(a);
        expect(JSON.stringify(scenario)).toBe(before);
      }),
      { numRuns: 1000 },
    );
  });

  it('two policies on the same seed see identical arrivals (common random numbers)', () => {
    // Two distinct policies per case (rather than all five) keeps this fast; 1000 cases cover every pair.
    const pair = fc.tuple(fc.nat(POLICIES.length - 1), fc.nat(POLICIES.length - 2)).map(([i, j]) => [POLICIES[i], POLICIES[j >= i ? j + 1 : j]] as const);
    fc.assert(
      fc.property(scenarioArb(), pair, (scenario, policies) => {
        const [a, b] = policies.map((policy) => {
          const run = new Simulation({ ...scenario, scheduler: { ...scenario.scheduler, policy } });
          const trace = stepAndCheck(run);
          expect(trace.violations).toEqual([]);
          return { arrivals: trace.arrivals, submitted: run.counts.submitted, rejected: run.counts.rejected };
        });
        expect(b).toEqual(a);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('seeds', () => {
  const poisson = (seed: number) => ({
    seed,
    hosts: [{ name: 'n', count: 2, capacity: { cpu: 2, memory: '4Gi' } }],
    workloads: [{ name: 'web', count: 200, arrival: { process: 'poisson' as const, rate: 3 }, duration: { distribution: 'exponential' as const, mean: 1 }, request: { cpu: 1 } }],
  });

  it('simulate() with different seeds draws different arrivals and durations', () => {
    const a = simulate(poisson(1)), b = simulate(poisson(2));
    expect(a.simulatedTime).not.toBe(b.simulatedTime);
    expect(a.wait).not.toEqual(b.wait);
  });

  it('adding a workload does not change the arrivals of another (independent named streams)', () => {
    // Arrival times of every workload together; poisson times are continuous, so they never tie.
    const arrivalsOf = (scenario: ReturnType<typeof poisson>) => stepAndCheck(new Simulation(scenario)).arrivals;
    const alone = arrivalsOf(poisson(5));
    const withBatch = poisson(5);
    withBatch.workloads.push({ name: 'batch', count: 50, arrival: { process: 'poisson', rate: 1 }, duration: { distribution: 'exponential', mean: 1 }, request: { cpu: 1 } });
    const both = arrivalsOf(withBatch);
    // Every arrival of web alone still happens, at exactly the same time, among the combined arrivals.
    const set = new Set(both);
    expect(alone.every((t) => set.has(t))).toBe(true);
    expect(both.length).toBe(alone.length + 50);
  });
});
