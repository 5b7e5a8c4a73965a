// Ported from kubernetes/autoscaler cluster-autoscaler/estimator/binpacking_estimator_test.go (TestBinpackingEstimate,
// BenchmarkBinpackingEstimate's counts) and decreasing_pod_orderer_test.go (TestPodPriorityProcessor).
import { describe, expect, it } from 'vitest';
import { binpackingNodeLimit, estimateNodes, podGroupOrder } from '../../src/dynamics/binpacking-estimator.js';

const MiB = 2 ** 20;
// makeNode(cpu millicores, mem MiB, pods): allocatable = capacity.
const node = (cpu: number, memMiB: number, pods: number) => ({ allocatable: [cpu, memMiB * MiB], maxPods: pods });
// BuildTestPod(name, cpu millicores, mem bytes)
const group = (cpu: number, mem: number, count: number) => ({ request: [cpu, mem], count });

describe('estimateNodes(groups, template, options) (upstream TestBinpackingEstimate)', () => {
  it('simple resource-based binpacking: 10 pods of 350m on nodes of 1000m → 5 nodes', () => {
    const e = estimateNodes([group(350, 1000, 10)], node(350 * 3 - 50, 2 * 1000, 10));
    expect([e.nodes, e.scheduledTotal]).toEqual([5, 10]);
  });
  it('pods-per-node bound binpacking: 20 tiny pods, 10 pods per node → 2 nodes', () => {
    const e = estimateNodes([group(10, 100, 20)], node(10000, 20000, 10));
    expect([e.nodes, e.scheduledTotal]).toEqual([2, 20]);
  });
  it('hostport conflict forces pod-per-node: 8 nodes', () => {
    // WithHostPort(5555): two pods of the group never share a node.
    const e = estimateNodes([group(200, 1000, 8)], node(1000, 5000, 10), { fits: (_g, _n, _p, groupOn) => groupOn === 0 });
    expect([e.nodes, e.scheduledTotal]).toEqual([8, 8]);
  });
  it('limiter cuts binpacking: at most 5 nodes, 10 of 20 pods', () => {
    const e = estimateNodes([group(500, 1000, 20)], node(1000, 5000, 10), { maxNodes: 5 });
    expect([e.nodes, e.scheduledTotal]).toEqual([5, 10]);
  });
  it('decreasing ordered pods are processed first: the large group fills the 5 allowed nodes', () => {
    const small = group(50, 1000, 10), large = group(500, 1000, 10);
    const e = estimateNodes([small, large], node(1000, 5000, 10), { maxNodes: 5 });
    expect([e.nodes, e.scheduledTotal]).toEqual([5, 10]);
    expect([...e.scheduled]).toEqual([0, 10]); // expectProcessedPods: only the high-resource group
    expect([...e.order]).toEqual([1, 0]);
  });
  it('hostname topology spreading with maxSkew=2 forces 2 pods/node (an existing node holds none of them)', () => {
    const e = estimateNodes([group(200, 200, 8)], node(1000, 5000, 10), { fits: (_g, _n, podsOnNode) => podsOnNode + 1 - 0 <= 2 });
    expect([e.nodes, e.scheduledTotal]).toEqual([4, 8]);
  });
  it('zonal topology spreading with maxSkew=2 only allows 2 pods to schedule (the other zone holds none)', () => {
    let inZone = 0; // pods in the new nodes' zone; a placement follows every accepted fit
    const e = estimateNodes([group(20, 100, 8)], node(1000, 5000, 10), {
      fits: () => inZone + 1 <= 2 && (inZone++, true),
    });
    expect([e.nodes, e.scheduledTotal]).toEqual([1, 2]);
  });
  it('BenchmarkBinpackingEstimate: 50000 pods of 50m/100Mi and 1000 of 95m/190Mi on 1000m/5000Mi/100-pod nodes → 2595 nodes', () => {
    const e = estimateNodes([group(50, 100, 50000), group(95, 190, 1000)], node(1000, 5000, 100), { maxNodes: 3000 });
    expect([e.nodes, e.scheduledTotal]).toEqual([2595, 51000]);
  });
  it('places each pod on an estimated node that has room for it (no overcommit)', () => {
    const groups = [group(300, 100 * MiB, 7), group(700, 50 * MiB, 5), group(100, 400 * MiB, 9)];
    const t = node(1000, 1000, 4);
    const e = estimateNodes(groups, t);
    const used = new Map<number, [number, number, number]>();
    let k = 0;
    for (const g of e.order) for (let i = 0; i < (e.scheduled[g] as number); i++) {
      const n = e.placements[k++] as number;
      const u = used.get(n) ?? [0, 0, 0];
      const gr = groups[g] as { request: number[] };
      used.set(n, [u[0] + (gr.request[0] as number), u[1] + (gr.request[1] as number), u[2] + 1]);
    }
    for (const [, [c, m, p]] of used) {
      expect(c).toBeLessThanOrEqual(1000);
      expect(m).toBeLessThanOrEqual(1000 * MiB);
      expect(p).toBeLessThanOrEqual(4);
    }
    expect(e.scheduledTotal).toBe(21);
    expect(used.size).toBe(e.nodes);
  });
});

describe('podGroupOrder(groups, template) (upstream TestPodPriorityProcessor)', () => {
  const pg1 = group(1, 1, 1), pg2 = group(2, 1, 1), pg3 = group(2, 100, 1);
  const t = node(4, 600, 10);
  it('keeps a sorted list, sorts a shuffled one by cpu/alloc + mem/alloc, decreasing', () => {
    expect([...podGroupOrder([pg3, pg2, pg1], t)]).toEqual([0, 1, 2]);
    expect([...podGroupOrder([pg1, pg3, pg2], t)].map((i) => [pg1, pg3, pg2][i])).toEqual([pg3, pg2, pg1]);
    expect([...podGroupOrder([], t)]).toEqual([]);
  });
});

describe('binpackingNodeLimit(limits) (threshold_based_limiter.go computeLimit)', () => {
  it('takes the smallest positive limit; 0 means none', () => {
    expect(binpackingNodeLimit([1000, 3, 0])).toBe(3);
    expect(binpackingNodeLimit([0, 0])).toBe(0);
    expect(binpackingNodeLimit([0, 7, 1000])).toBe(7);
  });
});
