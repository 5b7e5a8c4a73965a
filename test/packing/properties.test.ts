import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PACK_ALGORITHMS, pack, type PackInput } from '../../src/packing/index.js';
import { packingProblems } from './check-packing.js';

const DIMS = ['cpu', 'memory', 'gpu'] as const;

/** Random valid inputs: 1–3 dimensions, up to 3 host types, up to 12 items with replicas. */
const inputs: fc.Arbitrary<PackInput> = fc
  .record({
    dims: fc.integer({ min: 1, max: 3 }),
    types: fc.array(
      fc.record({ caps: fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 3, maxLength: 3 }), cost: fc.integer({ min: 1, max: 9 }) }),
      { minLength: 1, maxLength: 3 },
    ),
    items: fc.array(
      fc.record({ frac: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }), replicas: fc.integer({ min: 0, max: 4 }) }),
      { maxLength: 12 },
    ),
    objective: fc.constantFrom('hosts' as const, 'cost' as const),
    algorithm: fc.constantFrom(...PACK_ALGORITHMS),
  })
  .map(({ dims, types, items, objective, algorithm }) => {
    const hostTypes = types.map((t, j) => ({
      name: `t${j}`,
      cost: t.cost,
      capacity: Object.fromEntries(DIMS.slice(0, dims).map((d, k) => [d, t.caps[k] as number])),
    }));
    // each item fits the first host type: a fraction of its capacity
    const first = hostTypes[0]?.capacity as Record<string, number>;
    return {
      items: items.map((it, i) => ({
        name: `i${i}`,
        replicas: it.replicas,
        request: Object.fromEntries(DIMS.slice(0, dims).map((d, k) => [d, Math.floor((it.frac[k] as number) * (first[d] as number))])),
      })),
      hostTypes,
      objective,
      algorithm,
    };
  });

describe('pack() invariants on random inputs', () => {
  it('places every replica exactly once and never overfills a host in any dimension', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const r = pack({ ...input, timeLimitMs: Infinity, maxIterations: 300 });
        expect(packingProblems(input, r)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('never reports fewer hosts than the lower bound, nor a cost below the cost bound', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const r = pack({ ...input, timeLimitMs: Infinity, maxIterations: 300 });
        expect(r.hostCount).toBeGreaterThanOrEqual(r.lowerBound.hosts);
        expect(r.lowerBound.hosts).toBeGreaterThanOrEqual(Math.max(r.lowerBound.l1, r.lowerBound.l2));
        expect(r.lowerBound.l2).toBeGreaterThanOrEqual(r.lowerBound.l1);
        expect(r.cost).toBeGreaterThanOrEqual(r.lowerBound.cost - 1e-9);
        expect(r.gap.hosts).toBe(r.hostCount - r.lowerBound.hosts);
      }),
      { numRuns: 150 },
    );
  });

  it('is deterministic for a seed (with an iteration budget instead of a time limit)', () => {
    fc.assert(
      fc.property(inputs, fc.integer({ min: 1, max: 1000 }), (input, seed) => {
        const a = pack({ ...input, seed, timeLimitMs: Infinity, maxIterations: 300 });
        const b = pack({ ...input, seed, timeLimitMs: Infinity, maxIterations: 300 });
        expect(b.hosts).toEqual(a.hosts);
        expect(b.stats.iterations).toBe(a.stats.iterations);
      }),
      { numRuns: 60 },
    );
  });

  it('the pipeline is never worse than first-fit decreasing for the hosts objective', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const base = pack({ ...input, objective: 'hosts', algorithm: 'ffd-sum' });
        const best = pack({ ...input, objective: 'hosts', algorithm: 'pipeline', timeLimitMs: Infinity, maxIterations: 300 });
        expect(best.hostCount).toBeLessThanOrEqual(base.hostCount);
      }),
      { numRuns: 100 },
    );
  });
});
