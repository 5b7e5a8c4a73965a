import { describe, expect, it } from 'vitest';
import { simulate, validateScenario, type Scenario } from '../../src/index.js';

const hosts: Scenario['hosts'] = [
  { name: 'n', count: 4, capacity: { cpu: 4, memory: '16Gi' }, labels: { zone: 'a' } },
  { name: 'm', count: 4, capacity: { cpu: 4, memory: '16Gi' }, labels: { zone: 'b' }, taints: [{ key: 'special', effect: 'NoSchedule' }] },
];
const forever = { distribution: 'constant' as const, value: 1e6 };

describe('simulate() with the kube policy', () => {
  it('respects DoNotSchedule spreading and taints: 4 of 40 spread pods fit, all on untainted hosts', () => {
    // Domains are all 8 hostnames (taints do not remove domains), but only the 4 untainted hosts
    // are feasible, so after one pod each the skew against the empty tainted hosts would exceed 1.
    const r = simulate({
      until: 100, hosts, record: 'containers',
      workloads: [{
        name: 'web', count: 40, labels: { app: 'web' }, arrival: { process: 'interval', every: 1 }, duration: forever, request: { cpu: 1 },
        topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }],
      }],
      scheduler: { policy: 'kube', explain: ['web-0', 'web-4'] },
    });
    expect(r.containers.placed).toBe(4);
    expect(r.containers.pending).toBe(36);
    const explain = r.scheduling?.explain ?? [];
    expect(explain[0]?.host).toMatch(/^n-/);
    const tainted = explain[0]?.hosts.filter((h) => h.host.startsWith('m-')) ?? [];
    expect(tainted.every((h) => !h.feasible && h.rejections.some((x) => x.plugin === 'TaintToleration'))).toBe(true);
    const fifth = explain.find((e) => e.container === 'web-4');
    expect(fifth?.host).toBeNull();
    expect(fifth?.message).toMatch(/0\/8 nodes are available/);
  });

  it('retries an unschedulable pod with back-off, never busy-looping', () => {
    const r = simulate({
      until: 1000, hosts: [{ name: 'n', count: 1, capacity: { cpu: 1 } }],
      workloads: [
        { name: 'hog', count: 1, arrival: { process: 'explicit', times: [0] }, duration: { distribution: 'constant', value: 500 }, request: { cpu: 1 } },
        { name: 'late', count: 1, arrival: { process: 'explicit', times: [1] }, duration: { distribution: 'constant', value: 10 }, request: { cpu: 1 } },
      ],
      scheduler: { policy: 'kube' },
    });
    // Back-off 1, 2, 4, 8, 10, 10, … s: about 50 retries in 500 s, not millions.
    expect(r.events).toBeLessThan(200);
    expect(r.containers.completed).toBe(2);
    expect(r.wait.max).toBeGreaterThanOrEqual(499);
    expect(r.wait.max).toBeLessThanOrEqual(510);
  });

  it('preempts a lower-priority pod for a higher-priority one and requeues the victim', () => {
    const r = simulate({
      until: 100,
      priorityClasses: [{ name: 'high', value: 1000 }],
      hosts: [{ name: 'n', count: 1, capacity: { cpu: 2 } }],
      workloads: [
        { name: 'low', count: 2, arrival: { process: 'explicit', times: [0, 0] }, duration: forever, request: { cpu: 1 } },
        { name: 'vip', count: 1, priorityClassName: 'high', arrival: { process: 'explicit', times: [5] }, duration: forever, request: { cpu: 1 } },
      ],
      scheduler: { policy: 'kube' },
    });
    expect(r.scheduling?.preemptions).toBe(1);
    expect(r.scheduling?.victims).toBe(1);
    expect(r.containers).toMatchObject({ running: 2, pending: 1 });
  });

  it('places higher-priority pending pods first when room frees', () => {
    const r = simulate({
      hosts: [{ name: 'n', count: 1, capacity: { cpu: 1 } }], record: 'containers',
      workloads: [
        { name: 'first', count: 1, arrival: { process: 'explicit', times: [0] }, duration: { distribution: 'constant', value: 10 }, request: { cpu: 1 }, work: undefined },
        { name: 'lowprio', count: 1, priority: 1, preemptionPolicy: 'Never', arrival: { process: 'explicit', times: [1] }, duration: { distribution: 'constant', value: 10 }, request: { cpu: 1 } },
        { name: 'hiprio', count: 1, priority: 100, preemptionPolicy: 'Never', arrival: { process: 'explicit', times: [2] }, duration: { distribution: 'constant', value: 10 }, request: { cpu: 1 } },
      ] as Scenario['workloads'],
      scheduler: { policy: 'kube', podInitialBackoffSeconds: 1, podMaxBackoffSeconds: 1 },
    });
    expect(r.containers.completed).toBe(3);
    // hiprio waits 8 s (placed at 10), lowprio runs after it (placed at 20, waited 19).
    expect(r.wait.max).toBeCloseTo(19, 6);
  });

  it('is deterministic per seed, and the presets place every pod without overcommitting', () => {
    for (const policy of ['kube', 'tetris', 'spread', 'binpack'] as const) {
      const s: Scenario = {
        seed: 5, until: 300, hosts: [{ name: 'n', count: 6, capacity: { cpu: 8, memory: '32Gi' } }],
        workloads: [{ name: 'w', count: 200, arrival: { process: 'poisson', rate: 2 }, duration: { distribution: 'exponential', mean: 20 }, request: { cpu: '700m', memory: '3Gi' } }],
        scheduler: { policy },
      };
      const a = JSON.stringify(simulate(s));
      expect(JSON.stringify(simulate(s))).toBe(a);
      const r = JSON.parse(a) as ReturnType<typeof simulate>;
      expect(r.utilization.cpu).toBeLessThanOrEqual(1);
      expect(r.containers.submitted).toBe(r.containers.completed + r.containers.running + r.containers.pending + r.containers.rejected + r.containers.failed);
    }
  });

  it('MostAllocated packs onto 2 hosts where LeastAllocated spreads over 8, with default spreading off', () => {
    const peak = (type: 'MostAllocated' | 'LeastAllocated') => simulate({
      seed: 1, until: 50, hosts: [{ name: 'n', count: 10, capacity: { cpu: 4, memory: '16Gi' } }],
      workloads: [{ name: 'w', count: 8, arrival: { process: 'interval', every: 1 }, duration: forever, request: { cpu: 1, memory: '4Gi' } }],
      scheduler: { policy: 'kube', profiles: [{
        plugins: { multiPoint: { disabled: [{ name: 'PodTopologySpread' }, { name: 'NodeResourcesBalancedAllocation' }] } },
        pluginConfig: [{ name: 'NodeResourcesFit', args: { scoringStrategy: { type, resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }] } } }],
      }] },
    }).hosts.peakInUse;
    expect(peak('MostAllocated')).toBe(2);
    expect(peak('LeastAllocated')).toBe(8);
  });

  it('validation reports an unknown plugin and a malformed affinity term with their paths', () => {
    const v = validateScenario({
      hosts, workloads: [{ name: 'w', count: 1, arrival: { process: 'interval', every: 1 }, request: { cpu: 1 },
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'Gt', values: ['a', 'b'] }] }] } } } }],
      scheduler: { policy: 'kube', profiles: [{ schedulerName: 'default-scheduler', plugins: { score: { enabled: [{ name: 'NodeResourcesFitt', weight: 1 }] } } }] },
    });
    expect(v.ok).toBe(false);
    const byPath = v.issues.map((i) => `${i.path}: ${i.message}`).join('\n');
    expect(byPath).toMatch(/scheduler\.profiles\[0\]\.plugins\.score\.enabled\[0\]\.name/);
    expect(byPath).toMatch(/NodeResourcesFit/);
    expect(byPath).toMatch(/workloads\[0\]\.affinity\.nodeAffinity/);
  });
});

describe('scoreHosts(container, cluster, profile) on its own', () => {
  it('scores NodeResourcesFit against what the hosts already hold', async () => {
    const { ClusterState } = await import('../../src/engine/index.js');
    const { scoreHosts } = await import('../../src/kube/index.js');
    const c = new ClusterState(['cpu', 'memory'], [{ name: 'a', capacity: { cpu: 4000, memory: 2 ** 34 } }, { name: 'b', capacity: { cpu: 4000, memory: 2 ** 34 } }]);
    c.allocate(0, Float64Array.of(3000, 2 ** 33), 0);
    const fit = scoreHosts({ request: { cpu: 500, memory: 2 ** 30 } }, c).hosts.map((h) => h.scores.find((s) => s.plugin === 'NodeResourcesFit')?.raw);
    // LeastAllocated: ((4000−3500)·100/4000 + (16−9)·100/16 Gi) / 2 = (12 + 43) / 2 = 27 on a; (87 + 93) / 2 = 90 on b.
    expect(fit).toEqual([27, 90]);
  });
});

describe('gangs and DRF under the kube policy', () => {
  it('places a gang all at once or not at all', () => {
    // 3 hosts of 2 cores; gangs of 4 one-core containers. The first gang fits (4 of 6 cores); the
    // second cannot fit beside it (only 2 cores left), so none of its members run until the first ends.
    const r = simulate({
      hosts: [{ name: 'n', count: 3, capacity: { cpu: 2 } }],
      workloads: [{ name: 'job', gang: 4, count: 8, arrival: { process: 'explicit', times: [0, 0, 0, 0, 1, 1, 1, 1] }, duration: { distribution: 'constant', value: 10 }, request: { cpu: 1 } }],
      scheduler: { policy: 'kube', podInitialBackoffSeconds: 1, podMaxBackoffSeconds: 1 },
      timeseries: { interval: 1 },
    });
    expect(r.containers.completed).toBe(8);
    const ts = r.timeseries!;
    // Running is always a multiple of the gang size: never a partial gang.
    expect(ts.running.every((x) => x % 4 === 0)).toBe(true);
    expect(Math.max(...ts.running)).toBe(4);
    expect(r.wait.max).toBeGreaterThanOrEqual(9);
  });

  it('DRF serves the namespace with the lowest weighted dominant share first', () => {
    // One 4-core host. Tenant a already holds 3 cores; a's and b's pods then queue for the last core
    // and the cores that free. DRF hands the first free core to b, whose share is 0.
    const r = simulate({
      hosts: [{ name: 'n', count: 1, capacity: { cpu: 4, memory: '16Gi' } }],
      record: 'containers',
      workloads: [
        { name: 'a-big', namespace: 'a', count: 3, arrival: { process: 'explicit', times: [0, 0, 0] }, duration: { distribution: 'constant', value: 100 }, request: { cpu: 1 } },
        { name: 'blocker', namespace: 'c', count: 1, arrival: { process: 'explicit', times: [0] }, duration: { distribution: 'constant', value: 10 }, request: { cpu: 1 } },
        { name: 'a-more', namespace: 'a', count: 1, arrival: { process: 'explicit', times: [1] }, duration: { distribution: 'constant', value: 5 }, request: { cpu: 1 } },
        { name: 'b-one', namespace: 'b', count: 1, arrival: { process: 'explicit', times: [2] }, duration: { distribution: 'constant', value: 5 }, request: { cpu: 1 } },
      ],
      scheduler: { policy: 'kube', queueSort: 'DRF', podInitialBackoffSeconds: 1, podMaxBackoffSeconds: 1 },
    });
    expect(r.containers.completed).toBe(6);
    // b-one gets the core freed at t=10, a-more waits for the next one at t=15.
    expect(r.wait.max).toBeCloseTo(14, 6);
  });
});
