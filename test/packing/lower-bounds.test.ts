import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PodsimError } from '../../src/errors.js';
import { lowerBoundL1, lowerBoundL2, packLowerBounds } from '../../src/packing/index.js';

/** The optimum number of bins, by exhaustive search (tiny instances only). */
function optimum(sizes: readonly number[], capacity: number): number {
  const s = [...sizes].sort((a, b) => b - a);
  for (let k = s.length === 0 ? 0 : 1; k <= s.length; k++) {
    const loads = new Array<number>(k).fill(0);
    const place = (i: number): boolean => {
      if (i === s.length) return true;
      const tried = new Set<number>();
      for (let b = 0; b < k; b++) {
        const l = loads[b] as number;
        if (tried.has(l) || l + (s[i] as number) > capacity) continue;
        tried.add(l);
        loads[b] = l + (s[i] as number);
        if (place(i + 1)) return true;
        loads[b] = l;
      }
      return false;
    };
    if (place(0)) return k;
  }
  return s.length;
}

describe('lowerBoundL1 and lowerBoundL2 on hand examples', () => {
  it('L1 is the total divided by the capacity, rounded up', () => {
    expect(lowerBoundL1([60, 60, 60], 100)).toBe(2);
    expect(lowerBoundL1([50, 50], 100)).toBe(1);
    expect(lowerBoundL1([], 100)).toBe(0);
    expect(lowerBoundL1([0, 0, 0], 100)).toBe(0);
  });

  it('L2 counts items above half the capacity that L1 merges', () => {
    // three items of 60 cannot share: L1 says 2, L2 says 3
    expect(lowerBoundL2([60, 60, 60], 100)).toBe(3);
  });

  it('L2 uses the room next to large items for the medium ones (K = 45)', () => {
    // 60s cannot take a 45; the four 45s need two more bins: L1 = 3, L2 = 4 = optimum
    const sizes = [60, 60, 45, 45, 45, 45];
    expect(lowerBoundL1(sizes, 100)).toBe(3);
    expect(lowerBoundL2(sizes, 100)).toBe(4);
    expect(optimum(sizes, 100)).toBe(4);
  });

  it('L2 lets small items fill the room the large ones leave', () => {
    // 70 + 30 three times: everything fits in 3 bins
    expect(lowerBoundL2([70, 70, 70, 30, 30, 30], 100)).toBe(3);
  });

  it('L2 with items larger than C − K that need their own bin', () => {
    // K = 20: 85 and 90 exceed 80 and are alone; 20 + 20 + 30 must go elsewhere with 55
    expect(lowerBoundL2([90, 85, 55, 30, 20, 20], 100)).toBe(4);
    expect(optimum([90, 85, 55, 30, 20, 20], 100)).toBe(4);
  });

  it('stays exact for sums beyond 2^53', () => {
    const big = Number.MAX_SAFE_INTEGER;
    expect(lowerBoundL1([big, big, big], big)).toBe(3);
    expect(lowerBoundL2([big, big, 1], big)).toBe(3);
  });

  it('rejects sizes that are negative, fractional or larger than the capacity, listing them all', () => {
    let error: unknown;
    try {
      lowerBoundL2([5, -1, 2.5, 200], 100);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PodsimError);
    const issues = (error as PodsimError).issues;
    expect(issues.map((i) => i.path)).toEqual(['sizes[1]', 'sizes[2]', 'sizes[3]']);
    expect(issues[2]?.code).toBe('does_not_fit');
    expect(() => lowerBoundL1([1], 0)).toThrow(PodsimError);
  });
});

describe('lower bound properties', () => {
  const instance = fc.integer({ min: 1, max: 60 }).chain((capacity) =>
    fc.record({ capacity: fc.constant(capacity), sizes: fc.array(fc.integer({ min: 0, max: capacity }), { maxLength: 9 }) }),
  );

  it('L2 ≥ L1, and both are at most the optimum', () => {
    fc.assert(
      fc.property(instance, ({ capacity, sizes }) => {
        const l1 = lowerBoundL1(sizes, capacity);
        const l2 = lowerBoundL2(sizes, capacity);
        expect(l2).toBeGreaterThanOrEqual(l1);
        expect(l2).toBeLessThanOrEqual(optimum(sizes.filter((s) => s > 0), capacity));
      }),
      { numRuns: 300 },
    );
  });

  it('packLowerBounds reports per dimension and takes the largest', () => {
    const lb = packLowerBounds(
      [
        { name: 'cpu-heavy', request: { cpu: 600, memory: 10 }, replicas: 3 },
        { name: 'mem-heavy', request: { cpu: 10, memory: 40 }, replicas: 5 },
      ],
      [{ name: 'h', capacity: { cpu: 1000, memory: 100 } }],
    );
    expect(lb.perDimension['cpu']).toEqual({ l1: 2, l2: 3 });
    expect(lb.perDimension['memory']).toEqual({ l1: 3, l2: 3 });
    expect(lb.l1).toBe(3);
    expect(lb.l2).toBe(3);
    expect(lb.hosts).toBe(3);
  });

  it('the conflict bound counts units that pairwise cannot share a host', () => {
    // A and B clash in cpu, B and C in memory, A and C in cpu: three hosts, while L2 says 2
    const lb = packLowerBounds(
      [
        { name: 'A', request: { cpu: 60, memory: 10 } },
        { name: 'B', request: { cpu: 50, memory: 55 } },
        { name: 'C', request: { cpu: 45, memory: 50 } },
      ],
      [{ name: 'h', capacity: { cpu: 100, memory: 100 } }],
    );
    expect(lb.l2).toBe(2);
    expect(lb.conflict).toBe(3);
    expect(lb.hosts).toBe(3);
  });

  it('the cardinality bound counts how many units fit together at most', () => {
    // each unit is small in each dimension but three never fit: (w + v) ≥ 110 each, room 2 × 150
    const items = Array.from({ length: 10 }, (_, i) => ({ name: `u${i}`, request: { a: 20 + 8 * i, b: 110 - 8 * i } }));
    const lb = packLowerBounds(items, [{ name: 'h', capacity: { a: 150, b: 150 } }]);
    expect(lb.cardinality).toBe(5);
    expect(lb.hosts).toBe(5);
  });

  it('the cost bound is at least the host bound times the cheapest useful host', () => {
    const lb = packLowerBounds(
      [{ name: 'x', request: { cpu: 500 }, replicas: 4 }],
      [
        { name: 'tiny', capacity: { cpu: 100 }, cost: 0.01 },
        { name: 'big', capacity: { cpu: 1000 }, cost: 3 },
      ],
    );
    // "tiny" can hold nothing, so it does not lower the bound
    expect(lb.hosts).toBe(2);
    expect(lb.cost).toBeGreaterThanOrEqual(6 - 1e-9);
  });
});
