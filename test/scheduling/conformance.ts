// The scheduler conformance suite: every registered policy, built-in (kube presets included) or a
// user's, must pass it. A policy is given as its registry factory, so that kube-scheduler's adapter
// gets the run's cluster and scenario like any other.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClusterState } from '../../src/cluster/cluster-state.js';
import { RandomStreams } from '../../src/random/streams.js';
import { compileScenario } from '../../src/scenario/compile.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { HostCondition } from '../../src/scheduling/host-condition.js';
import { asParts, type PolicyFactory } from '../../src/scheduling/policy-registry.js';
import type { PlacementRequest } from '../../src/scheduling/policy.js';
import { SchedulingDecision, type Scheduler } from '../../src/scheduling/scheduler.js';
import { Simulation } from '../../src/simulation/simulation.js';
import { scenarioArb, stepAndCheck } from '../helpers/scenarios.js';

// A random cluster state: a few hosts with some capacity already allocated, and a request.
export const clusterCase = fc.record({
  hosts: fc.array(fc.record({ cpu: fc.integer({ min: 0, max: 8000 }), memory: fc.integer({ min: 0, max: 2 ** 36 }), usedCpu: fc.double({ min: 0, max: 1, noNaN: true }), usedMem: fc.double({ min: 0, max: 1, noNaN: true }) }), { minLength: 1, maxLength: 6 }),
  request: fc.record({ cpu: fc.integer({ min: 0, max: 6000 }), memory: fc.integer({ min: 0, max: 2 ** 35 }) }),
});

type ClusterCase = typeof clusterCase extends fc.Arbitrary<infer T> ? T : never;

/** Builds the cluster of a {@link clusterCase}, with each host's share already allocated. */
export function buildCluster(c: Pick<ClusterCase, 'hosts'>): ClusterState {
  const cluster = new ClusterState(['cpu', 'memory'], c.hosts.map((h, i) => ({ name: `h${i}`, capacity: { cpu: h.cpu, memory: h.memory } })));
  c.hosts.forEach((h, i) => {
    const used = cluster.demandOf({ cpu: Math.floor(h.cpu * h.usedCpu), memory: Math.floor(h.memory * h.usedMem) });
    if (!cluster.allocate(i, used, 0)) throw new Error('test setup: pre-allocation must fit');
  });
  return cluster;
}

// The scenario behind a cluster case (one host per group, one workload with the request), so that a
// policy factory gets a context like the simulation's.
function caseScenario(c: ClusterCase): Scenario {
  return {
    hosts: c.hosts.map((h, i) => ({ name: `h${i}`, capacity: { cpu: `${h.cpu}m`, memory: h.memory } })),
    workloads: [
      { name: 'w', count: 1, arrival: { process: 'explicit', times: [0] }, request: { cpu: `${c.request.cpu}m`, memory: c.request.memory } },
      // The demand the offset test lays out second in a shared array.
      { name: 'big', count: 1, arrival: { process: 'explicit', times: [0] }, request: { cpu: 4, memory: 2 ** 32 } },
    ],
  };
}

/** A scheduler from a factory, over a cluster case: the cluster is the context's, pre-allocated as the case says. */
function makeScheduler(factory: PolicyFactory, c: ClusterCase, seed: number): { scheduler: Scheduler; cluster: ClusterState } {
  const scenario = compileScenario({ ...caseScenario(c), seed });
  const cluster = new ClusterState(scenario.dims, scenario.hosts);
  let now = 0;
  const scheduler = asParts(factory({
    cluster,
    scenario,
    streams: new RandomStreams(seed),
    clock: { get now() { return now; } },
    containers: { submitTime: () => now, workload: () => 0, ordinal: (i) => i },
  })).scheduler;
  now = 0;
  c.hosts.forEach((h, i) => {
    const used = cluster.demandOf({ cpu: Math.floor(h.cpu * h.usedCpu), memory: Math.floor(h.memory * h.usedMem) });
    if (!cluster.allocate(i, used, 0)) throw new Error('test setup: pre-allocation must fit');
  });
  return { scheduler, cluster };
}

/** Options for {@link describeSchedulerConformance}. */
export interface ConformanceOptions {
  /** Random scenarios to simulate. @defaultValue 1000 */
  readonly runs?: number;
  /** Random cluster states to select on. @defaultValue 1000 */
  readonly selects?: number;
}

/**
 * Runs the conformance suite against a policy factory (as `registerPolicy` takes):
 * - on random scenarios, after every event no host is over capacity, no container is lost and the
 *   clock never goes back, and a run is deterministic per seed;
 * - `select()` returns a host the request fits on, or -1 exactly when none fits (a scheduler without
 *   further filters: every built-in one on a cluster without taints, selectors or pod limits);
 * - `select()` changes nothing in the cluster, and names victims only if the scheduler `preempts`;
 * - a host with a condition (memory pressure, not ready, cordoned) is never chosen;
 * - a demand at a non-zero offset in a shared array is read from that offset.
 */
export function describeSchedulerConformance(name: string, factory: PolicyFactory, options: ConformanceOptions = {}): void {
  const runs = options.runs ?? 1000, selects = options.selects ?? 1000;
  describe(`scheduler conformance: ${name}`, () => {
    it(`${name}: on random scenarios never overcommits, loses nothing, keeps the clock monotone, and is deterministic`, () => {
      fc.assert(
        fc.property(scenarioArb(), (scenario) => {
          const stepped = new Simulation(scenario, { policy: factory });
          const trace = stepAndCheck(stepped);
          expect(trace.violations).toEqual([]);
          stepped.run(); // finish: there is nothing left to process, so this only closes the books
          const fresh = new Simulation(scenario, { policy: factory }).run();
          expect(JSON.stringify(stepped.result())).toBe(JSON.stringify(fresh.result()));
          expect(fresh.result().policy).toBe(fresh.scheduler.name);
        }),
        { numRuns: runs },
      );
    });

    it(`${name}: select() returns a host the request fits on, or -1 exactly when none fits, changes nothing, and names victims only if it preempts`, () => {
      fc.assert(
        fc.property(clusterCase, fc.integer({ min: 0, max: 1000 }), (c, seed) => {
          const { scheduler, cluster } = makeScheduler(factory, c, seed);
          const req: PlacementRequest = { container: 0, workload: 0, demand: cluster.demandOf(c.request), offset: 0, attempts: 0 };
          const before = [Array.from(cluster.allocated), Array.from(cluster.containers), cluster.version];
          const decision = new SchedulingDecision();
          const h = scheduler.select(req, cluster, decision);
          const anyFits = c.hosts.some((_, i) => cluster.fits(i, req.demand, 0));
          if (anyFits) {
            expect(Number.isInteger(h) && h >= 0 && h < cluster.hostCount).toBe(true);
            expect(cluster.fits(h, req.demand, 0)).toBe(true);
          } else {
            expect(h).toBe(-1);
          }
          if (scheduler.preempts !== true) expect(decision.victimCount).toBe(0);
          expect([Array.from(cluster.allocated), Array.from(cluster.containers), cluster.version]).toEqual(before);
        }),
        { numRuns: selects },
      );
    });

    it(`${name}: select() with the same seed and state makes the same choice`, () => {
      fc.assert(
        fc.property(clusterCase, fc.integer({ min: 0, max: 1000 }), (c, seed) => {
          const choose = () => {
            const { scheduler, cluster } = makeScheduler(factory, c, seed);
            const req: PlacementRequest = { container: 0, workload: 0, demand: cluster.demandOf(c.request), offset: 0, attempts: 0 };
            return [scheduler.select(req, cluster, new SchedulingDecision()), scheduler.select({ ...req, container: 1 }, cluster, new SchedulingDecision())];
          };
          expect(choose()).toEqual(choose());
        }),
        { numRuns: Math.min(selects, 200) },
      );
    });

    it(`${name}: never chooses a host with a condition (memory pressure, not ready, cordoned)`, () => {
      fc.assert(
        fc.property(clusterCase, fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), fc.constantFrom(HostCondition.MemoryPressure, HostCondition.NotReady, HostCondition.Unschedulable), (c, down, condition) => {
          const { scheduler, cluster } = makeScheduler(factory, c, 1);
          c.hosts.forEach((_, i) => {
            if (down[i] === true && cluster.setCondition(i, condition, true)) scheduler.hostConditionChanged?.(i, condition, true);
          });
          const req: PlacementRequest = { container: 0, workload: 0, demand: cluster.demandOf(c.request), offset: 0, attempts: 0 };
          const h = scheduler.select(req, cluster, new SchedulingDecision());
          if (h >= 0) expect(down[h]).not.toBe(true);
          if (c.hosts.some((_, i) => cluster.fits(i, req.demand, 0))) expect(h).toBeGreaterThanOrEqual(0);
        }),
        { numRuns: Math.min(selects, 300) },
      );
    });

    it(`${name}: a demand at a non-zero offset in a shared array is read from that offset`, () => {
      const c: ClusterCase = { hosts: [{ cpu: 1000, memory: 2 ** 30, usedCpu: 0, usedMem: 0 }, { cpu: 8000, memory: 2 ** 34, usedCpu: 0, usedMem: 0 }], request: { cpu: 500, memory: 2 ** 20 } };
      const { scheduler, cluster } = makeScheduler(factory, c, 1);
      const demand = new Float64Array([500, 2 ** 20, 4000, 2 ** 32]); // workload 0 fits both, workload 1 only "big"
      for (let i = 0; i < 5; i++) expect(scheduler.select({ container: i, workload: 1, demand, offset: 2, attempts: 0 }, cluster, new SchedulingDecision())).toBe(1);
    });
  });
}
