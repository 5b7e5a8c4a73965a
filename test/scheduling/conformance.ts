// The policy conformance suite: every placement policy, built-in or not, must pass it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClusterState } from '../../src/cluster/cluster-state.js';
import type { PlacementPolicy, PlacementRequest } from '../../src/scheduling/policy.js';
import { Simulation } from '../../src/simulation/simulation.js';
import { scenarioArb, stepAndCheck } from '../helpers/scenarios.js';

/** Makes a fresh policy; `seed` is the scenario's seed, for policies that draw random numbers. */
export type PolicyFactory = (seed: number | string) => PlacementPolicy;

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

/**
 * Runs the conformance suite against a policy: on random scenarios, after every event no host is
 * over capacity, no container is lost and the clock never goes back; a run is deterministic;
 * `select()` returns a host the request fits on, or -1 exactly when there is none, and changes nothing.
 *
 * @param name - The policy's name, as its results report it.
 * @param makePolicy - Makes a fresh instance (policies may keep state such as a cursor).
 */
export function describePolicyConformance(name: string, makePolicy: PolicyFactory): void {
  describe(`policy conformance: ${name}`, () => {
    it(`${name}: on random scenarios never overcommits, loses nothing, keeps the clock monotone, and is deterministic`, () => {
      fc.assert(
        fc.property(scenarioArb(), (scenario) => {
          const seed = scenario.seed ?? 1;
          const stepped = new Simulation(scenario, { policy: makePolicy(seed) });
          const trace = stepAndCheck(stepped);
          expect(trace.violations).toEqual([]);
          stepped.run(); // finish: there is nothing left to process, so this only closes the books
          const fresh = new Simulation(scenario, { policy: makePolicy(seed) }).run();
          expect(JSON.stringify(stepped.result())).toBe(JSON.stringify(fresh.result()));
          expect(fresh.result().policy).toBe(name);
        }),
        { numRuns: 1000 },
      );
    });

    it(`${name}: select() returns a host the request fits on, or -1 exactly when none fits, and changes nothing`, () => {
      fc.assert(
        fc.property(clusterCase, fc.integer(), (c, seed) => {
          const cluster = buildCluster(c);
          const policy = makePolicy(seed);
          const req: PlacementRequest = { container: 0, workload: 0, demand: cluster.demandOf(c.request), offset: 0 };
          const before = [Array.from(cluster.allocated), Array.from(cluster.containers), cluster.version];
          const h = policy.select(req, cluster);
          const anyFits = c.hosts.some((_, i) => cluster.fits(i, req.demand, 0));
          if (anyFits) {
            expect(Number.isInteger(h) && h >= 0 && h < cluster.hostCount).toBe(true);
            expect(cluster.fits(h, req.demand, 0)).toBe(true);
          } else {
            expect(h).toBe(-1);
          }
          expect([Array.from(cluster.allocated), Array.from(cluster.containers), cluster.version]).toEqual(before);
        }),
        { numRuns: 1000 },
      );
    });

    it(`${name}: a demand at a non-zero offset in a shared array is read from that offset`, () => {
      const cluster = new ClusterState(['cpu', 'memory'], [{ name: 'small', capacity: { cpu: 1000, memory: 2 ** 30 } }, { name: 'big', capacity: { cpu: 8000, memory: 2 ** 34 } }]);
      const demand = new Float64Array([500, 2 ** 20, 4000, 2 ** 32]); // workload 0 fits both, workload 1 only "big"
      const policy = makePolicy(1);
      for (let i = 0; i < 5; i++) expect(policy.select({ container: i, workload: 1, demand, offset: 2 }, cluster)).toBe(1);
    });
  });
}
