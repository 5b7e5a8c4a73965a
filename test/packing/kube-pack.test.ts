import { describe, expect, it } from 'vitest';
import { kubeCheckPacking, withPodDimension } from '../../src/packing/kube-pack.js';
import { pack } from '../../src/packing/pack.js';
import type { PackInput } from '../../src/packing/types.js';

const antiDb = {
  labels: { app: 'db' },
  affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'db' } } }] } },
};

// Every host pack returns passes kube-scheduler's filters: checked by binding the replicas through
// KubeScheduler.checkHost, the same call the packer makes (no second implementation of a filter).
function expectFeasible(input: PackInput, r: ReturnType<typeof pack>): void {
  expect(kubeCheckPacking(withPodDimension(input), r.hosts)).toEqual([]);
  const placed = r.hosts.reduce((a, h) => a + h.replicas.length, 0);
  expect(placed).toBe(input.items.reduce((a, i) => a + (i.replicas ?? 1), 0));
}

describe('pack under kube-scheduler filters', () => {
  it('8 replicas with required hostname anti-affinity and 300 tiny pods: at least 8 hosts, none over 110 pods', () => {
    const input: PackInput = {
      items: [{ name: 'db', request: { cpu: 100 }, replicas: 8, kube: antiDb }, { name: 'tiny', request: { cpu: 1 }, replicas: 300 }],
      hostTypes: [{ name: 'node', capacity: { cpu: 64000 } }],
    };
    const r = pack(input);
    expect(r.hostCount).toBe(8);
    for (const h of r.hosts) {
      expect(h.replicas.length).toBeLessThanOrEqual(110);
      expect(h.replicas.filter((x) => x.name === 'db').length).toBeLessThanOrEqual(1);
    }
    expect(r.lowerBound.constraint).toBe(8);
    expect(r.lowerBound.hosts).toBe(8);
    expect(r.lowerBound.note).toContain('anti-affinity');
    expect(r.provenOptimal).toBe(true);
    expectFeasible(input, r);
  });

  it('without the kube option, the same input ignores the constraints (the old behaviour, for plain bin packing)', () => {
    const r = pack({ items: [{ name: 'db', request: { cpu: 100 }, replicas: 8 }, { name: 'tiny', request: { cpu: 1 }, replicas: 300 }], hostTypes: [{ name: 'node', capacity: { cpu: 64000 } }] });
    expect(r.hostCount).toBe(1);
  });

  it('kube: true applies the pod limit: 300 pods need ⌈300 / 110⌉ = 3 hosts, and maxPods changes it', () => {
    const items = [{ name: 'x', request: { cpu: 1 }, replicas: 300 }];
    expect(pack({ items, hostTypes: [{ name: 'node', capacity: { cpu: 64000 } }], kube: true }).hostCount).toBe(3);
    const r = pack({ items, hostTypes: [{ name: 'node', capacity: { cpu: 64000 }, kube: { maxPods: 30 } }] });
    expect(r.hostCount).toBe(10);
    expect(r.lowerBound.hosts).toBe(10);
  });

  it('pods selecting pool: big are never on a small host; taints keep untolerating pods off', () => {
    const input: PackInput = {
      items: [
        { name: 'big', request: { cpu: 1000 }, replicas: 4, kube: { nodeSelector: { pool: 'big' } } },
        { name: 'any', request: { cpu: 1000 }, replicas: 3 },
        { name: 'gpu', request: { cpu: 500 }, replicas: 2, kube: { tolerations: [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }], affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'accel', operator: 'Exists' }] }] } } } } },
      ],
      hostTypes: [
        { name: 'small', capacity: { cpu: 8000 }, labels: { pool: 'small' } },
        { name: 'large', capacity: { cpu: 2000 }, labels: { pool: 'big' } },
        { name: 'gpu', capacity: { cpu: 16000 }, labels: { pool: 'big', accel: 'a100' }, kube: { taints: [{ key: 'gpu', effect: 'NoSchedule' }] } },
      ],
    };
    const r = pack(input);
    for (const h of r.hosts) {
      const names = new Set(h.replicas.map((x) => x.name));
      if (names.has('big')) expect(h.type).not.toBe('small');
      if (names.has('gpu')) expect(h.type).toBe('gpu');
      if (h.type === 'gpu') expect([...names]).toEqual(['gpu']);
    }
    expect(r.lowerBound.hosts).toBeLessThanOrEqual(r.hostCount);
    expectFeasible(input, r);
  });

  it('a workload no host type admits is an error naming the filter', () => {
    expect(() => pack({
      items: [{ name: 'big', request: { cpu: 1000 }, kube: { nodeSelector: { pool: 'big' } } }],
      hostTypes: [{ name: 'small', capacity: { cpu: 8000 }, labels: { pool: 'small' } }],
    })).toThrow(/fits no host type under kube-scheduler's filters: small: .*node affinity/i);
  });

  it('respects max counts with constraints and says so when they run out', () => {
    expect(() => pack({
      items: [{ name: 'db', request: { cpu: 100 }, replicas: 3, kube: antiDb }],
      hostTypes: [{ name: 'node', capacity: { cpu: 4000 }, max: 2 }],
    })).toThrow(/all 2 allowed hosts are open/);
  });
});

describe('pack under topology spreading (DoNotSchedule)', () => {
  const spread = (maxSkew: number) => ({
    labels: { app: 'w' },
    topologySpreadConstraints: [{ maxSkew, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule' as const, labelSelector: { matchLabels: { app: 'w' } } }],
  });
  const perHost = (r: ReturnType<typeof pack>) => r.hosts.map((h) => h.replicas.filter((x) => x.name === 'w').length);

  // Both replicas fit the first host, but the filler opens a second one: with it in the cluster the
  // second replica there would be a skew of 2, so kube-scheduler would have put it on the second.
  it('a host opened later for other pods counts as a domain from the start', () => {
    const input: PackInput = {
      items: [{ name: 'w', request: { cpu: 900 }, replicas: 2, kube: spread(1) }, { name: 't', request: { cpu: 100 }, replicas: 30 }],
      hostTypes: [{ name: 'node', capacity: { cpu: 4000 } }],
    };
    const r = pack(input);
    expect(r.hostCount).toBe(2);
    expect(perHost(r)).toEqual([1, 1]);
    expect(r.hosts.reduce((a, h) => a + h.replicas.length, 0)).toBe(32);
  });

  it('the final counts keep every skew within maxSkew, whatever else opens hosts', () => {
    for (const [replicas, maxSkew, filler] of [[4, 1, 20], [6, 1, 45], [5, 2, 37], [7, 1, 3]] as const) {
      const input: PackInput = {
        items: [{ name: 'w', request: { cpu: 500 }, replicas, kube: spread(maxSkew) }, { name: 't', request: { cpu: 200 }, replicas: filler }],
        hostTypes: [{ name: 'node', capacity: { cpu: 4000 } }],
      };
      const r = pack(input);
      const counts = perHost(r);
      expect(Math.max(...counts) - Math.min(...counts), `${replicas} replicas, maxSkew ${maxSkew}, ${filler} fillers: ${counts}`).toBeLessThanOrEqual(maxSkew);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(replicas);
      expect(r.hosts.every((h) => h.used.cpu! <= 4000)).toBe(true);
    }
  });
});
