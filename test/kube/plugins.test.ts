import { describe, expect, it } from 'vitest';
import { Gi, Mi, only, scoresOf, setup } from './fixtures.js';
import type { KubePodFields } from '../../src/kube/pod-fields-schema.js';

const twoNodes = [
  { capacity: { cpu: 4000, memory: 10000 } },
  { capacity: { cpu: 6000, memory: 10000 } },
];

describe('NodeResourcesFit scoring', () => {
  it('LeastAllocated matches least_allocated_test.go "nothing scheduled, resources requested, differently sized nodes"', () => {
    const { s } = setup(twoNodes, { profiles: [only('NodeResourcesFit')] });
    const p = s.addPod({ request: { cpu: 3000, memory: 5000 } });
    expect(scoresOf(s, p)).toEqual({ node1: { raw: 37, normalized: 37 }, node2: { raw: 50, normalized: 50 } });
  });

  it('LeastAllocated with memory weight 2 and cpu weight 1 gives 41 and 50 (least_allocated_test.go)', () => {
    const profile = only('NodeResourcesFit', { pluginConfig: [{ name: 'NodeResourcesFit', args: { scoringStrategy: { resources: [{ name: 'memory', weight: 2 }, { name: 'cpu', weight: 1 }] } } }] });
    const { s } = setup(twoNodes, { profiles: [profile] });
    const p = s.addPod({ request: { cpu: 3000, memory: 5000 } });
    expect(scoresOf(s, p)).toEqual({ node1: { raw: 41, normalized: 41 }, node2: { raw: 50, normalized: 50 } });
  });

  it('MostAllocated averages the used shares: (75 + 50) / 2 = 62 and 50', () => {
    const { s } = setup(twoNodes, { profiles: [only('NodeResourcesFit', { preset: 'binpack' })] });
    const p = s.addPod({ request: { cpu: 3000, memory: 5000 } });
    expect(scoresOf(s, p)).toEqual({ node1: { raw: 62, normalized: 62 }, node2: { raw: 50, normalized: 50 } });
  });

  it('RequestedToCapacityRatio with shape {0:10, 100:0} gives 38 and 50 (requested_to_capacity_ratio_test.go)', () => {
    const profile = only('NodeResourcesFit', { pluginConfig: [{ name: 'NodeResourcesFit', args: { scoringStrategy: { type: 'RequestedToCapacityRatio', requestedToCapacityRatio: { shape: [{ utilization: 0, score: 10 }, { utilization: 100, score: 0 }] } } } }] });
    const { s } = setup(twoNodes, { profiles: [profile] });
    const p = s.addPod({ request: { cpu: 3000, memory: 5000 } });
    expect(scoresOf(s, p)).toEqual({ node1: { raw: 38, normalized: 38 }, node2: { raw: 50, normalized: 50 } });
  });

  it('RequestedToCapacityRatio on an extended resource (TestResourceBinPackingSingleExtended)', () => {
    const profile = only('NodeResourcesFit', { pluginConfig: [{ name: 'NodeResourcesFit', args: { scoringStrategy: { type: 'RequestedToCapacityRatio', resources: [{ name: 'intel.com/foo', weight: 1 }], requestedToCapacityRatio: { shape: [{ utilization: 0, score: 0 }, { utilization: 100, score: 1 }] } } } }] });
    const hosts = [
      { capacity: { cpu: 4000, memory: 10000 * Mi, 'intel.com/foo': 8 } },
      { capacity: { cpu: 4000, memory: 10000 * Mi, 'intel.com/foo': 4 } },
    ];
    const a = setup(hosts, { profiles: [profile], dims: ['cpu', 'memory', 'intel.com/foo'] });
    expect(scoresOf(a.s, a.s.addPod({ request: { 'intel.com/foo': 2 } }))).toEqual({ node1: { raw: 2, normalized: 2 }, node2: { raw: 5, normalized: 5 } });
    // "on node with existing pod running": node2 already holds 2 → 4/4 → 10.
    a.place(1, { 'intel.com/foo': 2 });
    expect(scoresOf(a.s, a.s.addPod({ request: { 'intel.com/foo': 2 } }))).toEqual({ node1: { raw: 2, normalized: 2 }, node2: { raw: 10, normalized: 10 } });
    // A pod that does not request the extended resource is not scored on it: 0.
    expect(scoresOf(a.s, a.s.addPod({ request: { cpu: 100 } }))).toEqual({ node1: { raw: 0, normalized: 0 }, node2: { raw: 0, normalized: 0 } });
  });

  it('a missing CPU or memory request is scored as 100m / 200Mi, and existing pods count with their non-zero requests', () => {
    const { s, place } = setup([{ capacity: { cpu: 1000, memory: 1 * Gi } }], { profiles: [only('NodeResourcesFit')] });
    // CPU (1000 − 100) × 100 / 1000 = 90; memory (1024 − 512) / 1024 = 50 → 70.
    expect(scoresOf(s, s.addPod({ request: { memory: 512 * Mi } })).node1?.raw).toBe(70);
    place(0, { memory: 100 * Mi }); // counts as 100m CPU when scoring
    // CPU (1000 − 200) → 80; memory (1024 − 612) × 100 / 1024 = 40 → 60.
    expect(scoresOf(s, s.addPod({ request: { memory: 512 * Mi } })).node1?.raw).toBe(60);
  });
});

describe('NodeResourcesBalancedAllocation', () => {
  it('matches balanced_allocation_test.go with the classic formula', () => {
    const a = setup(twoNodes, { profiles: [only('NodeResourcesBalancedAllocation')] });
    expect(scoresOf(a.s, a.s.addPod({ request: { cpu: 3000, memory: 5000 } }))).toEqual({ node1: { raw: 87, normalized: 87 }, node2: { raw: 100, normalized: 100 } });
    // "resources requested, pods scheduled with resources": uses actual requests, so a 0 memory request stays 0.
    const b = setup([{ capacity: { cpu: 10000, memory: 20000 } }, { capacity: { cpu: 10000, memory: 20000 } }], { profiles: [only('NodeResourcesBalancedAllocation')] });
    b.place(0, { cpu: 3000 });
    b.place(1, { cpu: 3000, memory: 5000 });
    expect(scoresOf(b.s, b.s.addPod({ request: { cpu: 3000, memory: 5000 } }))).toEqual({ node1: { raw: 82, normalized: 82 }, node2: { raw: 95, normalized: 95 } });
    // "requested resources at node capacity": 50 and 75.
    const c = setup([{ capacity: { cpu: 6000, memory: 10000 } }, { capacity: { cpu: 6000, memory: 10000 } }], { profiles: [only('NodeResourcesBalancedAllocation')] });
    c.place(0, { cpu: 3000 });
    c.place(1, { cpu: 3000, memory: 5000 });
    expect(scoresOf(c.s, c.s.addPod({ request: { cpu: 3000 } }))).toEqual({ node1: { raw: 50, normalized: 50 }, node2: { raw: 75, normalized: 75 } });
  });

  it('includes a requested scalar resource: 70 and 65 ("include scalar resource on a node")', () => {
    const profile = only('NodeResourcesBalancedAllocation', { pluginConfig: [{ name: 'NodeResourcesBalancedAllocation', args: { resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }, { name: 'nvidia.com/gpu', weight: 1 }] } }] });
    const hosts = [{ capacity: { cpu: 3500, memory: 40000, 'nvidia.com/gpu': 8 } }, { capacity: { cpu: 3500, memory: 40000, 'nvidia.com/gpu': 8 } }];
    const { s, place } = setup(hosts, { profiles: [profile], dims: ['cpu', 'memory', 'nvidia.com/gpu'] });
    place(0, { cpu: 3000, memory: 5000, 'nvidia.com/gpu': 3 });
    place(1, { cpu: 3000, memory: 5000 });
    expect(scoresOf(s, s.addPod({ request: { 'nvidia.com/gpu': 1 } }))).toEqual({ node1: { raw: 70, normalized: 70 }, node2: { raw: 65, normalized: 65 } });
  });

  it('skips best-effort pods and scores the change in balance with formula withWithoutPod', () => {
    const a = setup(twoNodes, { profiles: [only('NodeResourcesBalancedAllocation')] });
    const be = a.s.scoreHosts(a.s.addPod({ request: {} }));
    expect(be.hosts.every((h) => h.scores[0]?.skipped === true)).toBe(true);
    const b = setup(twoNodes, { profiles: [only('NodeResourcesBalancedAllocation', { pluginConfig: [{ name: 'NodeResourcesBalancedAllocation', args: { formula: 'withWithoutPod' } }] })] });
    // node1: with the pod 87, empty 100 → 50 + (50 + 87 − 100) / 2 = 68; node2: 100 and 100 → 75.
    expect(scoresOf(b.s, b.s.addPod({ request: { cpu: 3000, memory: 5000 } }))).toEqual({ node1: { raw: 68, normalized: 68 }, node2: { raw: 75, normalized: 75 } });
  });
});

describe('NodeAffinity', () => {
  const hosts = [
    { capacity: { cpu: 4000, memory: Gi }, labels: { zone: 'a', disk: 'ssd', cores: '8' } },
    { capacity: { cpu: 4000, memory: Gi }, labels: { zone: 'b', disk: 'hdd', cores: '16' } },
    { capacity: { cpu: 4000, memory: Gi }, labels: { zone: 'c', cores: 'many' } },
  ];
  const feasible = (fields: KubePodFields) => {
    const { s } = setup(hosts);
    return s.scoreHosts(s.addPod({ request: { cpu: 100 }, fields })).hosts.filter((h) => h.feasible).map((h) => h.name);
  };

  it('filters on nodeSelector and required terms with every operator', () => {
    expect(feasible({ nodeSelector: { disk: 'ssd' } })).toEqual(['node1']);
    const term = (key: string, operator: string, values?: string[]) => ({
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key, operator, ...(values ? { values } : {}) }] }] } } },
    });
    expect(feasible(term('zone', 'In', ['a', 'c']))).toEqual(['node1', 'node3']);
    expect(feasible(term('disk', 'NotIn', ['ssd']))).toEqual(['node2', 'node3']); // a missing label satisfies NotIn
    expect(feasible(term('disk', 'Exists'))).toEqual(['node1', 'node2']);
    expect(feasible(term('disk', 'DoesNotExist'))).toEqual(['node3']);
    expect(feasible(term('cores', 'Gt', ['8']))).toEqual(['node2']); // "many" is not an integer
    expect(feasible(term('cores', 'Lt', ['16']))).toEqual(['node1']);
    // Terms are ORed; matchFields selects by node name.
    expect(feasible({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] }, { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node3'] }] }] } } } })).toEqual(['node2', 'node3']);
  });

  it('reports the node affinity reason', () => {
    const { s } = setup(hosts);
    const p = s.addPod({ request: { cpu: 100 }, fields: { nodeSelector: { zone: 'x' } } });
    expect(s.schedule(p)).toBe(-1);
    expect(s.lastFailure?.message).toBe("0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.");
    expect(s.lastFailure?.byPlugin).toEqual({ NodeAffinity: 3 });
  });

  it('scores preferred terms by summed weight, normalised by the maximum', () => {
    const { s } = setup(hosts, { profiles: [only('NodeAffinity')] });
    const p = s.addPod({
      request: { cpu: 100 },
      fields: { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [
        { weight: 2, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } },
        { weight: 8, preference: { matchExpressions: [{ key: 'disk', operator: 'Exists' }] } },
      ] } } },
    });
    expect(scoresOf(s, p)).toEqual({ node1: { raw: 10, normalized: 100 }, node2: { raw: 8, normalized: 80 }, node3: { raw: 0, normalized: 0 } });
  });
});

describe('TaintToleration and NodeUnschedulable', () => {
  const hosts = [{ capacity: { cpu: 4000, memory: Gi } }, { capacity: { cpu: 4000, memory: Gi } }, { capacity: { cpu: 4000, memory: Gi } }];

  it('keeps pods off NoSchedule and NoExecute taints they do not tolerate, with the taint in the reason', () => {
    const { s } = setup(hosts, { nodeFieldsByGroup: [{ taints: [{ key: 'gpu', value: 'a100', effect: 'NoSchedule' }] }, { taints: [{ key: 'maint', effect: 'NoExecute' }] }, { unschedulable: true }] });
    const p = s.addPod({ request: { cpu: 100 } });
    expect(s.schedule(p)).toBe(-1);
    expect(s.lastFailure?.message).toBe('0/3 nodes are available: 1 node(s) had untolerated taint {gpu: a100}, 1 node(s) had untolerated taint {maint: }, 1 node(s) were unschedulable.');
    const tol: KubePodFields = { tolerations: [{ key: 'gpu', operator: 'Equal', value: 'a100', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/unschedulable', operator: 'Exists' }] };
    const ok = s.scoreHosts(s.addPod({ request: { cpu: 100 }, fields: tol })).hosts.filter((h) => h.feasible).map((h) => h.name);
    expect(ok).toEqual(['node1', 'node3']);
    // An empty key with Exists tolerates everything.
    expect(s.scoreHosts(s.addPod({ request: { cpu: 100 }, fields: { tolerations: [{ operator: 'Exists' }] } })).feasibleCount).toBe(3);
  });

  it('scores PreferNoSchedule taints not tolerated, reversed: 0, 1, 2 intolerable → 100, 50, 0', () => {
    const pref = (k: string) => ({ key: k, effect: 'PreferNoSchedule' as const });
    const { s } = setup(hosts, { profiles: [only('TaintToleration')], nodeFieldsByGroup: [{}, { taints: [pref('a')] }, { taints: [pref('a'), pref('b')] }] });
    expect(scoresOf(s, s.addPod({ request: { cpu: 100 } }))).toEqual({ node1: { raw: 0, normalized: 100 }, node2: { raw: 1, normalized: 50 }, node3: { raw: 2, normalized: 0 } });
    // A NoSchedule toleration does not count against PreferNoSchedule taints; an effect-less one does.
    const f1: KubePodFields = { tolerations: [{ key: 'b', operator: 'Exists', effect: 'NoSchedule' }] };
    expect(scoresOf(s, s.addPod({ request: { cpu: 100 }, fields: f1 })).node3?.raw).toBe(2);
    const f2: KubePodFields = { tolerations: [{ key: 'b', operator: 'Exists' }] };
    expect(scoresOf(s, s.addPod({ request: { cpu: 100 }, fields: f2 })).node3?.raw).toBe(1);
  });

  it('NodeResourcesFit rejects a host at maxPods with "Too many pods"', () => {
    const { s, place } = setup([{ capacity: { cpu: 4000, memory: Gi } }], { nodeFieldsByGroup: [{ maxPods: 1 }] });
    place(0, { cpu: 100 });
    expect(s.schedule(s.addPod({ request: { cpu: 100 } }))).toBe(-1);
    expect(s.lastFailure?.message).toBe('0/1 nodes are available: 1 Too many pods.');
  });

  it('lists every insufficient resource of a host', () => {
    const { s } = setup([{ capacity: { cpu: 1000, memory: Gi } }, { capacity: { cpu: 4000, memory: Gi } }]);
    expect(s.schedule(s.addPod({ request: { cpu: 2000, memory: 2 * Gi } }))).toBe(-1);
    expect(s.lastFailure?.message).toBe('0/2 nodes are available: 1 Insufficient cpu, 2 Insufficient memory.');
  });
});

describe('PodTopologySpread', () => {
  const zoned = [
    { capacity: { cpu: 8000, memory: 8 * Gi }, labels: { zone: 'a' } },
    { capacity: { cpu: 8000, memory: 8 * Gi }, labels: { zone: 'a' } },
    { capacity: { cpu: 8000, memory: 8 * Gi }, labels: { zone: 'b' } },
    { capacity: { cpu: 8000, memory: 8 * Gi } },
  ];
  const web: KubePodFields = {
    labels: { app: 'web' },
    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }],
  };

  it('DoNotSchedule: matchNum + self − globalMin ≤ maxSkew, and nodes without the key are rejected as unresolvable', () => {
    const { s, place } = setup(zoned);
    place(0, { cpu: 100 }, web);
    const e = s.scoreHosts(s.addPod({ request: { cpu: 100 }, fields: web }));
    // zone a: 1 + 1 − 0 = 2 > 1; zone b: 0 + 1 − 0 = 1.
    expect(e.hosts.map((h) => (h.feasible ? 'ok' : h.rejections[0]?.reasons[0]))).toEqual([
      "node(s) didn't match pod topology spread constraints",
      "node(s) didn't match pod topology spread constraints",
      'ok',
      "node(s) didn't match pod topology spread constraints (missing required label)",
    ]);
    // Pods of other apps and namespaces do not count.
    place(2, { cpu: 100 }, { labels: { app: 'db' } });
    place(2, { cpu: 100 }, { labels: { app: 'web' }, namespace: 'other' });
    expect(s.scoreHosts(s.addPod({ request: { cpu: 100 }, fields: web })).hosts.filter((h) => h.feasible).map((h) => h.name)).toEqual(['node3']);
  });

  it('minDomains above the number of domains makes the global minimum 0', () => {
    const { s, place } = setup(zoned.slice(0, 3));
    place(0, { cpu: 100 }, web);
    place(2, { cpu: 100 }, web);
    const tight: KubePodFields = { ...web, topologySpreadConstraints: [{ ...web.topologySpreadConstraints![0]!, minDomains: 3 }] };
    // Without minDomains: min is 1, both zones pass (1 + 1 − 1 = 1). With minDomains 3 > 2 domains, min is 0: 2 > 1.
    expect(s.scoreHosts(s.addPod({ request: { cpu: 100 }, fields: web })).feasibleCount).toBe(3);
    expect(s.scoreHosts(s.addPod({ request: { cpu: 100 }, fields: tight })).feasibleCount).toBe(0);
  });

  it('nodeAffinityPolicy Honor counts only nodes that match the pod’s node affinity', () => {
    const hosts = [
      { capacity: { cpu: 8000, memory: Gi }, labels: { zone: 'a', pool: 'x' } },
      { capacity: { cpu: 8000, memory: Gi }, labels: { zone: 'b', pool: 'x' } },
      { capacity: { cpu: 8000, memory: Gi }, labels: { zone: 'c', pool: 'y' } },
    ];
    const { s, place } = setup(hosts);
    place(0, { cpu: 100 }, web);
    // Zone c (pool y) is not eligible, so the minimum is zone b's 0: zone a would be 2 > 1, zone b 1.
    const pinned: KubePodFields = { ...web, nodeSelector: { pool: 'x' } };
    expect(s.scoreHosts(s.addPod({ request: { cpu: 100 }, fields: pinned })).hosts.filter((h) => h.feasible).map((h) => h.name)).toEqual(['node2']);
    place(1, { cpu: 100 }, web);
    // Now zones a and b have 1 each; with Honor the minimum is 1 and both pass; Ignore counts zone c's 0 → both fail.
    expect(s.scoreHosts(s.addPod({ request: { cpu: 100 }, fields: pinned })).feasibleCount).toBe(2);
    const ignore: KubePodFields = { ...pinned, topologySpreadConstraints: [{ ...web.topologySpreadConstraints![0]!, nodeAffinityPolicy: 'Ignore' }] };
    expect(s.scoreHosts(s.addPod({ request: { cpu: 100 }, fields: ignore })).feasibleCount).toBe(0);
  });

  it('nodeTaintsPolicy Honor leaves out nodes whose taints the pod does not tolerate', () => {
    const hosts = [{ capacity: { cpu: 8000, memory: Gi } }, { capacity: { cpu: 8000, memory: Gi } }, { capacity: { cpu: 8000, memory: Gi } }];
    const { s, place } = setup(hosts, { nodeFieldsByGroup: [{}, {}, { taints: [{ key: 'gpu', effect: 'NoSchedule' }] }] });
    const byHost = (policy: 'Honor' | 'Ignore'): KubePodFields => ({
      labels: { app: 'web' },
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } }, nodeTaintsPolicy: policy }],
    });
    place(0, { cpu: 100 }, { labels: { app: 'web' } });
    place(1, { cpu: 100 }, { labels: { app: 'web' } });
    // Ignore: the tainted, empty node3 makes the minimum 0, so 1 + 1 − 0 > 1 everywhere it could go.
    expect(s.scoreHosts(s.addPod({ request: { cpu: 100 }, fields: byHost('Ignore') })).feasibleCount).toBe(0);
    expect(s.scoreHosts(s.addPod({ request: { cpu: 100 }, fields: byHost('Honor') })).feasibleCount).toBe(2);
  });

  it('ScheduleAnyway scores cnt × ln(domains + 2) + maxSkew − 1, normalised as (max + min − s) / max', () => {
    const soft: KubePodFields = { labels: { app: 'web' }, topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web' } } }] };
    const { s, place } = setup(zoned, { profiles: [only('PodTopologySpread')] });
    place(0, { cpu: 100 }, web);
    place(1, { cpu: 100 }, web);
    // zone a: 2 × ln(2 + 2) = 2.77 → 3; zone b: 0. node4 lacks the key and is ignored (0).
    expect(scoresOf(s, s.addPod({ request: { cpu: 100 }, fields: soft }))).toEqual({
      node1: { raw: 3, normalized: 0 }, node2: { raw: 3, normalized: 0 }, node3: { raw: 0, normalized: 100 }, node4: { raw: 0, normalized: 0 },
    });
  });

  it('system default constraints spread the pods of one owner by hostname (maxSkew 3)', () => {
    const { s, place } = setup(zoned.slice(0, 3), { profiles: [only('PodTopologySpread')] });
    place(0, { cpu: 100 }, undefined, 'web');
    place(0, { cpu: 100 }, undefined, 'web');
    place(1, { cpu: 100 }, undefined, 'other');
    // hostname: cnt × ln(3 + 2) + 2; zone key "topology.kubernetes.io/zone" exists on no host → skipped.
    const w = Math.log(5);
    const raw = [Math.round(2 * w + 2), Math.round(0 * w + 2), Math.round(0 * w + 2)];
    const max = Math.max(...raw), min = Math.min(...raw);
    expect(scoresOf(s, s.addPod({ request: { cpu: 100 }, owner: 'web' }))).toEqual({
      node1: { raw: raw[0], normalized: Math.floor((100 * (max + min - raw[0]!)) / max) },
      node2: { raw: raw[1], normalized: Math.floor((100 * (max + min - raw[1]!)) / max) },
      node3: { raw: raw[2], normalized: Math.floor((100 * (max + min - raw[2]!)) / max) },
    });
    // A pod without an owner gets no default constraints.
    expect(s.scoreHosts(s.addPod({ request: { cpu: 100 } })).hosts[0]?.scores[0]?.skipped).toBe(true);
  });
});

describe('InterPodAffinity', () => {
  const hosts = [
    { capacity: { cpu: 8000, memory: 8 * Gi }, labels: { zone: 'a' } },
    { capacity: { cpu: 8000, memory: 8 * Gi }, labels: { zone: 'a' } },
    { capacity: { cpu: 8000, memory: 8 * Gi }, labels: { zone: 'b' } },
  ];
  const term = (app: string, key: string) => ({ labelSelector: { matchLabels: { app } }, topologyKey: key });

  it('required anti-affinity keeps a pod out of domains with matching pods', () => {
    const { s, place } = setup(hosts);
    place(0, { cpu: 100 }, { labels: { app: 'web' } });
    const f: KubePodFields = { labels: { app: 'web' }, affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web', 'zone')] } } };
    const e = s.scoreHosts(s.addPod({ request: { cpu: 100 }, fields: f }));
    expect(e.hosts.map((h) => h.feasible)).toEqual([false, false, true]);
    expect(e.hosts[0]?.rejections[0]?.reasons).toEqual(["node(s) didn't match pod anti-affinity rules"]);
  });

  it('bound pods’ anti-affinity keeps matching pods away', () => {
    const { s, place } = setup(hosts);
    place(2, { cpu: 100 }, { labels: { app: 'db' }, affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web', 'kubernetes.io/hostname')] } } });
    const e = s.scoreHosts(s.addPod({ request: { cpu: 100 }, fields: { labels: { app: 'web' } } }));
    expect(e.hosts.map((h) => h.feasible)).toEqual([true, true, false]);
    expect(e.hosts[2]?.rejections[0]?.reasons).toEqual(["node(s) didn't satisfy existing pods anti-affinity rules"]);
    // Another namespace is not matched by the term (it defaults to the carrier's namespace).
    expect(s.scoreHosts(s.addPod({ request: { cpu: 100 }, fields: { labels: { app: 'web' }, namespace: 'x' } })).feasibleCount).toBe(3);
  });

  it('required affinity needs a matching pod in the domain, except for the first pod of a self-affine group', () => {
    const { s, place, run } = setup(hosts);
    const f: KubePodFields = { labels: { app: 'cache' }, affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('cache', 'zone')] } } };
    expect(s.scoreHosts(s.addPod({ request: { cpu: 100 }, fields: f })).feasibleCount).toBe(3);
    place(2, { cpu: 100 }, { labels: { app: 'cache' } });
    const e = s.scoreHosts(s.addPod({ request: { cpu: 100 }, fields: f }));
    expect(e.hosts.map((h) => h.feasible)).toEqual([false, false, true]);
    expect(e.hosts[0]?.rejections[0]?.reasons).toEqual(["node(s) didn't match pod affinity rules"]);
    // A pod that does not match its own term has no exception.
    const g: KubePodFields = { labels: { app: 'api' }, affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('nothing', 'zone')] } } };
    expect(run({ cpu: 100 }, g)).toBe(-1);
  });

  it('preferred terms and bound pods’ terms add ± weight per domain, normalised by (s − min) / (max − min)', () => {
    const { s, place } = setup(hosts, { profiles: [only('InterPodAffinity')] });
    place(0, { cpu: 100 }, { labels: { app: 'db' } });
    place(2, { cpu: 100 }, { labels: { app: 'noisy' } });
    const f: KubePodFields = {
      labels: { app: 'web' },
      affinity: {
        podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5, podAffinityTerm: term('db', 'zone') }] },
        podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 3, podAffinityTerm: term('noisy', 'kubernetes.io/hostname') }] },
      },
    };
    // zone a: +5 on node1 and node2; node3: −3.
    expect(scoresOf(s, s.addPod({ request: { cpu: 100 }, fields: f }))).toEqual({
      node1: { raw: 5, normalized: 100 }, node2: { raw: 5, normalized: 100 }, node3: { raw: -3, normalized: 0 },
    });
    // A bound pod's required affinity term that the incoming pod matches adds hardPodAffinityWeight (1).
    place(1, { cpu: 100 }, { labels: { app: 'x' }, affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web', 'kubernetes.io/hostname')] } } });
    expect(scoresOf(s, s.addPod({ request: { cpu: 100 }, fields: { labels: { app: 'web' } } }))).toEqual({
      node1: { raw: 0, normalized: 0 }, node2: { raw: 1, normalized: 100 }, node3: { raw: 0, normalized: 0 },
    });
  });
});

describe('ImageLocality', () => {
  it('scores images present on the node, scaled by how many nodes have them (image_locality_test.go)', () => {
    const { s } = setup([{ capacity: { cpu: 4000, memory: Gi } }, { capacity: { cpu: 4000, memory: Gi } }], {
      profiles: [only('ImageLocality')],
      nodeFieldsByGroup: [
        { images: [{ name: 'gcr.io/40', size: 40 * Mi }, { name: 'gcr.io/300', size: 300 * Mi }, { name: 'gcr.io/2000', size: 2000 * Mi }] },
        { images: [{ name: 'gcr.io/250:latest', size: 250 * Mi }, { name: 'gcr.io/10', size: '10Mi' }] },
      ],
    });
    expect(scoresOf(s, s.addPod({ request: { cpu: 100 }, fields: { images: ['gcr.io/40', 'gcr.io/250'] } }))).toEqual({ node1: { raw: 0, normalized: 0 }, node2: { raw: 5, normalized: 5 } });
    expect(scoresOf(s, s.addPod({ request: { cpu: 100 }, fields: { images: ['gcr.io/40', 'gcr.io/300'] } }))).toEqual({ node1: { raw: 7, normalized: 7 }, node2: { raw: 0, normalized: 0 } });
  });
});

describe('TetrisAlignment', () => {
  it('prefers the host whose free capacity lines up with the demand', () => {
    const { s, place } = setup([{ capacity: { cpu: 4000, memory: 4 * Gi } }, { capacity: { cpu: 4000, memory: 4 * Gi } }], { profiles: [only('TetrisAlignment')] });
    place(0, { cpu: 3000, memory: 100 * Mi }); // node1 has little CPU left, plenty of memory
    const sc = scoresOf(s, s.addPod({ request: { cpu: 1000, memory: 100 * Mi } }));
    expect(sc.node2?.normalized).toBe(100);
    expect(sc.node1!.normalized).toBeLessThan(50);
  });
});
