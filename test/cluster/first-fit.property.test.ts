import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ClusterState } from '../../src/cluster/cluster-state.js';

// ClusterState.firstFit remembers which hosts at the start have no room in the first dimension
// (lowRoom) and skips them; releases and capacity changes below it must lower it. Checked against a
// plain scan of fits() after every operation, including requests with nothing in the first dimension.
describe('ClusterState.firstFit', () => {
  it('is the lowest host from `from` on that fits, after any allocations, releases, capacity changes and blocks', () => {
    const op = fc.oneof(
      { weight: 4, arbitrary: fc.record({ kind: fc.constant('allocate' as const), host: fc.nat(), cpu: fc.integer({ min: 0, max: 4 }), memory: fc.integer({ min: 0, max: 3 }) }) },
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('capacity' as const), host: fc.nat(), cpu: fc.integer({ min: 0, max: 6 }) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('block' as const), host: fc.nat(), on: fc.boolean() }) },
    );
    fc.assert(fc.property(fc.integer({ min: 1, max: 12 }), fc.array(op, { maxLength: 80 }), (hosts, ops) => {
      const c = new ClusterState(['cpu', 'memory'], Array.from({ length: hosts }, (_, i) => ({ name: `h${i}`, capacity: { cpu: 1 + (i % 4), memory: 3 } })));
      const held: Array<{ host: number; demand: Float64Array }> = [];
      const wrong: string[] = [];
      const check = () => {
        for (let cpu = 0; cpu <= 3; cpu++) for (let memory = 0; memory <= 2; memory++) for (let from = 0; from <= hosts; from += 3) {
          const d = Float64Array.of(cpu, memory);
          let want = -1;
          for (let h = from; h < hosts; h++) if (c.fits(h, d, 0)) { want = h; break; }
          const got = c.firstFit(d, 0, from);
          if (got !== want) wrong.push(`firstFit(${cpu}, ${memory}, from ${from}) = ${got}, a scan says ${want}`);
        }
      };
      for (const o of ops) {
        if (o.kind === 'allocate') {
          const d = Float64Array.of(o.cpu, o.memory), h = o.host % hosts;
          if (c.allocate(h, d, 0)) held.push({ host: h, demand: d });
        } else if (o.kind === 'release') {
          const [x] = held.splice(o.pick % Math.max(1, held.length), 1);
          if (x !== undefined) c.release(x.host, x.demand, 0);
        } else if (o.kind === 'capacity') c.setCapacity(o.host % hosts, { cpu: o.cpu });
        else c.setBlocked(o.host % hosts, o.on);
        check();
      }
      expect(wrong).toEqual([]);
    }), { numRuns: 200 });
  });
});
