// Scale-down pieces of the cluster autoscaler: utilisation (upstream simulator/utilization/info_test.go TestCalculate),
// drainability rules (simulator/drainability/rules/*), the unneeded-node search and the timing of deletions.
import { describe, expect, it } from 'vitest';
import { AUTOSCALER_DEFAULTS, resolveAutoscalerOptions } from '../../src/dynamics/autoscaler-options.js';
import { podDrainability, type ScaleDownPod } from '../../src/dynamics/drainability.js';
import { findUnneededNodes, type ScaleDownHost } from '../../src/dynamics/find-unneeded-nodes.js';
import { NodeGroupBackoff } from '../../src/dynamics/node-group-backoff.js';
import { nodeUtilization, type NodeUtilization } from '../../src/dynamics/node-utilization.js';
import { ScaleDownTracker } from '../../src/dynamics/scale-down-tracker.js';

const out = (): NodeUtilization => ({ utilization: 0, resource: 'cpu', cpu: 0, memory: 0 });
const sum = (...v: number[][]) => v.reduce((a, b) => a.map((x, i) => x + (b[i] ?? 0)), [0, 0, 0]);

describe('nodeUtilization (upstream TestCalculate)', () => {
  const node = [2000, 2_000_000, 0];
  const pod = [100, 200_000, 0], pod2 = [0, 0, 0], ds = [100, 200_000, 0], mirror = [100, 200_000, 0];
  const dims = { cpu: 0, memory: 1, gpu: 2 };
  it('pod, pod, pod2: memory 0.2, CPU 0.1', () => {
    const u = nodeUtilization(node, sum(pod, pod, pod2), undefined, dims, out());
    expect([u.utilization, u.resource, u.cpu]).toEqual([0.2, 'memory', 0.1]);
  });
  it('ignoring two DaemonSet pods takes them off the allocatable: 2.5/10', () => {
    expect(nodeUtilization(node, sum(pod, pod, pod2), sum(ds, ds), dims, out()).utilization).toBeCloseTo(0.25, 12);
  });
  it('counting a DaemonSet pod by default: 2/10; ignoring a mirror pod: 2/9; both: 1/8', () => {
    expect(nodeUtilization(node, sum(pod, pod2, ds), undefined, dims, out()).utilization).toBeCloseTo(0.2, 12);
    expect(nodeUtilization(node, sum(pod, pod, pod2), sum(mirror), dims, out()).utilization).toBeCloseTo(2 / 9, 12);
    expect(nodeUtilization(node, sum(pod), sum(mirror, ds), dims, out()).utilization).toBeCloseTo(1 / 8, 12);
  });
  it('a GPU node is measured on GPUs alone', () => {
    const u = nodeUtilization([2000, 2_000_000, 1], sum(pod, pod, [100, 200_000, 1]), undefined, dims, out());
    expect([u.utilization, u.resource]).toEqual([1, 'gpu']);
  });
});

describe('podDrainability (cluster-autoscaler drainability rules, in order)', () => {
  const p = (x: Partial<ScaleDownPod>): ScaleDownPod => ({ host: 0, request: [100, 100], ...x });
  it('lets replicated pods move; mirror, DaemonSet and terminal pods stay', () => {
    expect(podDrainability(p({}), [], {})).toBe('move');
    expect(podDrainability(p({ controller: 'Job' }), [], {})).toBe('move');
    expect(podDrainability(p({ controller: 'none', mirror: true }), [], {})).toBe('skip');
    expect(podDrainability(p({ controller: 'DaemonSet' }), [], {})).toBe('skip');
    expect(podDrainability(p({ controller: 'none', terminal: true }), [], {})).toBe('skip');
  });
  it('blocks bare pods, and pods of custom controllers under skipNodesWithCustomControllerPods', () => {
    expect(podDrainability(p({ controller: 'none' }), [], {})).toBe('NotReplicated');
    expect(podDrainability(p({ controller: 'other' }), [], {})).toBe('NotReplicated');
    expect(podDrainability(p({ controller: 'other' }), [], { skipNodesWithCustomControllerPods: false })).toBe('move');
  });
  it('blocks kube-system pods without a PDB, not-safe-to-evict pods, local storage and exhausted PDBs', () => {
    expect(podDrainability(p({ kubeSystem: true }), [], {})).toBe('UnmovableKubeSystemPod');
    expect(podDrainability(p({ kubeSystem: true, pdbs: [0] }), [1], {})).toBe('move');
    expect(podDrainability(p({ kubeSystem: true }), [], { skipNodesWithSystemPods: false })).toBe('move');
    expect(podDrainability(p({ safeToEvict: false }), [], {})).toBe('NotSafeToEvictAnnotation');
    expect(podDrainability(p({ localStorage: true }), [], {})).toBe('LocalStorageRequested');
    expect(podDrainability(p({ localStorage: true }), [], { skipNodesWithLocalStorage: false })).toBe('move');
    expect(podDrainability(p({ pdbs: [0] }), [0], {})).toBe('NotEnoughPdb');
  });
  it('safe-to-evict=true moves a pod past every blocking rule', () => {
    expect(podDrainability(p({ controller: 'none', localStorage: true, kubeSystem: true, safeToEvict: true, pdbs: [0] }), [0], {})).toBe('move');
  });
});

describe('findUnneededNodes(input)', () => {
  const G = 2 ** 30;
  const host = (group = 0, cpu = 4000): ScaleDownHost => ({ allocatable: [cpu, 16 * G], maxPods: 110, group });
  it('finds underutilised nodes whose pods fit elsewhere, and keeps the moves for the next candidate', () => {
    // Four 4-core nodes: 3000m, 1500m, 1000m and 1000m requested. Node 0 is above 50 %; nodes 1–3 are below.
    // Node 1's 1500m does not fit on node 0 (1000m free) but on node 2. Node 2 now holds its own 1000m, then
    // the 1500m (moved pods are appended, as NodeInfo.AddPod does): 1000m goes to node 0, 1500m to node 3.
    // Node 3's own 1000m then finds no room: node 0 is full, nodes 1 and 2 are being removed.
    const hosts = [host(), host(), host(), host()];
    const pods: ScaleDownPod[] = [
      { host: 0, request: [3000, G] },
      { host: 1, request: [1500, G] },
      { host: 2, request: [1000, G] },
      { host: 3, request: [1000, G] },
    ];
    const r = findUnneededNodes({ hosts, pods });
    expect(r.unneeded).toEqual([1, 2]);
    expect([...r.destination]).toEqual([-1, 3, 0, -1]);
    expect(r.unremovable).toEqual([{ host: 0, reason: 'NotUnderutilized' }, { host: 3, reason: 'NoPlaceToMovePods' }]);
    expect(r.utilization[0]).toBe(0.75);
    expect(r.utilization[1]).toBe(0.375);
  });
  it('compares utilisation with the threshold strictly (utilization ≥ threshold stays)', () => {
    const r = findUnneededNodes({ hosts: [host(), host()], pods: [{ host: 0, request: [2000, G] }] });
    expect(r.unremovable[0]).toEqual({ host: 0, reason: 'NotUnderutilized' });
    expect(r.unneeded).toEqual([1]);
    expect(r.empty).toEqual([true]);
  });
  it('reports the blocking pod, spends PDB budgets across candidates, and flags risky removals', () => {
    const hosts = [host(), host(), host(), host(-1, 64000)];
    const pods: ScaleDownPod[] = [
      { host: 0, request: [100, 0], controller: 'none' },
      { host: 1, request: [100, 0], pdbs: [0] },
      { host: 1, request: [100, 0], pdbs: [0] },
      { host: 2, request: [100, 0], pdbs: [0] },
    ];
    const r = findUnneededNodes({ hosts, pods, pdbDisruptionsAllowed: [2] });
    expect(r.unremovable).toEqual([
      { host: 0, reason: 'BlockedByPod', blockingPod: 0, blockingReason: 'NotReplicated' },
      { host: 2, reason: 'BlockedByPod', blockingPod: 3, blockingReason: 'NotEnoughPdb' },
    ]);
    expect(r.unneeded).toEqual([1]);
    expect(r.risky).toEqual([false]);
    const tight = findUnneededNodes({ hosts, pods, pdbDisruptionsAllowed: [1], candidates: [1] });
    expect(tight.unneeded).toEqual([1]);
    expect(tight.risky).toEqual([true]); // two pods of a budget allowing one disruption: not in parallel
  });
  it('honours the extra predicate, the annotation, unready nodes and non-autoscaled nodes', () => {
    const hosts: ScaleDownHost[] = [host(), { ...host(), scaleDownDisabled: true }, { ...host(), ready: false }, host(-1)];
    const pods: ScaleDownPod[] = [{ host: 0, request: [100, 0] }];
    expect(findUnneededNodes({ hosts, pods, fits: (_p, h) => h !== 2 && h !== 3 && h !== 1 }).unremovable[0]).toEqual({ host: 0, reason: 'NoPlaceToMovePods' });
    const r = findUnneededNodes({ hosts, pods, candidates: [1, 2, 3], options: { scaleDownUnreadyEnabled: false } });
    expect(r.unremovable.map((u) => u.reason)).toEqual(['ScaleDownDisabledAnnotation', 'ScaleDownUnreadyDisabled', 'NotAutoscaled']);
  });
});

describe('ScaleDownTracker', () => {
  const o = resolveAutoscalerOptions({});
  it('keeps the time a node became unneeded while it stays unneeded, and forgets it when it is needed', () => {
    const t = new ScaleDownTracker(3);
    t.update(0, [1]);
    t.update(10, [1, 2]);
    expect([t.since[1], t.since[2]]).toEqual([0, 10]);
    t.update(20, [2]);
    expect(Number.isNaN(t.since[1] as number)).toBe(true);
    expect(t.unneededFor(2, 30)).toBe(20);
  });
  it('deletes a node unneeded strictly longer than scaleDownUnneededTime: at the first scan after 600 s', () => {
    const t = new ScaleDownTracker(2);
    const groups = { size: [2], min: [0] };
    for (let now = 0; now <= 600; now += 10) t.update(now, [1]);
    expect(t.nodesToDelete(600, [1], [true], [0, 0], undefined, groups, o)).toEqual({ empty: [], drain: [] });
    t.update(610, [1]);
    expect(t.nodesToDelete(610, [1], [true], [0, 0], undefined, groups, o)).toEqual({ empty: [1], drain: [] });
  });
  it('keeps node groups at their minimum, deletes empty nodes first and drains one at a time', () => {
    const t = new ScaleDownTracker(6);
    t.update(0, [0, 1, 2, 3, 4, 5]);
    const groupOf = [0, 0, 0, 1, 1, 1];
    const r = t.nodesToDelete(1000, [0, 1, 2, 3, 4, 5], [false, true, false, true, false, true], groupOf, undefined, { size: [3, 3], min: [1, 2] }, o);
    // group 0 may lose 2 (nodes 0 and 1), group 1 one (node 3); of those, empty 1 and 3, then one to drain: 0.
    expect(r).toEqual({ empty: [1, 3], drain: [0] });
  });
  it('uses scaleDownUnreadyTime for unready nodes, and waits out the cooldowns after a scale-up, a deletion or a failure', () => {
    const t = new ScaleDownTracker(1);
    t.update(0, [0]);
    expect(t.nodesToDelete(700, [0], [true], [0], [false], { size: [2], min: [0] }, o).empty).toEqual([]);
    expect(t.nodesToDelete(1210, [0], [true], [0], [false], { size: [2], min: [0] }, o).empty).toEqual([0]);
    t.lastScaleUp = 100;
    expect(t.inCooldown(699, o)).toBe(true);
    expect(t.inCooldown(700, o)).toBe(false);
    t.lastScaleDownFailure = 700;
    expect(t.inCooldown(879, o)).toBe(true);
    expect(AUTOSCALER_DEFAULTS.scaleDownDelayAfterDelete).toBe(0);
  });
});

describe('NodeGroupBackoff (utils/backoff/exponential_backoff.go)', () => {
  it('backs off 5 min, doubles after each back-off that ended, up to 30 min, and resets after 3 h', () => {
    const b = new NodeGroupBackoff(1, 300, 1800, 10800);
    expect(b.backoff(0, 0)).toBe(300);
    expect(b.isBackedOff(0, 299)).toBe(true);
    expect(b.isBackedOff(0, 300)).toBe(false);
    expect(b.backoff(0, 400)).toBe(400 + 600);
    expect(b.backoff(0, 2000)).toBe(2000 + 1200);
    expect(b.backoff(0, 4000)).toBe(4000 + 1800);
    expect(b.backoff(0, 6000)).toBe(6000 + 1800);
    expect(b.backoff(0, 6000 + 10801)).toBe(6000 + 10801 + 300);
  });
  it('a failure while still backed off starts from the initial duration (concurrent failures do not lengthen it)', () => {
    const b = new NodeGroupBackoff(3, 300, 1800, 10800);
    b.backoff(2, 0);
    b.backoff(2, 400); // 600
    expect(b.backoff(2, 500)).toBe(800);
    b.remove(2);
    expect(b.isBackedOff(2, 501)).toBe(false);
  });
});
