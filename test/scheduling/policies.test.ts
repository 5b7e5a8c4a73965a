import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClusterState } from '../../src/cluster/cluster-state.js';
import { createRng, RandomStreams } from '../../src/random/streams.js';
import { createPolicy, POLICIES } from '../../src/scheduling/create-policy.js';
import { bestFit, firstFit, randomFit, remainingAfter, roundRobin, worstFit } from '../../src/scheduling/policies.js';
import type { PlacementPolicy, PlacementRequest } from '../../src/scheduling/policy.js';
import { simulate } from '../../src/simulation/simulate.js';
import { Simulation } from '../../src/simulation/simulation.js';
import { buildCluster, clusterCase } from './conformance.js';

const Gi = 2 ** 30;

// Four hosts of 4 cores and 16Gi; host 0 is full, host 1 has 1 core free, host 2 has 3, host 3 is empty.
function handMade(): ClusterState {
  const c = new ClusterState(['cpu', 'memory'], [0, 1, 2, 3].map((i) => ({ name: `n${i}`, capacity: { cpu: 4000, memory: 16 * Gi } })));
  c.allocate(0, c.demandOf({ cpu: 4000, memory: 4 * Gi }), 0);
  c.allocate(1, c.demandOf({ cpu: 3000, memory: 4 * Gi }), 0);
  c.allocate(2, c.demandOf({ cpu: 1000, memory: 4 * Gi }), 0);
  return c;
}
const request = (c: ClusterState, v: Record<string, number>): PlacementRequest => ({ container: 0, workload: 0, demand: c.demandOf(v), offset: 0 });

// Places a request through the policy and the cluster, as the simulation does.
function place(policy: PlacementPolicy, c: ClusterState, req: PlacementRequest): number {
  const h = policy.select(req, c);
  if (h >= 0) {
    expect(c.allocate(h, req.demand, req.offset)).toBe(true);
    policy.placed?.(req, h);
  }
  return h;
}

describe('first-fit', () => {
  it('firstFit().select() picks the lowest-numbered host the request fits on', () => {
    const c = handMade();
    expect(firstFit().select(request(c, { cpu: 500 }), c)).toBe(1);
    expect(firstFit().select(request(c, { cpu: 2000 }), c)).toBe(2);
    expect(firstFit().select(request(c, { cpu: 3500 }), c)).toBe(3);
    expect(firstFit().select(request(c, { cpu: 4001 }), c)).toBe(-1);
  });

  it('firstFit().select() is the lowest feasible index on any cluster', () => {
    fc.assert(
      fc.property(clusterCase, (k) => {
        const c = buildCluster(k);
        const req = request(c, k.request);
        const want = k.hosts.findIndex((_, i) => c.fits(i, req.demand, 0));
        expect(firstFit().select(req, c)).toBe(want);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('best-fit and worst-fit', () => {
  it('bestFit().select() picks the host left tightest after placement; worstFit() the loosest', () => {
    const c = handMade();
    const req = request(c, { cpu: 1000, memory: Gi });
    expect(bestFit().select(req, c)).toBe(1); // leaves 0 cores
    expect(worstFit().select(req, c)).toBe(3); // leaves 3 cores
    expect(bestFit().select(request(c, { cpu: 2000 }), c)).toBe(2);
  });

  it('remainingAfter() sums the fractions of each dimension left after placement', () => {
    const c = handMade();
    const req = request(c, { cpu: 1000, memory: 4 * Gi });
    expect(remainingAfter(c, 2, req.demand, 0)).toBeCloseTo(2000 / 4000 + 8 / 16, 12);
    expect(remainingAfter(c, 3, req.demand, 0)).toBeCloseTo(3000 / 4000 + 12 / 16, 12);
  });

  it('best-fit weighs every dimension: a host tight in memory beats one tight only in CPU', () => {
    const c = new ClusterState(['cpu', 'memory'], [
      { name: 'cpu-tight', capacity: { cpu: 2000, memory: 64 * Gi } },
      { name: 'both-tight', capacity: { cpu: 2500, memory: 4 * Gi } },
    ]);
    const req = request(c, { cpu: 1000, memory: 2 * Gi });
    // cpu-tight leaves 0.5 + 62/64; both-tight leaves 0.6 + 0.5.
    expect(bestFit().select(req, c)).toBe(1);
    expect(worstFit().select(req, c)).toBe(0);
  });

  it('best-fit and worst-fit break ties towards the lower-numbered host', () => {
    const c = new ClusterState(['cpu', 'memory'], [0, 1, 2].map((i) => ({ name: `n${i}`, capacity: { cpu: 4000, memory: 8 * Gi } })));
    const req = request(c, { cpu: 1000 });
    expect(bestFit().select(req, c)).toBe(0);
    expect(worstFit().select(req, c)).toBe(0);
  });

  it('bestFit() and worstFit() pick the feasible host with the least and the most remainingAfter()', () => {
    fc.assert(
      fc.property(clusterCase, (k) => {
        const c = buildCluster(k);
        const req = request(c, k.request);
        const feasible = k.hosts.map((_, i) => i).filter((i) => c.fits(i, req.demand, 0));
        const scores = feasible.map((i) => remainingAfter(c, i, req.demand, 0));
        const b = bestFit().select(req, c), w = worstFit().select(req, c);
        if (feasible.length === 0) {
          expect([b, w]).toEqual([-1, -1]);
          return;
        }
        expect(remainingAfter(c, b, req.demand, 0)).toBe(Math.min(...scores));
        expect(remainingAfter(c, w, req.demand, 0)).toBe(Math.max(...scores));
        expect(b).toBe(feasible[scores.indexOf(Math.min(...scores))]); // the first of equals
        expect(w).toBe(feasible[scores.indexOf(Math.max(...scores))]);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('round-robin', () => {
  it('roundRobin() rotates through the hosts, one placement each', () => {
    const c = new ClusterState(['cpu', 'memory'], [0, 1, 2].map((i) => ({ name: `n${i}`, capacity: { cpu: 4000, memory: 8 * Gi } })));
    const p = roundRobin();
    const got = Array.from({ length: 7 }, () => place(p, c, request(c, { cpu: 500 })));
    expect(got).toEqual([0, 1, 2, 0, 1, 2, 0]);
  });

  it('roundRobin() skips hosts the request does not fit on and resumes after the host it used', () => {
    const c = handMade(); // free cores: 0, 1, 3, 4
    const p = roundRobin();
    const got = Array.from({ length: 5 }, () => place(p, c, request(c, { cpu: 1000 })));
    // 1 (host 1 now full), 2, 3, then wraps past full hosts 0 and 1 to 2, then 3.
    expect(got).toEqual([1, 2, 3, 2, 3]);
  });

  it('roundRobin() instances keep their own cursor', () => {
    const c = new ClusterState(['cpu', 'memory'], [0, 1].map((i) => ({ name: `n${i}`, capacity: { cpu: 4000, memory: 8 * Gi } })));
    const a = roundRobin(), b = roundRobin();
    expect(place(a, c, request(c, { cpu: 1 }))).toBe(0);
    expect(place(a, c, request(c, { cpu: 1 }))).toBe(1);
    expect(b.select(request(c, { cpu: 1 }), c)).toBe(0);
  });
});

describe('random', () => {
  const pick = (seed: number, n: number) => {
    const c = handMade();
    const p = randomFit(createRng(seed, 'policy/random'));
    return Array.from({ length: n }, () => p.select(request(c, { cpu: 1000 }), c));
  };

  it('randomFit() with the same seed makes the same choices, and with another seed different ones', () => {
    expect(pick(1, 50)).toEqual(pick(1, 50));
    expect(pick(1, 50)).not.toEqual(pick(2, 50));
  });

  it('randomFit() covers every feasible host uniformly and never picks an infeasible one', () => {
    const n = 30_000;
    const got = pick(7, n);
    const counts = [0, 1, 2, 3].map((h) => got.filter((x) => x === h).length);
    expect(counts[0]).toBe(0); // host 0 is full
    // Hosts 1, 2 and 3 each have 1/3 chance; χ²(2) at p = 0.001 is 13.8.
    const chi2 = counts.slice(1).reduce((s, k) => s + (k - n / 3) ** 2 / (n / 3), 0);
    expect(chi2).toBeLessThan(13.8);
  });

  it('createPolicy("random") draws from the stream policy/random of the given streams', () => {
    const c = handMade();
    const a = createPolicy('random', new RandomStreams(3));
    const b = randomFit(createRng(3, 'policy/random'));
    for (let i = 0; i < 30; i++) expect(a.select(request(c, { cpu: 1000 }), c)).toBe(b.select(request(c, { cpu: 1000 }), c));
  });
});

describe('createPolicy', () => {
  it('createPolicy() makes each policy in POLICIES, named as asked', () => {
    expect([...POLICIES]).toEqual(['first-fit', 'best-fit', 'worst-fit', 'random', 'round-robin']);
    for (const name of POLICIES) expect(createPolicy(name, new RandomStreams(1)).name).toBe(name);
  });
});

describe('policies inside a simulation', () => {
  const scenario = {
    seed: 1,
    hosts: [{ name: 'n', count: 3, capacity: { cpu: 2, memory: '4Gi' } }],
    workloads: [{ name: 'w', count: 40, arrival: { process: 'interval' as const, every: 0.5 }, duration: { distribution: 'constant' as const, value: 2 }, request: { cpu: '500m', memory: '512Mi' } }],
  };

  it('a policy that returns a host the container does not fit on makes the run throw a clear error instead of overcommitting', () => {
    const broken: PlacementPolicy = { name: 'always-zero', select: () => 0 };
    const run = new Simulation({ ...scenario, workloads: [{ ...scenario.workloads[0]!, request: { cpu: 1 } }] }, { policy: broken });
    let error: unknown;
    try {
      while (run.step()) { /* until it throws */ }
    } catch (e) {
      error = e;
    }
    expect(String(error)).toMatch(/placement policy "always-zero" chose host 0 \(n-0\), where the container does not fit; the cluster refused it/);
    // Nothing was overcommitted on the way there.
    for (let d = 0; d < run.cluster.D; d++) expect(run.cluster.allocated[d]).toBeLessThanOrEqual(run.cluster.capacity[d] as number);
    expect(() => simulate({ ...scenario, workloads: [{ ...scenario.workloads[0]!, request: { cpu: 1 } }] }, { policy: broken })).toThrow(/always-zero/);
  });

  it('a policy is told of each placement and release with the host it chose', () => {
    const log: string[] = [];
    const inner = firstFit();
    const spy: PlacementPolicy = {
      name: 'spy',
      select: (r, h) => inner.select(r, h),
      placed: (r, h) => log.push(`+${r.container}@${h}`),
      released: (container, _w, h) => log.push(`-${container}@${h}`),
    };
    const r = simulate({ ...scenario, workloads: [{ ...scenario.workloads[0]!, count: 6 }] }, { policy: spy });
    expect(r.policy).toBe('spy');
    expect(log.filter((x) => x.startsWith('+'))).toHaveLength(6);
    expect(log.filter((x) => x.startsWith('-'))).toHaveLength(6);
    // Each release names the host its placement did.
    const hostOf = new Map<string, string[]>();
    for (const e of log) {
      const [c, h] = e.slice(1).split('@') as [string, string];
      if (e.startsWith('+')) hostOf.set(c, [...(hostOf.get(c) ?? []), h]);
      else expect(hostOf.get(c)?.shift()).toBe(h);
    }
  });

  it('worst-fit spreads containers over hosts while first-fit packs them', () => {
    const run = (policy: 'first-fit' | 'worst-fit') => simulate({ ...scenario, scheduler: { policy }, workloads: [{ ...scenario.workloads[0]!, count: 3, arrival: { process: 'explicit' as const, times: [0, 0, 0] }, duration: { distribution: 'constant' as const, value: 10 } }] });
    expect(run('first-fit').hosts.peakInUse).toBe(1);
    expect(run('worst-fit').hosts.peakInUse).toBe(3);
  });
});

describe('blocked hosts (memory pressure)', () => {
  it('no policy places on a blocked host; a direct allocate (a DaemonSet pod) still may', () => {
    const c = new ClusterState(['cpu', 'memory'], [0, 1, 2].map((i) => ({ name: `n${i}`, capacity: { cpu: 4000, memory: 8 * Gi } })));
    const demand = c.demandOf({ cpu: 1000, memory: Gi });
    c.setBlocked(0, true);
    c.setBlocked(2, true);
    expect([c.fits(0, demand, 0), c.hasRoom(0, demand, 0)]).toEqual([false, true]);
    const req: PlacementRequest = { container: 0, workload: 0, demand, offset: 0 };
    for (const name of POLICIES) expect(createPolicy(name, new RandomStreams(1)).select(req, c), name).toBe(1);
    expect(c.allocate(0, demand, 0)).toBe(true);
    c.setBlocked(0, false);
    expect(firstFit().select(req, c)).toBe(0);
  });
});
