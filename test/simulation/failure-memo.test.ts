import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Simulation } from '../../src/simulation/simulation.js';
import { bestFit, firstFit, roundRobin, worstFit } from '../../src/scheduling/policies.js';
import type { Scheduler } from '../../src/scheduling/scheduler.js';

// The cycle skips a select it can tell would fail only for schedulers that declare
// failsOnlyWhenNothingFits. The same scheduler behind a wrapper without the flag is asked every time:
// the two runs must give the same bytes.
function unflagged(s: Scheduler): Scheduler {
  const placed = s.placed?.bind(s);
  return { name: s.name, select: (req, view, decision) => s.select(req, view, decision), ...(placed === undefined ? {} : { placed }) };
}

const policies = { 'first-fit': firstFit, 'best-fit': bestFit, 'worst-fit': worstFit, 'round-robin': roundRobin } as const;

function scenario(seed: number, hosts: number, queue: 'fifo' | 'skip', rho: number) {
  return {
    seed,
    hosts: [{ name: 'a', count: hosts, capacity: { cpu: 4, memory: '8Gi' } }, { name: 'b', count: 2, capacity: { cpu: 8, memory: '4Gi' } }],
    workloads: [
      { name: 'web', count: 400, arrival: { process: 'poisson' as const, rate: 2 * rho * hosts }, duration: { distribution: 'exponential' as const, mean: 1 }, request: { cpu: '1500m', memory: '1Gi' } },
      { name: 'batch', count: 150, arrival: { process: 'poisson' as const, rate: rho * hosts }, duration: { distribution: 'exponential' as const, mean: 2 }, request: { cpu: 3, memory: '3Gi' } },
    ],
    scheduler: { queue },
  };
}

describe('the failure memo (skipped selects)', () => {
  it('changes nothing: each built-in policy with and without the skip gives the same result', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 6 }), fc.constantFrom<'fifo' | 'skip'>('fifo', 'skip'),
      fc.constantFrom(...(Object.keys(policies) as (keyof typeof policies)[])), fc.double({ min: 0.5, max: 1.5, noNaN: true }),
      (seed, hosts, queue, name, rho) => {
        const s = scenario(seed, hosts, queue, rho);
        const flagged = policies[name]();
        expect(flagged.failsOnlyWhenNothingFits).toBe(true);
        const a = new Simulation(s, { policy: flagged }).run().result();
        const b = new Simulation(s, { policy: unflagged(policies[name]()) }).run().result();
        expect(JSON.stringify(a)).toBe(JSON.stringify(b));
      },
    ), { numRuns: 60 });
  });

  it('skips under FIFO with a queue: fewer selects than attempts', () => {
    let selects = 0;
    const ff = firstFit();
    const counting: Scheduler = { name: 'first-fit', failsOnlyWhenNothingFits: true, select: (req, view, d) => (selects++, ff.select(req, view, d)) };
    const s = { seed: 1, hosts: [{ name: 'n', count: 4, capacity: { cpu: 1 } }], workloads: [{ name: 'c', count: 2000, arrival: { process: 'poisson' as const, rate: 3.6 }, duration: { distribution: 'exponential' as const, mean: 1 }, request: { cpu: 1 } }] };
    const r = new Simulation(s, { policy: counting }).run().result();
    let all = 0;
    const plain: Scheduler = { name: 'first-fit', select: (req, view, d) => (all++, ff.select(req, view, d)) };
    const r2 = new Simulation(s, { policy: plain }).run().result();
    expect(JSON.stringify(r)).toBe(JSON.stringify(r2));
    expect(selects).toBeLessThan(all);
    expect(selects).toBeGreaterThanOrEqual(r.containers.placed);
  });
});

describe('FailureMemo', () => {
  it('drops a released host found too full, so that later releases elsewhere do not make it forget', async () => {
    const { FailureMemo } = await import('../../src/simulation/failure-memo.js');
    const { ClusterState } = await import('../../src/cluster/cluster-state.js');
    const c = new ClusterState(['cpu'], Array.from({ length: 6 }, (_, i) => ({ name: `n${i}`, capacity: { cpu: 1000 } })));
    const demand = Float64Array.of(1000);
    for (let h = 0; h < 6; h++) c.allocate(h, demand, 0);
    const memo = new FailureMemo();
    memo.failed(0, c.version);
    // Six rounds of: a host releases, the head of the queue takes it, the next request is asked about.
    for (let h = 0; h < 6; h++) {
      c.release(h, demand, 0);
      memo.released(h);
      expect(memo.wouldFail(0, c, demand)).toBe(false); // h has room now: the select must run
      c.allocate(h, demand, 0);
      memo.allocated();
      expect(memo.wouldFail(0, c, demand)).toBe(true); // h is full again, and nothing else was released
    }
    // A release the memo has not heard of (another version) makes it answer false.
    c.release(5, demand, 0);
    expect(memo.wouldFail(0, c, demand)).toBe(false);
  });
});
