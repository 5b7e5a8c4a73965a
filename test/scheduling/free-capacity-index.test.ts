import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClusterState } from '../../src/cluster/cluster-state.js';
import { FreeCapacityIndex, remainingAfter } from '../../src/scheduling/index.js';

// Reference answers by linear scan.
function linearFirst(c: ClusterState, demand: Float64Array): number {
  for (let h = 0; h < c.hostCount; h++) if (c.fits(h, demand, 0)) return h;
  return -1;
}
function linearBest(c: ClusterState, demand: Float64Array, sign: 1 | -1): number {
  let best = -1, score = Infinity;
  for (let h = 0; h < c.hostCount; h++) {
    if (!c.fits(h, demand, 0)) continue;
    const s = sign * remainingAfter(c, h, demand, 0);
    if (s < score) { score = s; best = h; }
  }
  return best;
}

const cpuChoices = [1000, 2000, 4000, 8000];
const memChoices = [2 ** 30, 2 ** 32, 2 ** 34];

describe('FreeCapacityIndex', () => {
  it('firstFit, bestFit and worstFit agree with a linear scan after any allocations, releases and blocked hosts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ cpu: fc.constantFrom(...cpuChoices), memory: fc.constantFrom(...memChoices) }), { minLength: 1, maxLength: 150 }),
        fc.array(fc.record({ cpu: fc.integer({ min: 0, max: 4000 }), memory: fc.integer({ min: 0, max: 2 ** 33 }), release: fc.boolean(), block: fc.integer({ min: 0, max: 9 }) }), { maxLength: 120 }),
        (hostCaps, ops) => {
          const c = new ClusterState(['cpu', 'memory'], hostCaps.map((cap, i) => ({ name: `h${i}`, capacity: cap })));
          const index = new FreeCapacityIndex(c);
          const held: Array<{ h: number; d: Float64Array }> = [];
          for (const op of ops) {
            const d = Float64Array.of(op.cpu, op.memory);
            expect(index.firstFit(d, 0)).toBe(linearFirst(c, d));
            expect(index.bestFit(d, 0, 1)).toBe(linearBest(c, d, 1));
            expect(index.bestFit(d, 0, -1)).toBe(linearBest(c, d, -1));
            if (op.block === 0) {
              // Block or unblock a host (memory pressure): the index must skip it as fits() does.
              const h = op.cpu % c.hostCount;
              c.setBlocked(h, c.blocked[h] === 0);
            } else if (op.release && held.length > 0) {
              const x = held.splice(op.cpu % held.length, 1)[0]!;
              c.release(x.h, x.d, 0);
            } else {
              const h = index.bestFit(d, 0, 1);
              if (h >= 0) {
                expect(c.allocate(h, d, 0)).toBe(true);
                held.push({ h, d });
              }
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('stays exact over long churns on large clusters of few capacity classes (many equal shares)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom(1, 2, 3), (seed, classes) => {
        let x = seed;
        const rnd = () => ((x = (x * 1103515245 + 12345) >>> 0) / 4294967296);
        const H = 300;
        const c = new ClusterState(['cpu', 'memory'], Array.from({ length: H }, (_, i) => ({ name: `h${i}`, capacity: { cpu: 4000 * (1 + (i % classes)), memory: 2 ** 34 * (1 + (i % classes)) } })));
        const index = new FreeCapacityIndex(c);
        const shapes = [Float64Array.of(700, 3 * 2 ** 30), Float64Array.of(500, 2 ** 30), Float64Array.of(100, 2 ** 27)];
        const held: Array<{ h: number; d: Float64Array }> = [];
        for (let k = 0; k < 3000; k++) {
          const d = shapes[Math.floor(rnd() * shapes.length)] as Float64Array;
          if (held.length > 0 && rnd() < 0.45) {
            const x2 = held.splice(Math.floor(rnd() * held.length), 1)[0]!;
            c.release(x2.h, x2.d, 0);
          } else {
            const sign = rnd() < 0.8 ? 1 : -1;
            const h = index.bestFit(d, 0, sign);
            expect(h).toBe(linearBest(c, d, sign));
            if (h >= 0) {
              c.allocate(h, d, 0);
              held.push({ h, d });
            }
          }
          if (k % 97 === 0) expect(index.firstFit(d, 0)).toBe(linearFirst(c, d));
        }
      }),
      { numRuns: 12 },
    );
  });
});
