import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClusterState } from '../../src/cluster/cluster-state.js';
import { CountTable, ViewPool } from '../../src/kube/count-table.js';
import { KubeScheduler } from '../../src/kube/kube-scheduler.js';
import type { KubePodFields } from '../../src/kube/pod-fields-schema.js';
import { createRng } from '../../src/random/streams.js';

const Gi = 2 ** 30;

function cluster(n: number): ClusterState {
  return new ClusterState(['cpu', 'memory'], Array.from({ length: n }, (_, i) => ({ name: `h${i}`, capacity: { cpu: 16000, memory: 64 * Gi }, labels: { 'topology.kubernetes.io/zone': `z${i % 3}` } })));
}

describe('CountTable', () => {
  it('agrees with a Map of counts through adds and removals, sparse or promoted to dense, and its view is dense', () => {
    fc.assert(
      fc.property(fc.integer({ min: 65, max: 3000 }), fc.array(fc.tuple(fc.nat(), fc.constantFrom(1, 1, 2, -1)), { maxLength: 400 }), (size, ops) => {
        const t = new CountTable(size);
        const oracle = new Map<number, number>();
        for (const [raw, delta] of ops) {
          const slot = raw % size;
          t.add(slot, delta);
          oracle.set(slot, (oracle.get(slot) ?? 0) + delta);
        }
        for (const [slot, v] of oracle) if (t.get(slot) !== v) return false;
        const pool = new ViewPool(size);
        const view = pool.view(t);
        for (let s = 0; s < size; s++) if ((view[s] ?? 0) !== (oracle.get(s) ?? 0)) return false;
        pool.release();
        // After release, a scratch view is all zeros again.
        const empty = pool.view(new CountTable(size));
        return empty.every((x) => x === 0);
      }),
      { numRuns: 300 },
    );
  });

  it('stays sparse while few slots are used, and promotes past 1/32 of them', () => {
    const t = new CountTable(12_500);
    for (let h = 0; h < 100; h++) t.add(h * 7, 1);
    expect(t.dense).toBeNull();
    for (let h = 0; h < 400; h++) t.add(h * 11 + 1, 1);
    expect(t.dense).not.toBeNull();
    expect(t.get(7)).toBe(1);
  });
});

describe('kube at scale: memory and work do not grow with workloads × hosts', () => {
  it('thousands of workloads, each its own request shape and owner, share one static class and keep sparse selector counts', () => {
    const c = cluster(2000);
    const s = new KubeScheduler({ cluster: c, rng: createRng(1, 't') });
    const rng = createRng(2, 'shapes');
    for (let w = 0; w < 3000; w++) {
      const fields: KubePodFields = { labels: { app: `w${w}` } };
      for (let k = 0; k < 2; k++) {
        const p = s.addPod({ request: { cpu: 100 + Math.floor(rng.next() * 1000), memory: 2 ** 28 }, fields, owner: `w${w}` });
        const h = s.schedule(p);
        if (h >= 0 && c.allocate(h, s.demand, s.demandOffset(p))) s.bind(p, h);
      }
    }
    const store = s.state.store;
    expect(store.templates.length).toBe(3000);
    expect(new Set(store.templates.map((t) => t.cls)).size).toBe(1);
    // Default spreading counts each owner's pods apart: no label selector, and sparse counts per owner.
    expect(store.selectors.length).toBe(0);
    expect(store.templates.every((t) => t.matched.length === 0)).toBe(true);
    expect(store.liveOwners).toBe(3000);
    expect(store.owners.every((o) => o !== undefined && o.hosts.dense === null && o.total === 2)).toBe(true);
  });

  it('pods of thousands of owners and request shapes with alike fields share one template; an owner is forgotten with its last pod', () => {
    const c = cluster(500);
    const s = new KubeScheduler({ cluster: c, rng: createRng(3, 't') });
    const rng = createRng(4, 'shapes');
    const fields: KubePodFields = {};
    const live: number[] = [];
    for (let job = 0; job < 4000; job++) {
      for (let k = 0; k < 2; k++) {
        const p = s.addPod({ request: { cpu: 10 + Math.floor(rng.next() * 90), memory: 2 ** 20 + Math.floor(rng.next() * 2 ** 24) }, fields, owner: job });
        const h = s.schedule(p);
        if (h >= 0 && c.allocate(h, s.demand, s.demandOffset(p))) {
          s.bind(p, h);
          live.push(p);
        } else s.removePod(p);
      }
      // Jobs leave in arrival order, keeping about 1000 pods alive.
      while (live.length > 1000) {
        const v = live.shift() as number;
        c.release(s.hostOf(v), s.demand, s.demandOffset(v));
        s.removePod(v);
      }
    }
    const store = s.state.store;
    expect(store.templates.length).toBe(1);
    expect(store.selectors.length).toBe(0);
    // Owners with live pods only; ids of departed owners are reused.
    expect(store.liveOwners).toBe(500);
    expect(store.owners.length).toBeLessThanOrEqual(502);
    for (const v of live.splice(0)) {
      c.release(s.hostOf(v), s.demand, s.demandOffset(v));
      s.removePod(v);
    }
    expect(store.liveOwners).toBe(0);
  });

  it('memoised scores with more request shapes than cache entries choose exactly as without memoisation', () => {
    const run = (watchCluster: boolean) => {
      const c = cluster(300);
      const s = new KubeScheduler({ cluster: c, rng: createRng(5, 't'), watchCluster });
      const rng = createRng(6, 'shapes');
      const out: number[] = [];
      const live: number[] = [];
      for (let i = 0; i < 3000; i++) {
        const shape = Math.floor(rng.next() * 500);
        const p = s.addPod({ request: { cpu: 50 + shape * 7, memory: (1 + (shape % 13)) * 2 ** 27 }, owner: `s${shape % 40}` });
        const h = s.schedule(p);
        out.push(h);
        if (h >= 0 && c.allocate(h, s.demand, s.demandOffset(p))) {
          s.bind(p, h);
          live.push(p);
        } else s.removePod(p);
        if (live.length > 1500) {
          const v = live.shift() as number;
          c.release(s.hostOf(v), s.demand, s.demandOffset(v));
          s.removePod(v);
        }
      }
      return out;
    };
    expect(run(true)).toEqual(run(false));
  });
});
