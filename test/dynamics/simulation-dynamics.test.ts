import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Simulation } from '../../src/simulation/simulation.js';
import { simulate } from '../../src/simulation/simulate.js';
import { loadScenarioFromText } from '../../src/inputs/load-scenario.js';
import { validateScenario } from '../../src/scenario/validate.js';
import { steadyStateAvailability } from '../../src/dynamics/failure-model.js';

// Issue 12 §§1–2 in the simulation: services, Jobs, failures, events, drains, zones.

const noToleration = [
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists' as const, effect: 'NoExecute' as const, tolerationSeconds: 0 },
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists' as const, effect: 'NoExecute' as const, tolerationSeconds: 0 },
];

describe('services under host failures', () => {
  it('N replicas on N one-replica hosts with exponential failures (detection and toleration 0) are available MTBF/(MTBF+MTTR) of the time', () => {
    const mtbf = 1000, mttr = 100, N = 4, T = 2e6;
    const r = simulate({
      seed: 7, until: T, nodeMonitorGracePeriod: 0,
      hosts: [{ name: 'n', count: N, capacity: { cpu: 1 }, failures: { mtbf, mttr } }],
      workloads: [{ name: 'api', replicas: N, request: { cpu: 1 }, tolerations: noToleration }],
    });
    const expected = steadyStateAvailability(mtbf, mttr); // 0.90909…
    // Asymptotic sd of an alternating renewal process's up fraction over T: sqrt(2 mtbf² mttr² / ((mtbf+mttr)³ T)) per host; ~4.4 sd over N hosts.
    const sd = Math.sqrt((2 * mtbf ** 2 * mttr ** 2) / ((mtbf + mttr) ** 3 * T) / N);
    const a = r.workloads?.['api']?.availability as number;
    expect(Math.abs(a - expected)).toBeLessThan(4.4 * sd);
    expect(r.hosts.failures).toBeGreaterThan(0.9 * (N * T) / (mtbf + mttr));
    expect(r.workloads?.['api']?.replacements).toBe(r.containers.lost);
  });

  it('a zone outage: replicas are replaced in the other zone after the grace period (40 s) and the default toleration (300 s)', () => {
    const zone = (z: string) => ({ 'topology.kubernetes.io/zone': z });
    const s = {
      seed: 1, until: 4000,
      hosts: [{ name: 'a', count: 2, capacity: { cpu: 2 }, labels: zone('a') }, { name: 'b', count: 2, capacity: { cpu: 2 }, labels: zone('b') }],
      workloads: [{ name: 'api', replicas: 4, request: { cpu: 1 } }],
      events: [{ at: 1000, action: 'fail' as const, hosts: { labels: zone('a') }, duration: 2000 }],
    };
    const r = simulate(s);
    // First-fit puts all four on zone a; they are lost at 1000 and replaced at 1340 on zone b.
    expect(r.workloads?.['api']).toMatchObject({ kind: 'service', desired: 4, disruptions: 4, replacements: 4, lost: 4, timeToReplacementReady: { count: 4, mean: 340, max: 340 } });
    expect(r.workloads?.['api']?.availability).toBeCloseTo(1 - 340 / 4000, 12);
    expect(r.hosts.groups?.['a']?.up).toEqual([[0, 2], [1000, 0], [3000, 2]]);
    expect(r.hosts.lostCpuSeconds).toBe(4 * 1000);
    expect(r.containers).toMatchObject({ submitted: 8, running: 4, lost: 4, pending: 0 });
  });

  it('a drain evicts through the eviction API: a PDB with minAvailable 2 of 3 lets one go at a time, retried every 5 s', () => {
    const lost: number[] = [];
    const run = new Simulation({
      seed: 1, until: 500,
      hosts: [{ name: 'n', count: 2, capacity: { cpu: 4 } }],
      workloads: [{ name: 'api', replicas: 3, request: { cpu: 1 }, labels: { app: 'api' } }, { name: 'agent', daemonSet: true, request: { cpu: '100m' }, arrival: { process: 'explicit', times: [0] } }],
      podDisruptionBudgets: [{ name: 'api', selector: { matchLabels: { app: 'api' } }, minAvailable: 2 }],
      events: [{ at: 100, action: 'drain', hosts: { names: ['n-0'] } }],
    });
    run.observe((e) => { if (e.kind === 'lost') lost.push(e.time); });
    run.run();
    expect(lost).toEqual([100, 105, 110]);
    const snap = run.snapshot();
    expect(snap.hosts[0]?.containers.map((c) => c.name)).toEqual(['agent-0']); // DaemonSet pods stay
    expect(run.result().workloads?.['api']).toMatchObject({ availability: 1, disruptions: 3, replacements: 3 });
  });

  it('a Job retries a pod lost with its host after the back-off (10 s) and completes; a bare pod lost stays lost', () => {
    const r = simulate({
      seed: 1, until: 1000, nodeMonitorGracePeriod: 0,
      hosts: [{ name: 'n', capacity: { cpu: 2 } }],
      workloads: [
        { name: 'job', completions: 1, backoffLimit: 1, duration: { distribution: 'constant', value: 100 }, request: { cpu: 1 }, tolerations: noToleration },
        { name: 'bare', count: 1, arrival: { process: 'explicit', times: [0] }, request: { cpu: 1 } },
      ],
      events: [{ at: 50, action: 'fail', hosts: { group: 'n' }, duration: 10 }],
    });
    expect(r.workloads?.['job']).toMatchObject({ kind: 'job', succeeded: 1, failed: 1, status: 'Complete', replacements: 1 });
    expect(r.workloads?.['bare']).toMatchObject({ kind: 'pods', lost: 1, replacements: 0 });
    expect(r.containers).toMatchObject({ submitted: 3, completed: 1, lost: 2, running: 0, pending: 0 });
  });

  it('add and remove events use pre-allocated host slots; the API works from code', () => {
    const run = new Simulation({
      seed: 1, until: 300,
      hosts: [{ name: 'pool', count: 1, capacity: { cpu: 1 } }],
      workloads: [{ name: 'api', replicas: 2, request: { cpu: 1 } }],
      events: [{ at: 60, action: 'add', hosts: { group: 'pool' }, count: 1, duration: 100 }],
    });
    expect(run.cluster.hostCount).toBe(2);
    expect(run.hostState(1)).toBe('absent');
    run.run({ until: 61 });
    expect(run.hostState(1)).toBe('up');
    expect(run.counts.running).toBe(2);
    run.run();
    expect(run.result().workloads?.['api']?.availability).toBeCloseTo((60 * 0.5 + 100 + 140 * 0.5) / 300, 9);
    // From code: bring the slot up at t = 30 (the add event at 60 then finds none left, and its undo removes nothing).
    const code = new Simulation({ seed: 1, until: 300, hosts: [{ name: 'pool', count: 1, capacity: { cpu: 1 } }], workloads: [{ name: 'api', replicas: 2, request: { cpu: 1 } }], events: [{ at: 60, action: 'add', hosts: { group: 'pool' }, duration: 100 }] });
    code.run({ until: 30 });
    expect(code.addHost('pool')).toBe(1);
    expect(code.addHost('pool')).toBe(-1);
    code.run();
    expect(code.result().workloads?.['api']?.availability).toBeCloseTo((30 * 0.5 + 270) / 300, 9);
    expect(code.failHost(0)).toBe(true);
    expect(code.hostState(0)).toBe('down');
  });
});

describe('scenario files and manifests', () => {
  it('a YAML scenario with failures and events validates without not_modelled warnings for them, and runs', () => {
    const yaml = [
      'seed: 2', 'until: 7200', 'nodeMonitorGracePeriod: 40',
      'hosts:', '  - { name: web, count: 3, capacity: { cpu: 4 }, failures: { mtbf: 3600, mttr: { distribution: weibull, scale: 600, shape: 1.5 } } }',
      'workloads:', '  - { name: api, replicas: 6, request: { cpu: 1 } }',
      'events:', '  - { at: 1800, action: drain, hosts: { names: [web-1] }, duration: 600 }',
    ].join('\n');
    const r = loadScenarioFromText({ file: 'scenario.yaml', text: yaml });
    expect(r.warnings.filter((w) => w.code === 'not_modelled')).toEqual([]);
    const res = simulate(r.scenario);
    expect(res.workloads?.['api']?.kind).toBe('service');
    expect(res.containers.submitted).toBe(res.containers.completed + res.containers.failed + res.containers.rejected + (res.containers.lost ?? 0) + res.containers.running + res.containers.pending);
  });

  it('an imported Deployment keeps its replicas as a service', () => {
    const manifest = [
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata: { name: web }',
      'spec:', '  replicas: 3', '  selector: { matchLabels: { app: web } }',
      '  template:', '    metadata: { labels: { app: web } }',
      '    spec: { containers: [{ name: web, image: nginx, resources: { requests: { cpu: 500m } } }] }',
    ].join('\n');
    const r = loadScenarioFromText({ file: 'web.yaml', text: manifest }, { hosts: [{ name: 'n', count: 2, capacity: { cpu: 2 } }] });
    expect(r.scenario.workloads[0]).toMatchObject({ name: 'web', replicas: 3 });
    const res = simulate({ ...r.scenario, until: 1000, events: [{ at: 100, action: 'fail', hosts: { names: ['n-0'] } }] });
    expect(res.workloads?.['web']).toMatchObject({ kind: 'service', desired: 3, lost: 3, replacements: 3 });
  });

  it('checks: a service takes no arrival, failures need until, and the unwired fields warn not_modelled', () => {
    const bad = validateScenario({ hosts: [{ name: 'n', capacity: { cpu: 1 }, failures: { mtbf: 10, mttr: 1 } }], workloads: [{ name: 'a', replicas: 1, arrival: { process: 'explicit', times: [0] }, request: { cpu: 1 } }] });
    expect(bad.ok).toBe(false);
    expect(bad.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['workloads[0].arrival', 'hosts[0].failures']));
    // price is modelled (result.cost); the HPA is not wired yet.
    const ok = validateScenario({ until: 10, hosts: [{ name: 'n', capacity: { cpu: 1 }, price: 1 }], workloads: [{ name: 'a', replicas: 1, request: { cpu: 1 }, autoscale: { maxReplicas: 2, targetCPUUtilization: 50 } }] });
    expect(ok.ok && ok.warnings.map((w) => `${w.code} ${w.path}`)).toEqual([]); // autoscale is wired now (the HPA)
  });
});

describe('property: random failures, drains and cordons', () => {
  const action = fc.constantFrom('fail', 'repair', 'drain', 'cordon', 'uncordon', 'remove', 'add');
  const event = fc.record({ at: fc.integer({ min: 0, max: 900 }), action, host: fc.integer({ min: 0, max: 3 }), duration: fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }) });
  it('nothing is lost from the books, nothing is overcommitted, and the same seed gives the same bytes', () => {
    fc.assert(fc.property(fc.array(event, { maxLength: 12 }), fc.integer({ min: 1, max: 1000 }), fc.constantFrom('first-fit', 'best-fit', 'kube'), (evs, seed, policy) => {
      const scenario = {
        seed, until: 1200, scheduler: { policy },
        hosts: [{ name: 'n', count: 4, capacity: { cpu: 2, memory: '4Gi' }, failures: { mtbf: 400, mttr: 60 } }],
        workloads: [
          { name: 'svc', replicas: 4, request: { cpu: '700m', memory: '1Gi' } },
          { name: 'job', completions: 6, parallelism: 2, duration: { distribution: 'exponential' as const, mean: 80 }, request: { cpu: 1 } },
          { name: 'bare', count: 10, arrival: { process: 'poisson' as const, rate: 0.02 }, duration: { distribution: 'constant' as const, value: 50 }, request: { cpu: '500m' } },
          { name: 'work', count: 6, arrival: { process: 'interval' as const, every: 100 }, work: { cpu: { distribution: 'constant' as const, value: 60 } }, request: { cpu: '500m' }, limit: { cpu: 1 } },
          { name: 'ds', daemonSet: true, arrival: { process: 'explicit' as const, times: [0] }, request: { cpu: '100m' } },
        ],
        events: evs.map((e) => (e.action === 'add'
          ? { at: e.at, action: 'add' as const, hosts: { group: 'n' }, ...(e.duration === undefined ? {} : { duration: e.duration }) }
          : { at: e.at, action: e.action, hosts: { names: [`n-${e.host}`] }, ...(e.duration === undefined ? {} : { duration: e.duration }) })),
      };
      const run = new Simulation(scenario);
      const H = run.cluster.hostCount;
      // Nothing but a DaemonSet pod (pinned, tolerating) is placed on a failed or absent host.
      run.observe((e) => { if (e.kind === 'placed' && e.workload !== 4 && run.hostState(e.host) !== 'up') throw new Error(`placed on ${run.hostState(e.host)} host ${e.host} at ${e.time}`); });
      while (run.step()) {
        for (let h = 0; h < H; h++) {
          const cap = run.cluster.capacityOf(h), alloc = run.cluster.allocatedOf(h);
          for (const [d, v] of Object.entries(alloc)) if (v > (cap[d] ?? 0)) throw new Error(`host ${h} overcommitted in ${d} at ${run.now}`);
        }
      }
      const r = run.result();
      const c = r.containers;
      expect(c.submitted).toBe(c.completed + c.failed + c.rejected + (c.lost ?? 0) + c.running + c.pending);
      expect(JSON.stringify(simulate(scenario))).toBe(JSON.stringify(simulate(scenario)));
    }), {
      numRuns: 25,
      // A case CI's seed found: a Job's back-off ending at a time that rounds, which synced at the same instant for ever.
      examples: [[[{ at: 0, action: 'cordon', host: 3, duration: 197 }, { at: 3, action: 'remove', host: 1, duration: undefined }, { at: 892, action: 'cordon', host: 0, duration: 271 }, { at: 892, action: 'add', host: 1, duration: 54 }, { at: 379, action: 'add', host: 2, duration: 35 }, { at: 440, action: 'drain', host: 2, duration: undefined }, { at: 860, action: 'add', host: 0, duration: 43 }, { at: 0, action: 'uncordon', host: 2, duration: 248 }, { at: 692, action: 'add', host: 0, duration: 207 }, { at: 156, action: 'fail', host: 3, duration: undefined }], 41, 'best-fit']],
    });
  });
});

describe('summary and report', () => {
  it('the CLI summary has a line per service and Job and one for host failures; the report draws hosts up and availability', async () => {
    const { dynamicsRows } = await import('../../src/report/dynamics-rows.js');
    const { hostsUpChart, availabilityChart } = await import('../../src/report/charts/dynamics-charts.js');
    const { renderSvg } = await import('../../src/report/render-svg.js');
    const r = simulate({
      seed: 1, until: 4000,
      hosts: [{ name: 'a', count: 2, capacity: { cpu: 2 } }, { name: 'b', count: 2, capacity: { cpu: 2 } }],
      workloads: [{ name: 'api', replicas: 4, request: { cpu: 1 } }],
      events: [{ at: 1000, action: 'fail', hosts: { group: 'a' }, duration: 2000 }],
    });
    const rows = Object.fromEntries(dynamicsRows(r));
    expect(rows['service api']).toBe('availability 91.5% of 4 replicas, 4 disruptions, 4 replacements (ready after 340 s (5.7 min) mean, 340 s (5.7 min) max)');
    expect(rows['host failures']).toMatch(/^2, 4 containers lost, 4,?000 CPU-seconds/);
    for (const spec of [hostsUpChart(r), availabilityChart(r)]) expect(await renderSvg(spec)).toMatch(/^<svg/);
  });
});

describe('examples/zone-outage.yaml', () => {
  it('loads without warnings and runs: the service stays mostly available, the Job completes, nothing leaves the books', async () => {
    const { loadScenario } = await import('../../src/inputs/load-scenario.js');
    const { fileURLToPath } = await import('node:url');
    const r = loadScenario(fileURLToPath(new URL('../../examples/zone-outage.yaml', import.meta.url)));
    expect(r.warnings).toEqual([]);
    const res = simulate(r.scenario);
    expect(res.workloads?.['api']?.availability).toBeGreaterThan(0.9);
    expect(res.workloads?.['nightly']?.status).toBe('Complete');
    expect(res.hosts.groups?.['a']?.up).toContainEqual([36000, 0]);
    const c = res.containers;
    expect(c.submitted).toBe(c.completed + c.failed + c.rejected + (c.lost ?? 0) + c.running + c.pending);
  });
});
