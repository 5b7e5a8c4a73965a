import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/index.js';
import { importKubernetes, loadScenario, loadScenarioFromText, validateText } from '../../src/inputs/index.js';
import { parseQuantity } from '../../src/resources/quantity.js';
import type { WorkloadSpec } from '../../src/scenario/schema.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'inputs');
const k8s = (name: string) => join(fixtures, 'k8s', name);
const hosts = [{ name: 'node', count: 4, capacity: { cpu: 16, memory: '64Gi', 'nvidia.com/gpu': 4 }, labels: { disktype: 'ssd', 'topology.kubernetes.io/zone': 'a' } }];

const pod = (spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec });
const cpuOf = (w: WorkloadSpec | undefined, key: 'request' | 'limit' = 'request') => {
  const v = w?.[key]?.['cpu'];
  return v === undefined ? 0 : parseQuantity(v, 'cpu');
};

describe('Kubernetes manifests', () => {
  it('the monitoring stack imports: DaemonSet, StatefulSets, Deployment, PriorityClass, Namespace and HPA, with ignored kinds in one warning', () => {
    const r = loadScenario(k8s('monitoring-stack.yaml'), { hosts });
    const w = Object.fromEntries(r.scenario.workloads.map((x) => [x.name, x]));
    expect(Object.keys(w)).toEqual(['node-exporter', 'prometheus', 'alertmanager', 'grafana']);
    expect(w['node-exporter']).toMatchObject({ daemonSet: true, namespace: 'monitoring', priorityClassName: 'monitoring-critical', tolerations: [{ operator: 'Exists', effect: 'NoSchedule' }], arrival: { process: 'explicit', times: [0] } });
    expect(w['node-exporter']?.duration).toBeUndefined();
    expect(w['prometheus']?.arrival).toEqual({ process: 'explicit', times: [0, 0] });
    expect(w['prometheus']?.affinity).toHaveProperty('podAntiAffinity');
    expect(w['alertmanager']?.topologySpreadConstraints).toHaveLength(1);
    expect(w['grafana']).toMatchObject({ nodeSelector: { disktype: 'ssd' }, image: 'grafana/grafana:11.1.0', labels: { app: 'grafana' } });
    expect(r.scenario.priorityClasses).toEqual([{ name: 'monitoring-critical', value: 100000, globalDefault: false, preemptionPolicy: 'PreemptLowerPriority', description: 'Monitoring must keep running.' }]);
    expect(r.scenario.horizontalPodAutoscalers).toEqual([expect.objectContaining({ kind: 'HorizontalPodAutoscaler', metadata: { name: 'grafana', namespace: 'monitoring' }, spec: expect.objectContaining({ maxReplicas: 4 }) })]);
    expect(r.namespaces).toEqual([{ name: 'monitoring', labels: { team: 'sre' } }]);
    const ignored = r.warnings.filter((x) => x.code === 'ignored_kinds');
    expect(ignored).toHaveLength(1);
    expect(ignored[0]?.message).toMatch(/ConfigMap ×1.*Service ×1.*ServiceAccount ×1/);
    expect(simulate({ ...r.scenario, until: 60 }).containers.submitted).toBeGreaterThanOrEqual(7);
  });

  it('fields with a few allowed values name them all, and booleans must be true or false, in pods, PriorityClasses and Nodes', () => {
    const text = [
      'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  restartPolicy: Sometimes\n  preemptionPolicy: Always\n  containers:\n  - name: c\n    image: i\n    imagePullPolicy: Maybe\n    ports: [{ containerPort: 80, protocol: HTTP }]\n',
      'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: { name: high }\nvalue: 10\nglobalDefault: "yes"\npreemptionPolicy: 5\n',
      'apiVersion: v1\nkind: Node\nmetadata: { name: n }\nspec: { unschedulable: 1 }\nstatus: { allocatable: { cpu: "4", memory: 8Gi } }\n',
    ].join('---\n');
    const r = validateText({ file: 'k.yaml', text }, { hosts });
    expect(r.issues.map((i) => [i.path, i.code, i.message])).toEqual([
      ['spec.restartPolicy', 'invalid_value', 'Pod "p": must be Always, OnFailure or Never, got the string "Sometimes"'],
      ['spec.preemptionPolicy', 'invalid_value', 'Pod "p": must be PreemptLowerPriority or Never, got the string "Always"'],
      ['spec.containers[0].imagePullPolicy', 'invalid_value', 'Pod "p": must be IfNotPresent, Always or Never, got the string "Maybe"'],
      ['spec.containers[0].ports[0].protocol', 'invalid_value', 'Pod "p": must be TCP, UDP or SCTP, got the string "HTTP"'],
      ['globalDefault', 'invalid_type', 'PriorityClass "high": expected true or false, got the string "yes"'],
      ['preemptionPolicy', 'invalid_value', 'PriorityClass "high": must be PreemptLowerPriority or Never, got the number 5'],
      ['spec.unschedulable', 'invalid_type', 'Node "n": expected true or false, got the number 1'],
    ]);
  });

  it('a pod requests max(Σ app containers + sidecars, largest init container with the sidecars before it) + overhead', () => {
    const r = loadScenario(k8s('monitoring-stack.yaml'), { hosts });
    const prom = r.scenario.workloads.find((w) => w.name === 'prometheus');
    // app 1 CPU + sidecar 50m = 1050m, init 2 CPU (no sidecar started yet) wins; memory 4Gi + 32Mi beats the init's 128Mi.
    expect(prom?.request).toEqual({ cpu: '2', memory: 4 * 2 ** 30 + 32 * 2 ** 20 });
    // The init container sets no limit, so the pod as a whole has none.
    expect(prom?.limit).toBeUndefined();
    const debug = loadScenario(k8s('pod.json'), { hosts }).scenario.workloads[0];
    // max(500m + 500m, 1500m) + 250m overhead; memory max(512Mi, 64Mi) + 120Mi.
    expect(debug).toMatchObject({ name: 'debug', priority: 10, imagePullPolicy: 'Always', image: 'example/debug:1', request: { cpu: '1750m', memory: 632 * 2 ** 20 } });
  });

  it('a limit without a request makes the request equal to the limit, as Kubernetes does', () => {
    const w = loadScenario(k8s('monitoring-stack.yaml'), { hosts }).scenario.workloads.find((x) => x.name === 'alertmanager');
    expect(w?.request).toEqual({ cpu: '200m', memory: 256 * 2 ** 20 });
    expect(w?.limit).toEqual({ cpu: '200m', memory: 256 * 2 ** 20 });
  });

  it('property: the pod request is max(sum over app containers, max over init containers) + overhead, per resource', () => {
    const milli = fc.integer({ min: 0, max: 8000 });
    fc.assert(fc.property(fc.array(milli, { minLength: 1, maxLength: 5 }), fc.array(milli, { maxLength: 4 }), milli, (app, init, overhead) => {
      const c = (m: number, i: number) => ({ name: `c${i}`, image: 'x', resources: { requests: { cpu: `${m}m` } } });
      const r = importKubernetes(pod({ containers: app.map(c), initContainers: init.map(c), overhead: { cpu: `${overhead}m` } }));
      expect(r.issues).toEqual([]);
      const expected = Math.max(app.reduce((s, x) => s + x, 0), ...init) + overhead;
      expect(cpuOf(r.workloads[0])).toBe(expected);
    }), { numRuns: 200 });
  });

  it('property: a pod limit exists only when every container sets one, and then follows the same rule', () => {
    const lim = fc.option(fc.integer({ min: 1, max: 4000 }), { nil: undefined });
    fc.assert(fc.property(fc.array(lim, { minLength: 1, maxLength: 4 }), fc.array(lim, { maxLength: 3 }), (app, init) => {
      const c = (m: number | undefined, i: number) => ({ name: `c${i}`, image: 'x', resources: m === undefined ? {} : { limits: { cpu: `${m}m` } } });
      const r = importKubernetes(pod({ containers: app.map(c), initContainers: init.map(c) }));
      expect(r.issues).toEqual([]);
      const all = [...app, ...init];
      if (all.some((x) => x === undefined)) expect(r.workloads[0]?.limit).toBeUndefined();
      else expect(cpuOf(r.workloads[0], 'limit')).toBe(Math.max(app.reduce((s: number, x) => s + (x as number), 0), ...(init as number[])));
    }), { numRuns: 200 });
  });

  it('Node objects become host groups with allocatable capacity, maxPods, labels (with kubernetes.io/hostname), taints and unschedulable', () => {
    const r = loadScenario(k8s('nodes.yaml'));
    const h = Object.fromEntries(r.scenario.hosts.map((x) => [x.name, x]));
    expect(h['worker-1']).toEqual({ name: 'worker-1', capacity: { cpu: '7800m', memory: 30 * 2 ** 30, 'ephemeral-storage': 95 * 2 ** 30 }, labels: { 'kubernetes.io/hostname': 'worker-1', 'topology.kubernetes.io/zone': 'a', disktype: 'ssd' }, maxPods: 110 });
    expect(h['worker-2']?.labels?.['kubernetes.io/hostname']).toBe('worker-2');
    expect(h['gpu-1']).toMatchObject({ capacity: { cpu: '16', 'nvidia.com/gpu': 4 }, taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }] });
    expect(h['control-plane']).toMatchObject({ unschedulable: true, maxPods: 20, taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] });
  });

  it('a Job becomes waves of `parallelism` pods spaced by its duration; a CronJob fires over the horizon; a Job without a duration gets the default with a warning', () => {
    const r = loadScenario(k8s('batch.yaml'), { hosts, horizon: 7200 });
    const w = Object.fromEntries(r.scenario.workloads.map((x) => [x.name, x]));
    expect(w['reindex']).toMatchObject({ arrival: { process: 'explicit', times: [0, 0, 120, 120, 240] }, duration: { distribution: 'constant', value: 120 }, restartPolicy: 'Never' });
    expect(w['backup']).toMatchObject({ arrival: { process: 'explicit', times: [0, 1800, 3600, 5400, 7200] }, duration: { distribution: 'constant', value: 300 }, limit: { cpu: '1', memory: 2 ** 30 } });
    expect(w['migrate']).toMatchObject({ arrival: { process: 'explicit', times: [0] }, duration: { distribution: 'constant', value: 60 } });
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'default_duration', message: expect.stringContaining('Job "migrate"') })]);
    const res = simulate(r.scenario);
    expect(res.containers.completed).toBe(11);
  });

  it('the CronJob horizon defaults to the scenario until, then to one day', () => {
    const cron = 'apiVersion: batch/v1\nkind: CronJob\nmetadata: { name: c, annotations: { podsim.io/duration: "1" } }\nspec:\n  schedule: "@hourly"\n  jobTemplate: { spec: { template: { spec: { containers: [{ name: c, image: x }] } } } }\n';
    const withUntil = loadScenarioFromText([{ file: 's.yaml', text: 'until: 7200\nhosts: [{ name: n, capacity: { cpu: 1 } }]\n' }, { file: 'c.yaml', text: cron }]);
    expect(withUntil.scenario.workloads[0]?.arrival).toEqual({ process: 'explicit', times: [0, 3600, 7200] });
    const day = loadScenarioFromText({ file: 'c.yaml', text: cron }, { hosts });
    expect((day.scenario.workloads[0]?.arrival as { times: number[] }).times).toHaveLength(25);
  });

  it('a List and a JSON Pod import like their items', () => {
    const list = { apiVersion: 'v1', kind: 'List', items: [pod({ containers: [{ name: 'a', image: 'x', resources: { requests: { cpu: 1 } } }] }), { apiVersion: 'apps/v1', kind: 'DeploymentList', items: [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'shop' }, spec: { replicas: 3, template: { spec: { containers: [{ name: 'd', image: 'y' }] } } } }] }] };
    const r = importKubernetes(list);
    expect(r.issues).toEqual([]);
    expect(r.workloads.map((w) => [w.name, w.replicas ?? (w.arrival as { times: number[] }).times.length, w.namespace])).toEqual([['p', 1, undefined], ['d', 3, 'shop']]); // a Deployment is a service of 3
  });

  it('workload names stay unique: a name taken by another namespace is qualified, with a warning', () => {
    const d = (ns: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: ${ns} }\nspec: { template: { spec: { containers: [{ name: w, image: x }] } } }\n`;
    const r = loadScenarioFromText({ file: 'a.yaml', text: `${d('a')}---\n${d('b')}` }, { hosts });
    expect(r.scenario.workloads.map((w) => w.name)).toEqual(['web', 'b/web']);
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'renamed', file: 'a.yaml', line: 6 })]);
  });

  it('unknown kinds close to a known one and misspelt fields are errors with a did-you-mean; other unknown kinds are ignored with the warning', () => {
    const text = 'apiVersion: apps/v1\nkind: Deploymnet\nmetadata: { name: a }\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: { name: b }\nspec:\n  replica: 2\n  template: { spec: { containers: [{ name: b, image: x, resources: { request: { cpu: 1 } } }] } }\n---\napiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: { name: m }\n';
    const r = validateText({ file: 'k.yaml', text }, { hosts });
    expect(r.ok).toBe(false);
    expect(r.issues).toEqual([
      expect.objectContaining({ code: 'unknown_kind', line: 2, message: expect.stringContaining('did you mean "Deployment"?') }),
      expect.objectContaining({ code: 'unknown_field', line: 9, path: 'spec.replica', message: expect.stringContaining('did you mean "replicas"?') }),
      expect.objectContaining({ code: 'unknown_field', line: 10, path: 'spec.template.spec.containers[0].resources.request', message: expect.stringContaining('did you mean "requests"?') }),
    ]);
    expect(r.warnings.some((w) => w.code === 'ignored_kinds' && w.message.includes('ServiceMonitor'))).toBe(true);
  });

  it('bad quantities, a request above its limit, and missing pieces are all reported with file, line and path', () => {
    const text = [
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata: { name: a }', 'spec:', '  replicas: -1', '  template:', '    spec:', '      containers:',
      '        - name: a', '          image: x', '          resources:', '            requests: { cpu: 2, memory: 12XB }', '            limits: { cpu: 1 }',
      '---', 'apiVersion: v1', 'kind: Node', 'metadata: { name: n }', '---', 'apiVersion: batch/v1', 'kind: CronJob', 'metadata: { name: c }',
      'spec:', '  schedule: "61 * * * *"', '  jobTemplate: { spec: { template: { spec: { containers: [{ name: c, image: x }] } } } }',
    ].join('\n');
    const r = validateText({ file: 'bad.yaml', text }, { hosts });
    const lines = r.issues.map((i) => [i.line, i.code]);
    expect(lines).toEqual(expect.arrayContaining([[12, 'invalid_quantity'], [15, 'missing_capacity'], [23, 'invalid_schedule']]));
    for (const i of r.issues) expect(i.file).toBe('bad.yaml');
  });

  it('manifests without Node objects and without a scenario file or options.hosts fail with a clear message', () => {
    const r = validateText({ file: 'a.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec: { containers: [{ name: c, image: x }] }\n' });
    expect(r.issues.map((i) => i.message)).toEqual(['no hosts in a.yaml: add Node objects or a scenario file with hosts, or pass hosts in the load options (options.hosts)']);
  });

  it('a mixed folder merges a scenario file, manifests and a Compose file, and runs', () => {
    const r = loadScenario(join(fixtures, 'mixed'));
    expect(r.scenario).toMatchObject({ seed: 42, until: 3600, scheduler: { policy: 'first-fit' } });
    expect(r.scenario.workloads.map((w) => w.name)).toEqual(['api', 'report', 'worker']);
    expect(r.sources.map((s) => s.slice(fixtures.length + 1))).toEqual(['mixed/app.yaml', 'mixed/cluster.yaml', 'mixed/compose.yml']);
    expect(simulate(r.scenario).containers.submitted).toBe(8);
  });
});
