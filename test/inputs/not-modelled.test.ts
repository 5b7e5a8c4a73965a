// "Nothing accepted is silently ignored": every field or object podsim reads but does not simulate
// gets a `not_modelled` warning with its path (and, from a file, its file and line) at load time.
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/errors.js';
import { parseScenario, scenarioWarnings, simulate, validateScenario, type Scenario } from '../../src/index.js';
import { importCompose, importKubernetes, loadScenarioFromText, validateText } from '../../src/inputs/index.js';
import { podsim } from '../cli/cli-harness.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const hosts = [{ name: 'node', count: 2, capacity: { cpu: 8, memory: '32Gi' } }];
const notModelled = (ws: readonly Issue[]) => ws.filter((w) => w.code === 'not_modelled');
const at = (ws: readonly Issue[]) => notModelled(ws).map((w) => (w.line === undefined ? w.path : `${w.line}: ${w.path}`));

const base: Scenario = {
  hosts: [{ name: 'n', capacity: { cpu: 4 } }],
  workloads: [{ name: 'w', count: 1, arrival: { process: 'explicit', times: [0] }, request: { cpu: 1 } }],
};

describe('scenarioWarnings(scenario)', () => {
  it('warns about tolerationSeconds and each HorizontalPodAutoscaler, with their paths', () => {
    const s = parseScenario({
      ...base,
      workloads: [{ ...base.workloads[0], tolerations: [{ key: 'a', operator: 'Exists' }, { key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] }],
      horizontalPodAutoscalers: [{ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'w' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'w' }, maxReplicas: 5 } }],
    });
    const ws = scenarioWarnings(s);
    expect(ws).toEqual([
      { code: 'not_modelled', path: 'workloads[0].tolerations[1].tolerationSeconds', message: expect.stringContaining('tolerationSeconds is not modelled except') },
      { code: 'not_modelled', path: 'horizontalPodAutoscalers[0]', message: expect.stringMatching(/the HPA scales services only: "w" has no replicas/) },
    ]);
    expect(ws[0]?.message).toContain('60 s');
  });

  it('gives no warning for a scenario that asks for nothing unmodelled', () => {
    expect(scenarioWarnings(parseScenario(base))).toEqual([]);
  });

  it('warns about kube-scheduler plugins a profile enables but podsim does not model, at the plugin entry', () => {
    const s = parseScenario({
      ...base,
      scheduler: { policy: 'kube', profiles: [{ plugins: { filter: { enabled: [{ name: 'VolumeBinding' }] } }, pluginConfig: [{ name: 'DynamicResources', args: {} }] }] },
    });
    expect(at(scenarioWarnings(s))).toEqual([
      'scheduler.profiles[0].plugins.filter.enabled[0].name',
      'scheduler.profiles[0].pluginConfig[0].args',
    ]);
    expect(at(validateScenario({ ...base, scheduler: { policy: 'kube', profiles: [{ plugins: { filter: { enabled: [{ name: 'VolumeBinding' }] } } }] } }).warnings)).toEqual(['scheduler.profiles[0].plugins.filter.enabled[0].name']);
  });

  it('validateScenario returns the same warnings with a valid scenario, and none with an invalid one', () => {
    const data = { ...base, workloads: [{ ...base.workloads[0], tolerations: [{ operator: 'Exists', tolerationSeconds: 5 }] }] };
    const r = validateScenario(data);
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual(scenarioWarnings(parseScenario(data)));
    expect(r.warnings).toHaveLength(1);
    const bad = validateScenario({ ...data, hosts: [] });
    expect(bad.ok).toBe(false);
    expect(bad.warnings).toEqual([]);
  });
});

describe('result.warnings', () => {
  it('a run repeats its scenario\'s warnings, so a result read alone says what it leaves out; none, no field', () => {
    const data: Scenario = { ...base, until: 10, scheduler: { policy: 'kube', profiles: [{ plugins: { filter: { enabled: [{ name: 'VolumeBinding' }] } } }] } };
    const r = simulate(data);
    expect(r.warnings).toEqual(validateScenario(data).warnings);
    expect(r.warnings?.map((w) => `${w.code} ${w.path}`)).toEqual(['not_modelled scheduler.profiles[0].plugins.filter.enabled[0].name']);
    expect('warnings' in simulate({ ...base, until: 10 })).toBe(false);
  });
});

describe('loading files: not_modelled warnings at their file, line and path', () => {
  it('a scenario file: tolerationSeconds and an autoscaler at their own lines', () => {
    const text = [
      'hosts: [{ name: n, capacity: { cpu: 4 } }]', // 1
      'workloads:', // 2
      '  - name: w', // 3
      '    count: 1', // 4
      '    arrival: { process: explicit, times: [0] }', // 5
      '    request: { cpu: 1 }', // 6
      '    tolerations:', // 7
      '      - key: k', // 8
      '        operator: Exists', // 9
      '        tolerationSeconds: 30', // 10
      'horizontalPodAutoscalers:', // 11
      '  - apiVersion: autoscaling/v2', // 12
      '    kind: HorizontalPodAutoscaler', // 13
      '    metadata: { name: w }', // 14
      '    spec: { scaleTargetRef: { kind: Deployment, name: w }, maxReplicas: 3 }', // 15
    ].join('\n');
    const r = loadScenarioFromText({ file: 's.yaml', text });
    expect(notModelled(r.warnings)).toEqual([
      expect.objectContaining({ file: 's.yaml', line: 10, path: 'workloads[0].tolerations[0].tolerationSeconds' }),
      expect.objectContaining({ file: 's.yaml', line: 12, path: 'horizontalPodAutoscalers[0]' }),
    ]);
    // validateFiles / validateText report them too.
    expect(at(validateText({ file: 's.yaml', text }).warnings)).toEqual(['10: workloads[0].tolerations[0].tolerationSeconds', '12: horizontalPodAutoscalers[0]']);
  });

  it('a manifest: a Deployment\'s unreachable tolerationSeconds is modelled, an HPA warns at the object', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 2
  template:
    spec:
      tolerations:
        - key: node.kubernetes.io/unreachable
          operator: Exists
          effect: NoExecute
          tolerationSeconds: 300
      containers: [{ name: web, image: nginx, resources: { requests: { cpu: 100m } } }]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: web }
spec: { scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }, minReplicas: 2, maxReplicas: 10 }
`;
    const r = loadScenarioFromText({ file: 'app.yaml', text }, { hosts });
    // The unreachable taint's tolerationSeconds is modelled (host failures, docs/dynamics.md): no warning for it.
    expect(notModelled(r.warnings)).toEqual([
    ]);
  });
});

/** A Deployment whose pod spec has `podSpec` (YAML, indented for the template's spec). */
const deployment = (podSpec: string, spec = '') => `apiVersion: apps/v1
kind: Deployment
metadata: { name: app }
spec:
${spec}  template:
    spec:
${podSpec}`;

describe('Kubernetes fields podsim reads but does not model', () => {
  const cases: [string, string, string, RegExp][] = [
    ['activeDeadlineSeconds', '      activeDeadlineSeconds: 60\n      containers: [{ name: a, image: x }]\n', 'spec.template.spec.activeDeadlineSeconds', /not stopped/],
    ['schedulingGates', '      schedulingGates: [{ name: wait }]\n      containers: [{ name: a, image: x }]\n', 'spec.template.spec.schedulingGates', /scheduled at once/],
    ['runtimeClassName', '      runtimeClassName: gvisor\n      containers: [{ name: a, image: x }]\n', 'spec.template.spec.runtimeClassName', /overhead/],
    ['readinessGates', '      readinessGates: [{ conditionType: x }]\n      containers: [{ name: a, image: x }]\n', 'spec.template.spec.readinessGates', /readiness probe/],
    ['resourceClaims', '      resourceClaims: [{ name: gpu, resourceClaimName: g }]\n      containers: [{ name: a, image: x }]\n', 'spec.template.spec.resourceClaims', /dynamic resource allocation/],
    ['terminationGracePeriodSeconds', '      terminationGracePeriodSeconds: 30\n      containers: [{ name: a, image: x }]\n', 'spec.template.spec.terminationGracePeriodSeconds', /stops at once/],
    ['a PVC volume', '      volumes: [{ name: d, persistentVolumeClaim: { claimName: data } }]\n      containers: [{ name: a, image: x }]\n', 'spec.template.spec.volumes[0].persistentVolumeClaim', /volume binding/],
    ['a startupProbe', '      containers: [{ name: a, image: x, startupProbe: { httpGet: { path: /, port: 80 } } }]\n', 'spec.template.spec.containers[0].startupProbe', /startup/],
    ['lifecycle hooks', '      containers: [{ name: a, image: x, lifecycle: { preStop: { sleep: { seconds: 5 } } } }]\n', 'spec.template.spec.containers[0].lifecycle', /take no time/],
    ['a claim in resources', '      containers: [{ name: a, image: x, resources: { claims: [{ name: gpu }] } }]\n', 'spec.template.spec.containers[0].resources.claims', /dynamic resource allocation/],
    ['a second container\'s image', '      containers: [{ name: a, image: x }, { name: b, image: y }]\n', 'spec.template.spec.containers[1].image', /first container's image/],
    ['a second container\'s readiness probe', '      containers: [{ name: a, image: x }, { name: b, readinessProbe: { periodSeconds: 5 } }]\n', 'spec.template.spec.containers[1].readinessProbe', /first container's readiness probe/],
    ['successThreshold above 1', '      containers: [{ name: a, image: x, readinessProbe: { periodSeconds: 5, successThreshold: 3 } }]\n', 'spec.template.spec.containers[0].readinessProbe.successThreshold', /first probe/],
  ];
  it.each(cases)('%s', (_what, podSpec, path, message) => {
    const r = validateText({ file: 'd.yaml', text: deployment(podSpec) }, { hosts });
    expect(r.issues).toEqual([]);
    const ws = notModelled(r.warnings);
    expect(ws).toEqual([expect.objectContaining({ path, file: 'd.yaml', message: expect.stringMatching(message) })]);
    expect(ws[0]?.line).toBeGreaterThanOrEqual(7);
    expect(ws[0]?.message).toMatch(/^Deployment "app": /);
  });

  it('what podsim models or what changes nothing gives no warning: env, ports without hostPort, probes of the first container, volumes that need no binding', () => {
    const r = validateText({ file: 'd.yaml', text: deployment('      serviceAccountName: app\n      volumes: [{ name: c, configMap: { name: c } }, { name: t, emptyDir: {} }]\n      containers: [{ name: a, image: x, env: [{ name: A, value: "1" }], ports: [{ containerPort: 80 }], livenessProbe: { tcpSocket: { port: 80 } }, readinessProbe: { periodSeconds: 5, successThreshold: 1 } }]\n') }, { hosts });
    expect(r.issues).toEqual([]);
    expect(notModelled(r.warnings)).toEqual([]);
  });

  it('a StatefulSet starts its pods together: OrderedReady (the default) is not modelled, Parallel is; volumeClaimTemplates need binding', () => {
    const sts = (extra: string) => `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: { name: db }\nspec:\n  replicas: 3\n${extra}  template:\n    spec:\n      containers: [{ name: a, image: x }]\n`;
    expect(at(validateText({ file: 's.yaml', text: sts('') }, { hosts }).warnings)).toEqual(['4: spec']);
    expect(at(validateText({ file: 's.yaml', text: sts('  podManagementPolicy: OrderedReady\n') }, { hosts }).warnings)).toEqual(['6: spec.podManagementPolicy']);
    expect(at(validateText({ file: 's.yaml', text: sts('  podManagementPolicy: Parallel\n') }, { hosts }).warnings)).toEqual([]);
    expect(at(validateText({ file: 's.yaml', text: sts('  podManagementPolicy: Parallel\n  volumeClaimTemplates: [{ metadata: { name: d } }]\n') }, { hosts }).warnings)).toEqual(['7: spec.volumeClaimTemplates']);
  });

  it('Job deadlines and failure handling, and a CronJob\'s Forbid or Replace concurrency, are not modelled', () => {
    const job = `apiVersion: batch/v1\nkind: Job\nmetadata: { name: j, annotations: { podsim.io/duration: "30" } }\nspec:\n  backoffLimit: 2\n  activeDeadlineSeconds: 600\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{ name: a, image: x }]\n`;
    expect(at(validateText({ file: 'j.yaml', text: job }, { hosts }).warnings)).toEqual(['6: spec.activeDeadlineSeconds', '5: spec.backoffLimit']);
    const cron = (policy: string) => `apiVersion: batch/v1\nkind: CronJob\nmetadata: { name: c, annotations: { podsim.io/duration: "30" } }\nspec:\n  schedule: "@hourly"\n  concurrencyPolicy: ${policy}\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{ name: a, image: x }]\n`;
    expect(at(validateText({ file: 'c.yaml', text: cron('Forbid') }, { hosts, horizon: 7200 }).warnings)).toEqual(['6: spec.concurrencyPolicy']);
    expect(at(validateText({ file: 'c.yaml', text: cron('Allow') }, { hosts, horizon: 7200 }).warnings)).toEqual([]);
  });

  it('a Node\'s images and unhealthy conditions are not modelled; a Ready node is fine', () => {
    const node = (status: string) => `apiVersion: v1\nkind: Node\nmetadata: { name: n1 }\nstatus:\n  allocatable: { cpu: "4", memory: 16Gi, pods: "110" }\n${status}`;
    const r = validateText({ file: 'n.yaml', text: node('  images: [{ names: [nginx:1.27], sizeBytes: 70000000 }]\n  conditions:\n    - { type: Ready, status: "False" }\n    - { type: MemoryPressure, status: "True" }\n    - { type: DiskPressure, status: "False" }\n') });
    expect(r.issues).toEqual([]);
    expect(at(r.warnings)).toEqual(['6: status.images', '8: status.conditions[0]', '9: status.conditions[1]']);
    expect(notModelled(r.warnings)[1]?.message).toContain('Ready=False');
    expect(at(validateText({ file: 'n.yaml', text: node('  conditions: [{ type: Ready, status: "True" }]\n') }).warnings)).toEqual([]);
  });

  it('LimitRange, ResourceQuota, RuntimeClass and VerticalPodAutoscaler objects each get their own warning at their line', () => {
    const text = ['LimitRange', 'ResourceQuota', 'RuntimeClass', 'VerticalPodAutoscaler', 'ConfigMap']
      .map((k) => `apiVersion: v1\nkind: ${k}\nmetadata: { name: x }\n`).join('---\n');
    const r = validateText({ file: 'k.yaml', text }, { hosts });
    expect(notModelled(r.warnings).map((w) => [w.line, w.message.slice(0, w.message.indexOf(':'))])).toEqual([
      [1, 'LimitRange "x"'], [5, 'ResourceQuota "x"'], [9, 'RuntimeClass "x"'], [13, 'VerticalPodAutoscaler "x"'],
    ]);
    // Kinds that change nothing (a ConfigMap) stay in the one ignored_kinds notice.
    expect(r.warnings.find((w) => w.code === 'ignored_kinds')?.message).toMatch(/ConfigMap ×1/);
  });
});

describe('Kubernetes objects and fields that are now read, not dropped', () => {
  it('a PodDisruptionBudget becomes a podDisruptionBudgets entry; unhealthyPodEvictionPolicy is not modelled', () => {
    const text = `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: { name: web-pdb, namespace: shop }\nspec:\n  minAvailable: "50%"\n  selector: { matchLabels: { app: web } }\n  unhealthyPodEvictionPolicy: AlwaysAllow\n`;
    const r = loadScenarioFromText({ file: 'p.yaml', text }, { hosts });
    expect(r.scenario.podDisruptionBudgets).toEqual([{ name: 'web-pdb', namespace: 'shop', selector: { matchLabels: { app: 'web' } }, minAvailable: '50%' }]);
    expect(at(r.warnings)).toEqual(['7: spec.unhealthyPodEvictionPolicy']);
    const both = validateText({ file: 'p.yaml', text: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: { name: b }\nspec: { minAvailable: 1, maxUnavailable: 1 }\n' }, { hosts });
    expect(both.issues).toEqual([expect.objectContaining({ code: 'invalid_value', path: 'spec', message: expect.stringContaining('not both') })]);
  });

  it('Namespace objects join the scenario\'s namespaces (for namespaceSelector), and stay in LoadResult.namespaces', () => {
    const r = loadScenarioFromText({ file: 'ns.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata: { name: team-a, labels: { tier: gold } }\n' }, { hosts });
    expect(r.scenario.namespaces).toEqual([{ name: 'team-a', labels: { tier: 'gold' } }]);
    expect(r.namespaces).toEqual([{ name: 'team-a', labels: { tier: 'gold' } }]);
  });

  it('container ports are carried to the workload (hostNetwork takes each containerPort on the node), and NodePorts keeps two pods wanting one host port apart', () => {
    const text = deployment('      hostNetwork: true\n      containers:\n        - { name: a, image: x, resources: { requests: { cpu: 100m } }, ports: [{ containerPort: 80, hostPort: 8080 }, { containerPort: 9090, protocol: UDP }] }\n', '  replicas: 3\n');
    const r = loadScenarioFromText({ file: 'd.yaml', text }, { hosts: [{ name: 'node', count: 2, capacity: { cpu: 8, memory: '32Gi' } }] });
    expect(notModelled(r.warnings)).toEqual([]);
    expect(r.scenario.workloads[0]?.ports).toEqual([{ containerPort: 80, hostPort: 8080 }, { containerPort: 9090, hostPort: 9090, protocol: 'UDP' }]);
    // Three replicas, two nodes, one host port each: the third cannot be placed under kube's filters.
    const res = simulate({ ...r.scenario, scheduler: { policy: 'kube' }, until: 10 });
    expect([res.containers.running, res.containers.pending]).toEqual([2, 1]);
    const bad = validateText({ file: 'd.yaml', text: deployment('      containers: [{ name: a, image: x, ports: [{ containerPort: 0 }, { containerPort: 80, protocol: HTTP }] }]\n') }, { hosts });
    expect(bad.issues.map((i) => `${i.line}: ${i.path}`)).toEqual([
      '7: spec.template.spec.containers[0].ports[0].containerPort',
      '7: spec.template.spec.containers[0].ports[1].protocol',
    ]);
  });

  it('a pod\'s schedulerName and preemptionPolicy are carried to the workload', () => {
    const r = importKubernetes([{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { schedulerName: 'batch', preemptionPolicy: 'Never', containers: [{ name: 'a', image: 'x' }] } }]);
    expect(r.issues).toEqual([]);
    expect(r.workloads[0]).toMatchObject({ schedulerName: 'batch', preemptionPolicy: 'Never' });
  });
});

describe('Compose keys podsim reads but does not model', () => {
  const svc = (extra: Record<string, unknown>) => importCompose({ services: { s: { image: 'x', deploy: { resources: { reservations: { cpus: 1 } } }, ...extra } } });
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ['cpu_shares', { cpu_shares: 512 }, 'services.s.cpu_shares', /CPU weight/],
    ['cpu_quota', { cpu_quota: 50000 }, 'services.s.cpu_quota', /CPU weight/],
    ['cpuset', { cpuset: '0-1' }, 'services.s.cpuset', /CPU weight/],
    ['memswap_limit', { memswap_limit: '2g' }, 'services.s.memswap_limit', /no swap/],
    ['oom_kill_disable', { oom_kill_disable: true }, 'services.s.oom_kill_disable', /OOM-killed/],
    ['pids_limit', { pids_limit: 100 }, 'services.s.pids_limit', /processes/],
    ['depends_on', { depends_on: ['db'] }, 'services.s.depends_on', /start together/],
    ['stop_grace_period', { stop_grace_period: '1m' }, 'services.s.stop_grace_period', /stops at once/],
    ['healthcheck', { healthcheck: { test: ['CMD', 'true'], interval: '5s' } }, 'services.s.healthcheck', /ready as soon as/],
    ['post_start', { post_start: [{ command: 'true' }] }, 'services.s.post_start', /take no time/],
    ['network_mode: host', { network_mode: 'host' }, 'services.s.network_mode', /host ports/],
    ['a port range published in host mode', { ports: [{ target: 80, published: '8080-8081', mode: 'host' }] }, 'services.s.ports[0]', /host port "8080-8081" is not modelled/],
    ['deploy.labels', { deploy: { labels: ['APP=VOTING'], resources: { reservations: { cpus: 1 } } } }, 'services.s.deploy.labels', /Swarm service/],
    ['deploy.update_config', { deploy: { update_config: { parallelism: 2 }, resources: { reservations: { cpus: 1 } } } }, 'services.s.deploy.update_config', /rolling update/],
    ['deploy.rollback_config', { deploy: { rollback_config: { parallelism: 1 }, resources: { reservations: { cpus: 1 } } } }, 'services.s.deploy.rollback_config', /rollback/],
    ['restart_policy.max_attempts', { deploy: { restart_policy: { condition: 'on-failure', max_attempts: 3 }, resources: { reservations: { cpus: 1 } } } }, 'services.s.deploy.restart_policy.max_attempts', /crash-loop back-off/],
    ['limits.pids', { deploy: { resources: { reservations: { cpus: 1 }, limits: { pids: 10 } } } }, 'services.s.deploy.resources.limits.pids', /processes/],
    ['restart: on-failure:3', { restart: 'on-failure:3' }, 'services.s.restart', /retry limit/],
    ['pull_policy: build', { pull_policy: 'build' }, 'services.s.pull_policy', /IfNotPresent/],
  ];
  it.each(cases)('%s', (_what, extra, path, message) => {
    const r = svc(extra);
    expect(r.issues).toEqual([]);
    expect(notModelled(r.warnings)).toEqual([expect.objectContaining({ path, message: expect.stringMatching(message) })]);
  });

  it('a disabled healthcheck, short port syntax (the routing mesh) and plain settings give no warning', () => {
    const r = svc({ healthcheck: { disable: true }, ports: ['8080:80'], environment: { A: '1' }, restart: 'always' });
    expect(notModelled(r.warnings)).toEqual([]);
  });

  it('a port published in host mode becomes a host port of the pod (NodePorts), with its protocol', () => {
    const r = svc({ ports: [{ target: 80, published: '8080', mode: 'host' }, { target: 53, published: 5353, protocol: 'udp', mode: 'host' }, { target: 81, published: 8081 }] });
    expect(notModelled(r.warnings)).toEqual([]);
    expect(r.workloads[0]?.ports).toEqual([{ containerPort: 80, hostPort: 8080 }, { containerPort: 53, hostPort: 5353, protocol: 'UDP' }]);
  });

  it('restart policies and pull policies are read, as Kubernetes names them', () => {
    const w = (extra: Record<string, unknown>) => svc(extra).workloads[0];
    expect(w({ deploy: { restart_policy: { condition: 'none' } } })?.restartPolicy).toBe('Never');
    expect(w({ deploy: { restart_policy: { condition: 'any' } } })?.restartPolicy).toBe('Always');
    expect(w({ restart: 'on-failure' })?.restartPolicy).toBe('OnFailure');
    expect(w({ restart: 'unless-stopped' })?.restartPolicy).toBe('Always');
    expect(w({ restart: 'no' })?.restartPolicy).toBe('Never');
    expect(w({})?.restartPolicy).toBeUndefined();
    expect(w({ pull_policy: 'always' })?.imagePullPolicy).toBe('Always');
    expect(w({ pull_policy: 'missing' })?.imagePullPolicy).toBe('IfNotPresent');
    expect(w({ pull_policy: 'never' })?.imagePullPolicy).toBe('Never');
    expect(svc({ restart: 'sometimes' }).issues).toEqual([expect.objectContaining({ path: 'services.s.restart', code: 'invalid_value' })]);
  });
});

describe('podsim validate prints not_modelled warnings with file and line', () => {
  it('names each one, and still succeeds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podsim-not-modelled-'));
    try {
      writeFileSync(join(dir, 's.yaml'), 'hosts: [{ name: n, capacity: { cpu: 4 } }]\nworkloads:\n  - name: w\n    count: 1\n    arrival: { process: explicit, times: [0] }\n    request: { cpu: 1 }\n    tolerations: [{ operator: Exists, tolerationSeconds: 30 }]\n');
      const r = await podsim(['validate', 's.yaml'], dir);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('warning: s.yaml:7: workloads[0].tolerations[0].tolerationSeconds: tolerationSeconds is not modelled');
      expect(r.stdout).toContain('(1 warning)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
