import { describe, expect, it } from 'vitest';
import { ClusterState } from '../../src/cluster/cluster-state.js';
import { KubeScheduler } from '../../src/kube/kube-scheduler.js';
import { createRng } from '../../src/random/streams.js';

const Gi = 2 ** 30;

function scheduler(hosts: number): { cluster: ClusterState; s: KubeScheduler } {
  const cluster = new ClusterState(['cpu', 'memory'], Array.from({ length: hosts }, (_, i) => ({ name: `h${i}`, capacity: { cpu: 4000, memory: 16 * Gi } })));
  return { cluster, s: new KubeScheduler({ cluster, rng: createRng(3, 'pod-ids') }) };
}

describe('KubeScheduler pod ids', () => {
  it('reuses the ids of removed pods: 50,000 pods through, at most 40 alive, the per-pod table stays at its first size', () => {
    const { cluster, s } = scheduler(20);
    const alive: number[] = [];
    const seen = new Set<number>();
    for (let i = 0; i < 50_000; i++) {
      const p = s.addPod({ request: { cpu: 100 + (i % 7) * 50, memory: 2 ** 28 }, owner: `job-${i >> 2}` });
      seen.add(p);
      const h = s.schedule(p);
      expect(h).toBeGreaterThanOrEqual(0);
      expect(cluster.allocate(h, s.demand, s.demandOffset(p))).toBe(true);
      s.bind(p, h);
      alive.push(p);
      if (alive.length > 40) {
        const v = alive.shift() as number;
        cluster.release(s.hostOf(v), s.demand, s.demandOffset(v));
        s.removePod(v);
      }
    }
    expect(seen.size).toBeLessThanOrEqual(41);
    expect(s.podCapacity).toBe(1024);
    // The counts the plugins read are those of the pods alive.
    let bound = 0;
    for (let h = 0; h < 20; h++) bound += s.podsOn(h).length;
    expect(bound).toBe(40);
  });

  it('a reused id is a new pod: unbound, not nominated, its own request, and queued after earlier pods by default', () => {
    const { s } = scheduler(2);
    const a = s.addPod({ request: { cpu: 500, memory: Gi } });
    const b = s.addPod({ request: { cpu: 500, memory: Gi } });
    s.bind(a, 0);
    s.removePod(a);
    const c = s.addPod({ request: { cpu: 1500, memory: 2 * Gi } });
    expect(c).toBe(a);
    expect(s.hostOf(c)).toBe(-1);
    expect(s.nominatedHostOf(c)).toBe(-1);
    expect(s.demand[s.demandOffset(c)]).toBe(1500);
    expect(s.podsOn(0)).toEqual([]);
    // FIFO by the order of addPod calls, not by id: b came before c although c has the smaller id.
    expect(s.queueLess(b, c)).toBe(true);
    expect(s.queueLess(c, b)).toBe(false);
  });
});
