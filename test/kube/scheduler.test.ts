import { describe, expect, it } from 'vitest';
import { ClusterState } from '../../src/cluster/cluster-state.js';
import { createRng } from '../../src/random/streams.js';
import { KubeScheduler, formatFitError } from '../../src/kube/kube-scheduler.js';
import { placeGang } from '../../src/kube/place-gang.js';
import { DominantResourceFairness } from '../../src/kube/dominant-resource-fairness.js';
import { scoreHosts } from '../../src/kube/score-hosts.js';
import { setup, Gi } from './fixtures.js';
import type { KubePodFields } from '../../src/kube/pod-fields-schema.js';
import { PodsimError } from '../../src/errors.js';

function identical(n: number, labels?: (i: number) => Record<string, string>) {
  return new ClusterState(['cpu', 'memory'], Array.from({ length: n }, (_, i) => ({ name: `h${i}`, capacity: { cpu: 4000, memory: 8 * Gi }, ...(labels ? { labels: labels(i) } : {}) })));
}

describe('KubeScheduler cycle', () => {
  it('filters from where the last cycle stopped (nextStartNodeIndex) and scores only numFeasibleNodesToFind hosts', () => {
    const cluster = identical(300);
    const s = new KubeScheduler({ cluster, rng: createRng(3, 't') });
    expect(s.numFeasibleNodesToFind()).toBe(144); // 300 × (50 − 2) %
    const pick = () => s.schedule(s.addPod({ request: { cpu: 100 } }));
    const a = pick(), b = pick(), c = pick();
    expect(a).toBeLessThan(144);
    expect(b).toBeGreaterThanOrEqual(144);
    expect(b).toBeLessThan(288);
    expect(c >= 288 || c < 132).toBe(true);
  });

  it('walks nodes round-robin across zones, as the scheduler cache’s node tree lists them', () => {
    const seen: number[] = [];
    for (let seed = 0; seed < 40; seed++) {
      const cluster = identical(200, (i) => ({ 'topology.kubernetes.io/zone': i < 100 ? 'a' : 'b' }));
      const s = new KubeScheduler({ cluster, rng: createRng(seed, 't') });
      seen.push(s.schedule(s.addPod({ request: { cpu: 100 } })));
    }
    // 100 hosts are examined (49 % of 200 is under the floor of 100): 50 from each zone, interleaved.
    expect(seen.every((h) => h < 50 || (h >= 100 && h < 150))).toBe(true);
    expect(seen.some((h) => h < 50) && seen.some((h) => h >= 100)).toBe(true);
  });

  it('breaks ties at random but reproducibly for a seed', () => {
    const run = (seed: number) => {
      const cluster = identical(20);
      const s = new KubeScheduler({ cluster, rng: createRng(seed, 't') });
      return Array.from({ length: 5 }, () => s.schedule(s.addPod({ request: { cpu: 100 } })));
    };
    expect(run(7)).toEqual(run(7));
    expect(new Set([1, 2, 3, 4, 5, 6].map((seed) => run(seed).join())).size).toBeGreaterThan(1);
  });

  it('keeps its indexes right through bind, unbind and removePod', () => {
    const { s, cluster, place } = setup([{ capacity: { cpu: 4000, memory: Gi } }, { capacity: { cpu: 4000, memory: Gi } }]);
    const f: KubePodFields = { labels: { app: 'web' }, affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] } } };
    const a = place(0, { cpu: 100 }, f);
    const b = place(1, { cpu: 100 }, f);
    const p = s.addPod({ request: { cpu: 100 }, fields: f });
    expect(s.schedule(p)).toBe(-1);
    cluster.release(1, s.demand, s.demandOffset(b));
    s.unbind(b);
    expect(s.schedule(p)).toBe(1);
    s.removePod(a); // removing a bound pod unbinds it first
    cluster.release(0, s.demand, s.demandOffset(a));
    expect(s.scoreHosts(p).feasibleCount).toBe(2);
    expect(s.podsOn(0)).toEqual([]);
  });

  it('updateNode cordons a host', () => {
    const { s } = setup([{ capacity: { cpu: 4000, memory: Gi } }, { capacity: { cpu: 4000, memory: Gi } }]);
    const p = s.addPod({ request: { cpu: 100 } });
    s.updateNode(0, { unschedulable: true });
    expect(s.schedule(p)).toBe(1);
    expect(s.scoreHosts(p).hosts[0]?.rejections).toEqual([{ plugin: 'NodeUnschedulable', reasons: ['node(s) were unschedulable'] }]);
  });

  it('orders the queue by priority, then arrival (PrioritySort)', () => {
    const { s } = setup([{ capacity: { cpu: 4000, memory: Gi } }], { priorityClasses: [{ name: 'hi', value: 10 }, { name: 'dflt', value: 1, globalDefault: true }] });
    const a = s.addPod({ request: { cpu: 1 }, timestamp: 1 });
    const b = s.addPod({ request: { cpu: 1 }, fields: { priorityClassName: 'hi' }, timestamp: 2 });
    const c = s.addPod({ request: { cpu: 1 }, timestamp: 0 });
    expect(s.priorityOf(a)).toBe(1); // globalDefault
    expect([a, b, c].sort((x, y) => (s.queueLess(x, y) ? -1 : s.queueLess(y, x) ? 1 : 0))).toEqual([b, c, a]);
  });

  it('serves several profiles by schedulerName, and refuses an unknown one', () => {
    const { s, run } = setup([{ capacity: { cpu: 4000, memory: Gi } }, { capacity: { cpu: 8000, memory: Gi } }], { profiles: [{}, { schedulerName: 'packer', preset: 'binpack', plugins: { score: { disabled: [{ name: '*' }], enabled: [{ name: 'NodeResourcesFit' }] } } }] });
    run({ cpu: 3000 }, { schedulerName: 'packer' }); // MostAllocated: the smaller host is fuller afterwards
    expect(s.hostOf(0)).toBe(0);
    expect(() => s.addPod({ request: { cpu: 1 }, fields: { schedulerName: 'nope' } })).toThrow(PodsimError);
  });

  it('formats FitError messages like kube-scheduler', () => {
    expect(formatFitError(5000, new Map([['Insufficient cpu', 3], ['node(s) had untolerated taint {gpu: }', 4997]]))).toBe('0/5000 nodes are available: 3 Insufficient cpu, 4997 node(s) had untolerated taint {gpu: }.');
  });
});

describe('helpers', () => {
  it('placeGang places all replicas or none', () => {
    const cluster = identical(3);
    const s = new KubeScheduler({ cluster, rng: createRng(1, 'g') });
    const gang = (n: number) => Array.from({ length: n }, () => s.addPod({ request: { cpu: 3000 } }));
    const three = gang(3);
    const hosts = placeGang(s, three);
    expect(hosts && new Set(hosts).size).toBe(3);
    expect(cluster.totalAllocated[0]).toBe(0); // trial only
    expect(placeGang(s, gang(4))).toBeUndefined();
    expect(cluster.totalAllocated[0]).toBe(0);
    expect(three.every((p) => s.hostOf(p) === -1)).toBe(true);
    const committed = placeGang(s, three, { commit: true });
    expect(committed).toBeDefined();
    expect(three.map((p) => s.hostOf(p))).toEqual([...committed!]);
    expect(cluster.totalAllocated[0]).toBe(9000);
  });

  it('DominantResourceFairness serves the tenant with the lowest weighted dominant share', () => {
    const drf = new DominantResourceFairness([100, 1000], { b: 2 });
    drf.allocate('a', [25, 100]); // dominant share 0.25
    drf.allocate('b', [10, 400]); // dominant share 0.4, weight 2 → 0.2
    expect(drf.weightedShare('a')).toBeCloseTo(0.25);
    expect(drf.weightedShare('b')).toBeCloseTo(0.2);
    expect(drf.pickNext([{ tenant: 'a' }, { tenant: 'b' }, { tenant: 'c', timestamp: 5 }, { tenant: 'c', priority: 1, timestamp: 9 }])).toBe(3);
    drf.release('b', [10, 400]);
    expect(drf.pickNext([{ tenant: 'a' }, { tenant: 'b' }])).toBe(1);
    expect(drf.pickNext([])).toBe(-1);
  });

  it('scoreHosts explains every host for a container without an event loop', () => {
    const cluster = new ClusterState(['cpu', 'memory'], [{ name: 'small', capacity: { cpu: 1000, memory: Gi } }, { name: 'big', capacity: { cpu: 8000, memory: 8 * Gi } }]);
    const e = scoreHosts({ request: { cpu: 2000, memory: Gi } }, cluster);
    expect(e.hosts[0]).toMatchObject({ name: 'small', feasible: false, rejections: [{ plugin: 'NodeResourcesFit', reasons: ['Insufficient cpu'] }] });
    expect(e.best).toBe(1);
    const big = e.hosts[1]!;
    expect(big.scores.map((x) => x.plugin)).toEqual(['TaintToleration', 'NodeAffinity', 'NodeResourcesFit', 'PodTopologySpread', 'InterPodAffinity', 'NodeResourcesBalancedAllocation', 'ImageLocality']);
    expect(big.total).toBe(big.scores.reduce((s, x) => s + x.weight * x.normalized, 0));
    expect(big.scores[0]).toMatchObject({ plugin: 'TaintToleration', raw: 0, normalized: 100, skipped: false });
    expect(scoreHosts({ request: { cpu: 9000 } }, cluster, 'binpack').message).toBe('0/2 nodes are available: 2 Insufficient cpu.');
  });
});

describe('checkHost', () => {
  it('checks a pinned pod against one host, as for DaemonSet pods', () => {
    const { s } = setup([{ capacity: { cpu: 4000, memory: Gi } }, { capacity: { cpu: 500, memory: Gi } }], { nodeFieldsByGroup: [{ taints: [{ key: 'x', effect: 'NoExecute' }] }, {}] });
    const p = s.addPod({ request: { cpu: 1000 } });
    expect(s.checkHost(p, 0)).toEqual(['node(s) had untolerated taint {x: }']);
    expect(s.checkHost(p, 1)).toEqual(['Insufficient cpu']);
    const q = s.addPod({ request: { cpu: 100 }, fields: { tolerations: [{ operator: 'Exists' }] } });
    expect(s.checkHost(q, 0)).toEqual([]);
  });
});
