import { describe, expect, it } from 'vitest';
import { setup, Gi } from './fixtures.js';
import type { KubePodFields } from '../../src/kube/pod-fields-schema.js';
import type { PriorityClass } from '../../src/kube/policy-schema.js';

const classes: PriorityClass[] = [
  { name: 'low', value: 0 },
  { name: 'mid', value: 100 },
  { name: 'high', value: 1000 },
  { name: 'polite', value: 1000, preemptionPolicy: 'Never' },
];
const low: KubePodFields = { priorityClassName: 'low', labels: { app: 'a' } };
const mid: KubePodFields = { priorityClassName: 'mid', labels: { app: 'c' } };
const high: KubePodFields = { priorityClassName: 'high' };
const two = [{ capacity: { cpu: 4000, memory: 8 * Gi } }, { capacity: { cpu: 4000, memory: 8 * Gi } }];

describe('DefaultPreemption', () => {
  it('reprieves as many victims as possible and prefers the node whose highest victim priority is lowest', () => {
    const { s, place } = setup(two, { priorityClasses: classes });
    const a = place(0, { cpu: 2000 }, low);
    place(0, { cpu: 1000 }, { ...low, labels: { app: 'b' } });
    const c = place(1, { cpu: 3000 }, mid);
    place(1, { cpu: 500 }, low);
    const p = s.addPod({ request: { cpu: 2500 }, fields: high });
    expect(s.schedule(p)).toBe(-1);
    // node1: evicting a (2000) is enough, b is reprieved; node2: c must go. Highest victim: 0 vs 100.
    expect(s.preempt(p)).toEqual({ host: 0, victims: [a], pdbViolations: 0 });
    expect(s.nominatedHostOf(p)).toBe(0);
    void c;
  });

  it('avoids violating a PodDisruptionBudget when another node needs no violation', () => {
    const { s, place } = setup(two, { priorityClasses: classes, podDisruptionBudgets: [{ name: 'keep-a', selector: { matchLabels: { app: 'a' } }, minAvailable: 1 }] });
    place(0, { cpu: 2000 }, low);
    place(0, { cpu: 1000 }, { ...low, labels: { app: 'b' } });
    const c = place(1, { cpu: 3000 }, mid);
    place(1, { cpu: 500 }, { ...low, labels: { app: 'd' } });
    const p = s.addPod({ request: { cpu: 2500 }, fields: high });
    expect(s.schedule(p)).toBe(-1);
    // Evicting the only app=a pod (on node1) would break minAvailable 1; node2's victim breaks nothing.
    expect(s.preempt(p)).toEqual({ host: 1, victims: [c], pdbViolations: 0 });
    // With a second app=a pod running, one of them may go: node1 is chosen again (lower victim priority).
    place(1, { cpu: 100 }, low);
    const q = s.addPod({ request: { cpu: 2500 }, fields: high });
    expect(s.schedule(q)).toBe(-1);
    expect(s.preempt(q)?.host).toBe(0);
  });

  it('breaks ties by fewest victims, then by the latest start among the highest-priority victims', () => {
    const a = setup(two, { priorityClasses: classes });
    a.place(0, { cpu: 2000 }, low);
    a.place(0, { cpu: 2000 }, low);
    const big = a.place(1, { cpu: 4000 }, low);
    const p = a.s.addPod({ request: { cpu: 3000 }, fields: high });
    expect(a.s.schedule(p)).toBe(-1);
    expect(a.s.preempt(p)).toMatchObject({ host: 1, victims: [big] }); // smaller priority sum: one victim
    const b = setup(two, { priorityClasses: classes });
    const x = b.s.addPod({ request: { cpu: 4000 }, fields: low });
    const y = b.s.addPod({ request: { cpu: 4000 }, fields: low });
    b.cluster.allocate(0, b.s.demand, b.s.demandOffset(x));
    b.s.bind(x, 0, 10);
    b.cluster.allocate(1, b.s.demand, b.s.demandOffset(y));
    b.s.bind(y, 1, 5);
    const q = b.s.addPod({ request: { cpu: 3000 }, fields: high });
    expect(b.s.schedule(q)).toBe(-1);
    expect(b.s.preempt(q)).toMatchObject({ host: 0, victims: [x] }); // x started later (10 > 5)
  });

  it('does not preempt with preemptionPolicy Never, for equal priority, or when no eviction would help', () => {
    const { s, place } = setup(two, { priorityClasses: classes });
    place(0, { cpu: 4000 }, low);
    place(1, { cpu: 4000 }, { priorityClassName: 'high' });
    const polite = s.addPod({ request: { cpu: 1000 }, fields: { priorityClassName: 'polite' } });
    expect(s.schedule(polite)).toBe(-1);
    expect(s.preempt(polite)).toBeUndefined();
    const lowPod = s.addPod({ request: { cpu: 1000 }, fields: low });
    expect(s.preempt(lowPod)).toBeUndefined(); // nothing of lower priority
    const huge = s.addPod({ request: { cpu: 5000 }, fields: high });
    expect(s.schedule(huge)).toBe(-1);
    expect(s.preempt(huge)).toBeUndefined(); // larger than any node: unresolvable
    const tainted = setup(two, { priorityClasses: classes, nodeFieldsByGroup: [{ taints: [{ key: 't', effect: 'NoSchedule' }] }, { taints: [{ key: 't', effect: 'NoSchedule' }] }] });
    expect(tainted.s.preempt(tainted.s.addPod({ request: { cpu: 100 }, fields: high }))).toBeUndefined();
  });

  it('after the victims are evicted, the next cycle places the pod on its nominated host', () => {
    const { s, cluster, place } = setup(two, { priorityClasses: classes });
    place(0, { cpu: 3000 }, low);
    place(1, { cpu: 3500 }, low);
    const p = s.addPod({ request: { cpu: 2000 }, fields: high });
    expect(s.schedule(p)).toBe(-1);
    const r = s.preempt(p)!;
    for (const v of r.victims) {
      cluster.release(s.hostOf(v), s.demand, s.demandOffset(v));
      s.removePod(v);
    }
    expect(s.schedule(p)).toBe(r.host);
    expect(cluster.allocate(r.host, s.demand, s.demandOffset(p))).toBe(true);
    s.bind(p, r.host);
    expect(s.nominatedHostOf(p)).toBe(-1);
  });

  it('considers anti-affinity: evicting the pod that repels the preemptor makes room', () => {
    const anti: KubePodFields = { priorityClassName: 'high', labels: { app: 'web' }, affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] } } };
    const { s, place } = setup(two, { priorityClasses: classes });
    const w0 = place(0, { cpu: 100 }, { priorityClassName: 'low', labels: { app: 'web' } });
    place(1, { cpu: 100 }, { priorityClassName: 'high', labels: { app: 'web' } });
    const p = s.addPod({ request: { cpu: 100 }, fields: anti });
    expect(s.schedule(p)).toBe(-1);
    expect(s.lastFailure?.message).toBe("0/2 nodes are available: 2 node(s) didn't match pod anti-affinity rules.");
    expect(s.preempt(p)).toEqual({ host: 0, victims: [w0], pdbViolations: 0 });
  });
});

describe('DefaultPreemption properties', () => {
  it('victims have lower priority, none could be spared, evicting them makes the pod fit on the nominated host, and no preemption means no host could be freed', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 2, max: 8 }), { minLength: 1, maxLength: 5 }),
      fc.array(fc.record({ cpu: fc.integer({ min: 1, max: 6 }), prio: fc.constantFrom('low', 'mid', 'high') }), { minLength: 1, maxLength: 20 }),
      fc.integer({ min: 1, max: 8 }),
      fc.nat(100),
      (caps, pods, want, seed) => {
        const { s, cluster, run } = setup(caps.map((c) => ({ capacity: { cpu: c * 500, memory: 8 * Gi } })), { priorityClasses: classes, seed });
        for (const p of pods) run({ cpu: p.cpu * 500 }, { priorityClassName: p.prio });
        const p = s.addPod({ request: { cpu: want * 500 }, fields: high });
        if (s.schedule(p) >= 0) return;
        const r = s.preempt(p);
        if (r === undefined) {
          // Even with every lower-priority pod gone, no host has room.
          for (let h = 0; h < caps.length; h++) {
            const keep = s.podsOn(h).filter((q) => s.priorityOf(q) >= 1000).reduce((a, q) => a + (s.demand[s.demandOffset(q)] as number), 0);
            expect((cluster.capacity[h * 2] as number) - keep).toBeLessThan(want * 500);
          }
          return;
        }
        expect(r.victims.length).toBeGreaterThan(0);
        const freed = r.victims.reduce((a, v) => a + (s.demand[s.demandOffset(v)] as number), 0);
        const freeAfter = cluster.free(r.host, 0) + freed;
        for (const v of r.victims) {
          expect(s.hostOf(v)).toBe(r.host);
          expect(s.priorityOf(v)).toBeLessThan(1000);
          // Minimal in the greedy sense: no single victim could have been spared.
          expect(freeAfter - (s.demand[s.demandOffset(v)] as number)).toBeLessThan(want * 500);
        }
        for (const v of r.victims) {
          cluster.release(r.host, s.demand, s.demandOffset(v));
          s.removePod(v);
        }
        expect(s.schedule(p)).toBe(r.host);
      },
    ), { numRuns: 150 });
  });
});
