import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ClusterState } from '../../src/cluster/cluster-state.js';
import { scoreHosts } from '../../src/kube/score-hosts.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { HostCondition } from '../../src/scheduling/host-condition.js';
import { simulate } from '../../src/simulation/simulate.js';
import { Simulation } from '../../src/simulation/simulation.js';

const forever = { distribution: 'constant' as const, value: 1e6 };

describe('explain under kube: the simulated scheduler\'s own account', () => {
  // Six zoned hosts; web pods spread by zone, so the pods already running change every later score.
  const scenario: Scenario = {
    seed: 2, until: 60,
    hosts: [
      { name: 'a', count: 3, capacity: { cpu: 4, memory: '16Gi' }, labels: { 'topology.kubernetes.io/zone': 'a' } },
      { name: 'b', count: 3, capacity: { cpu: 4, memory: '16Gi' }, labels: { 'topology.kubernetes.io/zone': 'b' } },
    ],
    workloads: [{
      name: 'web', count: 8, labels: { app: 'web' }, arrival: { process: 'interval', every: 1 }, duration: forever, request: { cpu: 1, memory: '2Gi' },
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web' } } }],
    }],
    scheduler: { policy: 'kube' },
  };

  it('the host an explanation chose is the host the container was placed on, at every decision', () => {
    const run = new Simulation(scenario);
    for (let n = 0; n < 8; n++) run.explain(`web-${n}`);
    const placed = new Map<string, string>();
    run.observe((e) => { if (e.kind === 'placed') placed.set(run.containerName(e.workload, e.ordinal), run.cluster.hostNames[e.host] as string); });
    run.run();
    expect(run.explanations).toHaveLength(8);
    for (const x of run.explanations) {
      expect(x.host).toBe(placed.get(x.container));
      const chosen = x.hosts.find((h) => h.host === x.host);
      // The chosen host is feasible and scores the highest total (ties broken by the seeded stream).
      expect(chosen?.feasible).toBe(true);
      expect(chosen?.total).toBe(Math.max(...x.hosts.filter((h) => h.feasible).map((h) => h.total)));
    }
  });

  it('sees the pods already running: spreading scores differ from a fresh scheduler that sees none', () => {
    const run = new Simulation(scenario);
    run.explain('web-5');
    run.run();
    const mine = run.explanations[0]!;
    const spread = (hosts: ReadonlyArray<{ scores: ReadonlyArray<{ plugin: string; normalized: number }> }>) => hosts.map((h) => h.scores.find((s) => s.plugin === 'PodTopologySpread')?.normalized);
    // At web-5's decision 5 pods run; a standalone scheduler over the same allocations sees no pods.
    const c = new ClusterState(run.cluster.dims, run.scenario.hosts);
    for (const h of run.snapshot().hosts) for (const _ of h.containers) c.allocate(h.index, c.demandOf({ cpu: 1000, memory: 2 * 2 ** 30 }), 0);
    c.release(run.cluster.hostNames.indexOf(mine.host as string), c.demandOf({ cpu: 1000, memory: 2 * 2 ** 30 }), 0); // before web-5's own allocation
    const fresh = scoreHosts({ request: { cpu: 1000, memory: 2 * 2 ** 30 }, fields: { labels: { app: 'web' }, topologySpreadConstraints: scenario.workloads[0]!.topologySpreadConstraints }, owner: 'web' }, c);
    expect(new Set(spread(fresh.hosts)).size).toBe(1); // no pods seen: every host alike
    expect(new Set(spread(mine.hosts)).size).toBeGreaterThan(1); // the live scheduler's scores depend on where pods run
    expect(mine.feasible).toBe(6);
  });

  it('result().scheduling.explain holds the same records as scenario.scheduler.explain asks', () => {
    const r = simulate({ ...scenario, scheduler: { policy: 'kube', explain: ['web-2'] } });
    expect(r.scheduling?.explain?.map((e) => e.container)).toEqual(['web-2']);
    const run = new Simulation(scenario);
    run.explain('web-2');
    expect(JSON.stringify(run.run().result().scheduling?.explain)).toBe(JSON.stringify(r.scheduling?.explain));
  });

  it('explains bin-packing policies too, from the resource filter and their scores', () => {
    const r = simulate({ ...scenario, scheduler: { policy: 'best-fit', explain: ['web-3'] } });
    const e = r.scheduling?.explain?.[0];
    expect(e?.container).toBe('web-3');
    const feasible = e?.hosts.filter((h) => h.feasible) ?? [];
    expect(e?.host).toBe(feasible.reduce((a, h) => (h.total < a.total ? h : a)).host);
    expect(r.scheduling).toMatchObject({ preemptions: 0, victims: 0 });
  });
});

describe('kube-scheduler\'s queue in the simulation', () => {
  const queued = (profile?: object): Scenario => ({
    hosts: [{ name: 'n', count: 1, capacity: { cpu: 1 } }],
    workloads: [
      { name: 'first', count: 1, arrival: { process: 'explicit', times: [0] }, duration: { distribution: 'constant', value: 10 }, request: { cpu: 1 } },
      { name: 'lowprio', count: 1, priority: 1, preemptionPolicy: 'Never', arrival: { process: 'explicit', times: [1] }, duration: { distribution: 'constant', value: 10 }, request: { cpu: 1 } },
      { name: 'hiprio', count: 1, priority: 100, preemptionPolicy: 'Never', arrival: { process: 'explicit', times: [2] }, duration: { distribution: 'constant', value: 10 }, request: { cpu: 1 } },
    ] as Scenario['workloads'],
    scheduler: { policy: 'kube', podInitialBackoffSeconds: 1, podMaxBackoffSeconds: 1, ...(profile === undefined ? {} : { profiles: [profile] }) },
  });
  const order = (s: Scenario) => {
    const run = new Simulation(s);
    const names: string[] = [];
    run.observe((e) => { if (e.kind === 'placed') names.push(run.containerName(e.workload, e.ordinal)); });
    run.run();
    return names;
  };

  it('PrioritySort serves the higher priority first; with PrioritySort disabled, arrival order', () => {
    expect(order(queued())).toEqual(['first-0', 'hiprio-0', 'lowprio-0']);
    expect(order(queued({ plugins: { queueSort: { disabled: [{ name: 'PrioritySort' }] } } }))).toEqual(['first-0', 'lowprio-0', 'hiprio-0']);
  });

  it('a pod that can never fit ends a run without until instead of retrying forever', () => {
    const r = simulate({
      hosts: [{ name: 'n', count: 1, capacity: { cpu: 1, gpu: 1 } }, { name: 'm', count: 1, capacity: { cpu: 1 } }],
      // (A finite job beside the service g, so that the run may end without until.)
      workloads: [
        { name: 'g', count: 2, arrival: { process: 'explicit', times: [0, 0] }, request: { cpu: '100m', gpu: 1 } },
        { name: 'b', count: 1, arrival: { process: 'explicit', times: [0] }, duration: { distribution: 'constant', value: 1 }, request: { cpu: '100m' } },
      ],
      scheduler: { policy: 'kube' },
    });
    expect(r.containers).toMatchObject({ running: 1, pending: 1 });
    expect(r.events).toBeLessThan(30);
  });

  it('a pod backing off when room frees is still placed by its wake-up, even when nothing else is left to happen', () => {
    const r = simulate({
      hosts: [{ name: 'n', count: 1, capacity: { cpu: 1 } }],
      workloads: [
        { name: 'hog', count: 1, arrival: { process: 'explicit', times: [0] }, duration: { distribution: 'constant', value: 2.5 }, request: { cpu: 1 } },
        { name: 'late', count: 1, arrival: { process: 'explicit', times: [2] }, request: { cpu: 1 } },
      ],
      scheduler: { policy: 'kube', podInitialBackoffSeconds: 4, podMaxBackoffSeconds: 4 },
    });
    // late fails at 2 and backs off until 6; hog ends at 2.5; the wake-up at 6 places late.
    expect(r.containers).toMatchObject({ running: 1, pending: 0, completed: 1 });
    expect(r.wait.max).toBe(4);
  });

  it('an unplaceable gang also ends a run without until', () => {
    const r = simulate({
      hosts: [{ name: 'n', count: 2, capacity: { cpu: 1 } }],
      workloads: [{ name: 'job', gang: 3, count: 3, arrival: { process: 'explicit', times: [0, 0, 0] }, duration: { distribution: 'constant', value: 5 }, request: { cpu: 1 } }],
      scheduler: { policy: 'kube' },
    });
    expect(r.containers).toMatchObject({ placed: 0, pending: 3 });
  });
});

describe('host conditions reach kube-scheduler as taints', () => {
  const s: Scenario = {
    until: 20, hosts: [{ name: 'n', count: 2, capacity: { cpu: 2 } }],
    workloads: [
      { name: 'w', count: 6, arrival: { process: 'interval', every: 1 }, duration: forever, request: { cpu: '500m' } },
      { name: 'tolerant', count: 1, arrival: { process: 'explicit', times: [3.5] }, duration: forever, request: { cpu: '500m' }, tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }] },
    ],
    scheduler: { policy: 'kube' },
  };

  it('NotReady keeps pods off a host, except those that tolerate its taint; clearing it lets them back', () => {
    const run = new Simulation(s);
    run.setHostCondition(0, HostCondition.NotReady, true);
    run.run({ until: 5 });
    const on = (h: number) => run.snapshot().hosts[h]?.containers.map((c) => c.name);
    expect(on(0)).toEqual(['tolerant-0']);
    expect(on(1)).toEqual(['w-0', 'w-1', 'w-2', 'w-3']);
    run.setHostCondition(0, HostCondition.NotReady, false);
    run.run();
    // w-4 (back-off over at 5) goes at once, w-5 at its wake-up at 6; listed in submission order.
    expect(on(0)).toEqual(['tolerant-0', 'w-4', 'w-5']);
    expect(run.snapshot().counts).toMatchObject({ running: 7, pending: 0 });
  });

  it('a cordon (Unschedulable) blocks a bin-packing policy\'s host too', () => {
    const run = new Simulation({ ...s, scheduler: { policy: 'first-fit' } });
    run.setHostCondition(0, HostCondition.Unschedulable, true);
    run.run();
    expect(run.snapshot().hosts[0]?.containers).toEqual([]);
    expect(run.snapshot().hosts[0]?.conditions).toEqual(['Unschedulable']);
  });
});

describe('regressions', () => {
  it('a container whose start at once crosses the eviction threshold no longer crashes kube-scheduler (pod bound twice)', () => {
    const s = JSON.parse(readFileSync(new URL('./fixtures/pressure-at-start.json', import.meta.url), 'utf8')) as Scenario;
    const run = new Simulation(s);
    const r = run.run().result();
    expect(r.performance?.evictions).toBeGreaterThan(0);
    expect(r.containers.submitted).toBe(r.containers.completed + r.containers.running + r.containers.pending + r.containers.rejected + r.containers.failed);
    // Every pod the scheduler holds bound is a container running in the simulation.
    const kube = (run.scheduler as unknown as { kube: { podsOn(h: number): readonly number[] } }).kube;
    const bound = run.snapshot().hosts.map((h) => kube.podsOn(h.index).length);
    expect(bound).toEqual(run.snapshot().hosts.map((h) => h.containers.length));
  });

  it('a fixed-duration container that is OOM-killed and restarted ends once, its duration after its last start', () => {
    const r = simulate({
      hosts: [{ name: 'n', capacity: { cpu: 2, memory: '4Gi' } }], record: 'containers', until: 300,
      workloads: [{ name: 'w', count: 1, arrival: { process: 'explicit', times: [0] }, request: { cpu: 1, memory: '1Gi' }, limit: { memory: '1Gi' }, memory: { usage: [{ t: 0, bytes: '100Mi' }, { t: 10, bytes: '2Gi' }] }, duration: { distribution: 'constant', value: 30 }, restartPolicy: 'OnFailure' }],
    });
    expect(r.containers).toMatchObject({ placed: 1, completed: 1, running: 0, pending: 0, failed: 0 });
    const rec = r.performance?.records?.[0];
    expect(rec?.restarts).toBeGreaterThan(0);
    expect((rec?.finished ?? 0) - (rec?.ready ?? 0)).toBeCloseTo(30, 9);
  });
});
