import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClusterState } from '../../src/cluster/cluster-state.js';
import { add, available, equals, fits, isNegative, sum, type ResourceVector } from '../../src/resources/vector.js';

// Large integer byte values with arbitrary low bits: any float drift would show at once.
const bytes = fc.integer({ min: 2 ** 30, max: 2 ** 46 }).map((b) => b + 1); // odd-ish, far from round
const millicores = fc.integer({ min: 1000, max: 256_000 });
const capacity = fc.record({
  cpu: millicores,
  memory: bytes,
  gpu: fc.nat(8),
  'example.com/fpga': fc.nat(3),
}) as fc.Arbitrary<ResourceVector>;

// A candidate allocation: mostly small parts of a host, sometimes too big to fit.
function part(cap: ResourceVector): fc.Arbitrary<ResourceVector> {
  const dim = (k: string) => fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: Math.max(0, Math.ceil((cap[k] ?? 0) / 3)) }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: (cap[k] ?? 0) + 1 }) });
  return fc.record({ cpu: dim('cpu'), memory: dim('memory'), gpu: dim('gpu'), 'example.com/fpga': dim('example.com/fpga') });
}

describe('R_c = R_h − R_s', () => {
  it('available(capacity, allocations) is ≥ 0 and R_c + Σ allocations = R_h exactly, for allocations that were admitted by fits()', () => {
    fc.assert(
      fc.property(capacity.chain((cap) => fc.tuple(fc.constant(cap), fc.array(part(cap), { maxLength: 30 }))), ([cap, candidates]) => {
        // Admit candidates one by one, as a scheduler would, using fits() against the current R_c.
        const held: ResourceVector[] = [];
        for (const c of candidates) if (fits(c, available(cap, held))) held.push(c);
        const rc = available(cap, held);
        expect(isNegative(rc)).toBe(false);
        expect(add(rc, sum(held))).toEqual(add(cap, {})); // exact, dimension by dimension
        expect(equals(add(rc, sum(held)), cap)).toBe(true);
        // Releasing every allocation in any order returns exactly to capacity.
        expect(available(cap, [])).toEqual(cap);
      }),
      { numRuns: 1000 },
    );
  });

  it('ClusterState: after any sequence of allocations and releases, R_c ≥ 0, R_c + Σ allocations = R_h exactly, and free returns exactly to capacity', () => {
    const dims = ['cpu', 'memory', 'gpu', 'example.com/fpga'];
    const op = fc.oneof(
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('allocate' as const), host: fc.nat(), demand: fc.record({ cpu: fc.nat(64_000), memory: fc.nat(2 ** 44).map((b) => b * 3 + 1), gpu: fc.nat(3), 'example.com/fpga': fc.nat(1) }) }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }) },
    );
    fc.assert(
      fc.property(fc.array(capacity, { minLength: 1, maxLength: 4 }), fc.array(op, { maxLength: 60 }), fc.nat(), (caps, ops, releaseSeed) => {
        const c = new ClusterState(dims, caps.map((capacity, i) => ({ name: `h${i}`, capacity })));
        const held: Array<{ host: number; demand: Float64Array; vector: ResourceVector }> = [];
        // Mismatches are collected and asserted once per case: an expect() per operation is slow.
        const wrong: string[] = [];
        const same = (what: string, a: unknown, b: unknown) => { const x = JSON.stringify(a), y = JSON.stringify(b); if (x !== y) wrong.push(`${what}: ${x} ≠ ${y}`); };
        const zero = Object.fromEntries(dims.map((d) => [d, 0]));
        const check = () => {
          for (let h = 0; h < c.hostCount; h++) {
            const mine = held.filter((x) => x.host === h).map((x) => x.vector);
            const rc = c.availableOf(h);
            if (isNegative(rc)) wrong.push(`host ${h} overcommitted: ${JSON.stringify(rc)}`);
            same(`R_c + Σ = R_h on host ${h}`, add(rc, sum(mine)), add(c.capacityOf(h), {}));
            same(`ClusterState R_c vs available() on host ${h}`, rc, add(available(caps[h] as ResourceVector, mine), zero));
            same(`containers on host ${h}`, c.containers[h], mine.length);
          }
          for (let d = 0; d < c.D; d++) {
            let t = 0;
            for (let h = 0; h < c.hostCount; h++) t += c.allocated[h * c.D + d] as number;
            same(`total allocated in ${dims[d]}`, c.totalAllocated[d], t);
          }
          same('hosts in use', c.hostsInUse, new Set(held.map((x) => x.host)).size);
        };
        for (const o of ops) {
          if (o.kind === 'allocate') {
            const h = o.host % c.hostCount;
            const demand = c.demandOf(o.demand);
            const shouldFit = fits(o.demand, c.availableOf(h));
            same('fits', c.fits(h, demand, 0), shouldFit);
            same('allocate', c.allocate(h, demand, 0), shouldFit); // refuses what does not fit, whatever the caller wants
            if (shouldFit) held.push({ host: h, demand, vector: o.demand });
          } else if (held.length > 0) {
            const [x] = held.splice(o.pick % held.length, 1);
            if (x !== undefined) c.release(x.host, x.demand, 0);
          }
          check();
        }
        expect(wrong).toEqual([]);
        // Release the rest in a shuffled order: every host is back exactly at capacity.
        let r = releaseSeed;
        while (held.length > 0) {
          r = (r * 1103515245 + 12345) % 2 ** 31;
          const [x] = held.splice(r % held.length, 1);
          if (x !== undefined) c.release(x.host, x.demand, 0);
        }
        for (let h = 0; h < c.hostCount; h++) {
          for (let d = 0; d < c.D; d++) {
            expect(c.allocated[h * c.D + d]).toBe(0);
            expect(c.free(h, d)).toBe(c.capacity[h * c.D + d]);
          }
        }
        expect(Array.from(c.totalAllocated)).toEqual(dims.map(() => 0));
        expect(c.hostsInUse).toBe(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('ClusterState.allocate() refuses a demand that does not fit and changes nothing', () => {
    const c = new ClusterState(['cpu', 'memory'], [{ name: 'n0', capacity: { cpu: 1000, memory: 4 * 2 ** 30 } }]);
    const before = c.version;
    expect(c.allocate(0, c.demandOf({ cpu: 1001 }), 0)).toBe(false);
    expect(c.allocate(0, c.demandOf({ memory: 4 * 2 ** 30 + 1 }), 0)).toBe(false);
    expect(Array.from(c.allocated)).toEqual([0, 0]);
    expect([c.hostsInUse, c.containers[0], c.version]).toEqual([0, 0, before]);
    expect(c.allocate(0, c.demandOf({ cpu: 1000, memory: 4 * 2 ** 30 }), 0)).toBe(true);
    expect([c.free(0, 0), c.free(0, 1), c.hostsInUse]).toEqual([0, 0, 1]);
  });

  it('ClusterState.demandOf() refuses a dimension the cluster does not track', () => {
    const c = new ClusterState(['cpu', 'memory'], [{ name: 'n0', capacity: { cpu: 1000 } }]);
    expect(() => c.demandOf({ gpu: 1 })).toThrow(/"gpu" is not in dims/);
  });
});
