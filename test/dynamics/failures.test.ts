// Failures, availability, node lifecycle, host selection, scheduled events, PDBs and the eviction API.
import { describe, expect, it } from 'vitest';
import { compileFailureModel, failureSpecIssues, failureTimeline, steadyStateAvailability } from '../../src/dynamics/failure-model.js';
import { StepIntegral } from '../../src/dynamics/step-integral.js';
import { DAEMONSET_TOLERATIONS, NODE_LIFECYCLE_DEFAULTS, TAINT_NOT_READY, TAINT_UNREACHABLE, noExecuteEvictionDelay, nodeNotReadyAt, withDefaultTolerations } from '../../src/dynamics/node-lifecycle.js';
import { hostSelectorIssues, selectHosts, type SelectorHosts } from '../../src/dynamics/host-selector.js';
import { expandHostEvents } from '../../src/dynamics/scheduled-events.js';
import { pdbStatus, scaledIntOrPercent } from '../../src/dynamics/pdb-status.js';
import { canEvict, evictPod } from '../../src/dynamics/eviction-api.js';
import { RandomStreams, createRng } from '../../src/random/streams.js';

describe('compileFailureModel and steadyStateAvailability', () => {
  it('N replicas on N one-replica hosts, exponential failures and repairs, no detection delay: the long-run availability is MTBF/(MTBF+MTTR)', () => {
    // Each host alternates up (mean 1000 s) and down (mean 100 s); each replica is ready exactly while its host is up.
    const mtbf = 1000, mttr = 100, N = 20, horizon = 2e7;
    const model = compileFailureModel({ mtbf, mttr });
    const streams = new RandomStreams(42);
    const times = new Float64Array(200_000);
    let up = 0;
    for (let h = 0; h < N; h++) {
      const n = failureTimeline(model, streams.get(`failures/node-${h}`), horizon, times);
      const ready = new StepIntegral(0, 1);
      for (let k = 0; k < n; k++) ready.set(times[k] as number, k % 2 === 0 ? 0 : 1);
      up += ready.integral(horizon);
    }
    const availability = up / (N * horizon);
    const exact = steadyStateAvailability(mtbf, mttr); // 0.90909…
    // ≈ 3.6·10⁵ cycles in all: the standard error of the mean is about 2·10⁻⁴.
    expect(Math.abs(availability - exact)).toBeLessThan(1e-3);
  });
  it('takes full distributions (Weibull) and their means; the same seed and host give the same times', () => {
    const m = compileFailureModel({ mtbf: { distribution: 'weibull', scale: 1000, shape: 2 }, mttr: { distribution: 'constant', value: 60 } });
    expect(m.meanUp).toBeCloseTo(1000 * 0.886226925452758, 6); // Γ(1.5)
    expect(m.meanDown).toBe(60);
    expect(m.timeToFailure(createRng(3, 'failures/a-0'))).toBe(m.timeToFailure(createRng(3, 'failures/a-0')));
    expect(m.timeToRepair(createRng(3, 'x'))).toBe(60);
  });
  it('reports bad specs with paths', () => {
    expect(failureSpecIssues({ mtbf: 0, mttr: { distribution: 'uniform', min: 5, max: 1 } }, 'hosts[1].failures').map((i) => i.path)).toEqual(['hosts[1].failures.mtbf', 'hosts[1].failures.mttr.max']);
  });
});

describe('StepIntegral', () => {
  it('integrates a piecewise-constant signal exactly, with compensated sums over many steps', () => {
    const s = new StepIntegral(0, 2);
    s.set(10, 5);
    expect(s.integral(20)).toBe(70);
    expect(s.mean(20)).toBe(3.5);
    const t = new StepIntegral(0, 0);
    // Steps of 1/8 s (exact in binary): 10⁶ steps alternating 0 and 1 hold 1 for half of 125 000 s.
    for (let i = 1; i <= 1_000_000; i++) t.set(i * 0.125, i % 2);
    expect(t.integral(125_000)).toBe(62_500);
  });
});

describe('node lifecycle', () => {
  it('sees a failed host NotReady after nodeMonitorGracePeriod (40 s)', () => {
    expect(NODE_LIFECYCLE_DEFAULTS).toEqual({ nodeMonitorGracePeriod: 40, defaultTolerationSeconds: 300 });
    expect(nodeNotReadyAt(1000)).toBe(1040);
    expect(nodeNotReadyAt(1000, 0)).toBe(1000);
  });
  it('DefaultTolerationSeconds adds 300 s not-ready and unreachable tolerations unless the pod covers them', () => {
    expect(withDefaultTolerations([])).toEqual([
      { key: TAINT_NOT_READY.key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: TAINT_UNREACHABLE.key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    const own = [{ key: TAINT_UNREACHABLE.key, operator: 'Exists' as const, effect: 'NoExecute' as const, tolerationSeconds: 30 }];
    expect(withDefaultTolerations(own).map((t) => [t.key, t.tolerationSeconds])).toEqual([[TAINT_UNREACHABLE.key, 30], [TAINT_NOT_READY.key, 300]]);
    const all = [{ operator: 'Exists' as const }]; // an empty key and effect tolerate everything
    expect(withDefaultTolerations(all)).toBe(all);
  });
  it('evicts after the smallest tolerationSeconds of the tolerations used; at once when untolerated; never for DaemonSet pods', () => {
    expect(noExecuteEvictionDelay(withDefaultTolerations([]), [TAINT_UNREACHABLE])).toBe(300);
    expect(noExecuteEvictionDelay(withDefaultTolerations([{ key: TAINT_UNREACHABLE.key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }]), [TAINT_UNREACHABLE])).toBe(30);
    expect(noExecuteEvictionDelay([], [TAINT_UNREACHABLE])).toBe(0);
    expect(noExecuteEvictionDelay([{ operator: 'Exists', effect: 'NoExecute', tolerationSeconds: -5 }], [TAINT_NOT_READY])).toBe(0);
    expect(noExecuteEvictionDelay(DAEMONSET_TOLERATIONS, [TAINT_UNREACHABLE, TAINT_NOT_READY])).toBe(Infinity);
    expect(noExecuteEvictionDelay([], [{ key: 'x', effect: 'NoSchedule' }])).toBe(Infinity);
  });
});

describe('selectHosts and hostSelectorIssues', () => {
  const view: SelectorHosts = {
    hostNames: ['web-0', 'web-1', 'web-2', 'db-0'],
    hostGroup: [0, 0, 0, 1],
    hostLabels: [{ 'topology.kubernetes.io/zone': 'a' }, { 'topology.kubernetes.io/zone': 'b' }, { 'topology.kubernetes.io/zone': 'a' }, { 'topology.kubernetes.io/zone': 'a', disk: 'ssd' }],
    groupNames: ['web', 'db'],
  };
  it('selects by group, names, labels (a zone) and their conjunction', () => {
    expect(selectHosts({ group: 'web' }, view)).toEqual([0, 1, 2]);
    expect(selectHosts({ names: ['web-1', 'db'] }, view)).toEqual([1, 3]);
    expect(selectHosts({ labels: { 'topology.kubernetes.io/zone': 'a' } }, view)).toEqual([0, 2, 3]);
    expect(selectHosts({ group: ['web'], labels: { 'topology.kubernetes.io/zone': 'a' } }, view)).toEqual([0, 2]);
    expect(selectHosts({ labels: { 'kubernetes.io/hostname': 'web-2' } }, view)).toEqual([2]);
  });
  it('reports empty selectors, unknown groups and unknown hosts', () => {
    const groups = [{ name: 'web', count: 3 }, { name: 'db' }];
    expect(hostSelectorIssues({}, 'events[0].hosts', groups).map((i) => i.code)).toEqual(['empty_host_selector']);
    expect(hostSelectorIssues({ group: 'cache', names: ['web-3', 'web-2', 'db'] }, 'events[1].hosts', groups).map((i) => i.path)).toEqual(['events[1].hosts.group', 'events[1].hosts.names[0]']);
  });
});

describe('expandHostEvents', () => {
  it('adds the opposite action after a duration and orders by time, events before undoings at equal times', () => {
    const t = expandHostEvents([
      { at: 100, action: 'drain', hosts: { group: 'a' }, duration: 50 },
      { at: 150, action: 'fail', hosts: { group: 'b' }, duration: 10 },
      { at: 20, action: 'add', hosts: { group: 'a' }, count: 2, duration: 500 },
    ]);
    expect(t.map((e) => [e.at, e.action, e.event, e.undo])).toEqual([
      [20, 'add', 2, false], [100, 'drain', 0, false], [150, 'fail', 1, false], [150, 'uncordon', 0, true], [160, 'repair', 1, true], [520, 'remove', 2, true],
    ]);
  });
});

describe('pdbStatus (disruption.go getExpectedPodCount, updatePdbStatus)', () => {
  it('integer minAvailable counts the selected pods; percentages and maxUnavailable the controllers\' scale, rounding up', () => {
    expect(pdbStatus({ minAvailable: 2 }, 3, 5, 3)).toEqual({ expectedPods: 3, currentHealthy: 3, desiredHealthy: 2, disruptionsAllowed: 1 });
    expect(pdbStatus({ minAvailable: '50%' }, 3, 5, 4).desiredHealthy).toBe(3); // ⌈2.5⌉
    expect(pdbStatus({ maxUnavailable: 1 }, 4, 4, 4).disruptionsAllowed).toBe(1);
    expect(pdbStatus({ maxUnavailable: '34%' }, 3, 3, 3)).toEqual({ expectedPods: 3, currentHealthy: 3, desiredHealthy: 1, disruptionsAllowed: 2 });
    expect(pdbStatus({ maxUnavailable: 1 }, 4, 4, 2).disruptionsAllowed).toBe(0); // already 2 down: none left
    expect(pdbStatus({ maxUnavailable: '100%' }, 0, 0, 0).disruptionsAllowed).toBe(0); // nothing expected: none
    expect(scaledIntOrPercent('1%', 101)).toBe(2);
  });
});

describe('canEvict / evictPod (eviction.go Create, canIgnorePDB, checkAndDecrement)', () => {
  const budget = () => [pdbStatus({ minAvailable: 2 }, 3, 3, 3)];
  it('spends a disruption for a healthy pod, then answers 429', () => {
    const pdbs = budget();
    const pod = { phase: 'Running' as const, ready: true, pdbs: [0] };
    expect(evictPod(pdbs, pod)).toEqual({ outcome: 'evicted', spent: true, pdb: 0 });
    expect(pdbs[0]?.disruptionsAllowed).toBe(0);
    expect(canEvict(pdbs, pod)).toEqual({ outcome: 'too_many_requests', spent: false, pdb: 0 });
  });
  it('ignores budgets for pending, terminal and deleting pods, and for pods no budget selects', () => {
    const none = [pdbStatus({ minAvailable: 3 }, 3, 3, 3)];
    for (const phase of ['Pending', 'Succeeded', 'Failed'] as const) expect(canEvict(none, { phase, ready: false, pdbs: [0] }).outcome).toBe('evicted');
    expect(canEvict(none, { phase: 'Running', ready: true, deleting: true, pdbs: [0] }).outcome).toBe('evicted');
    expect(canEvict(none, { phase: 'Running', ready: true, pdbs: [] }).outcome).toBe('evicted');
  });
  it('refuses pods with two budgets (500), forbids negative budgets (403)', () => {
    expect(canEvict([...budget(), ...budget()], { phase: 'Running', ready: true, pdbs: [0, 1] }).outcome).toBe('multiple_pdbs');
    const neg = budget();
    (neg[0] as { disruptionsAllowed: number }).disruptionsAllowed = -1;
    expect(canEvict(neg, { phase: 'Running', ready: true, pdbs: [0] }).outcome).toBe('forbidden');
  });
  it('lets an unready pod go without spending when the budget is healthy (IfHealthyBudget) or always (AlwaysAllow)', () => {
    const healthy = [pdbStatus({ minAvailable: 3 }, 4, 4, 3)]; // 3 healthy of 3 desired: 0 disruptions allowed
    expect(canEvict(healthy, { phase: 'Running', ready: false, pdbs: [0] })).toEqual({ outcome: 'evicted', spent: false, pdb: 0 });
    const unhealthy = [pdbStatus({ minAvailable: 3 }, 4, 4, 2)];
    expect(canEvict(unhealthy, { phase: 'Running', ready: false, pdbs: [0] }).outcome).toBe('too_many_requests');
    expect(canEvict([{ ...(unhealthy[0] as object), unhealthyPodEvictionPolicy: 'AlwaysAllow' } as never], { phase: 'Running', ready: false, pdbs: [0] }).outcome).toBe('evicted');
  });
});
