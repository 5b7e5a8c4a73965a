// Importing Kubernetes manifests: loadScenarioFromText() on a generated multi-document manifest of
// 1000 objects of mixed kinds (Deployments, StatefulSets, DaemonSets, Jobs, CronJobs, Pods, Nodes,
// PriorityClasses, HPAs, Namespaces, and ignored Services and ConfigMaps), against a baseline measured
// in the same run: the `yaml` package's bare parseAllDocuments() of the same text, then toJS().
// Target: under 1 s for 1000 objects.
//
//   npx tsx bench/inputs.ts        # writes bench/results/inputs.md and prints it
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { loadScenarioFromText } from '../src/inputs/index.js';
import { machine, median, table } from './util.js';

const here = dirname(fileURLToPath(import.meta.url));

const container = (name: string, i: number) => `      containers:
        - name: ${name}
          image: registry.example.com/team-${i % 17}/${name}:1.${i % 9}.0
          ports: [{ containerPort: 8080 }]
          env:
            - { name: LOG_LEVEL, value: info }
            - { name: SERVICE_NAME, value: ${name} }
          readinessProbe: { httpGet: { path: /healthz, port: 8080 }, initialDelaySeconds: 5, periodSeconds: 10 }
          resources:
            requests: { cpu: ${50 + (i % 20) * 25}m, memory: ${64 + (i % 8) * 32}Mi }
            limits: { cpu: ${100 + (i % 20) * 50}m, memory: ${128 + (i % 8) * 64}Mi }`;

const template = (name: string, i: number, extra = '') => `  selector: { matchLabels: { app: ${name} } }
  template:
    metadata:
      labels: { app: ${name}, tier: t${i % 3} }
    spec:${extra}
      tolerations: [{ key: dedicated, operator: Equal, value: apps, effect: NoSchedule }]
${container(name, i)}`;

/** One object of the i-th kind in a fixed mix; returns YAML text. */
function object(i: number): string {
  const ns = `team-${i % 7}`;
  switch (i % 20) {
    case 0: return `apiVersion: v1\nkind: Node\nmetadata:\n  name: node-${i}\n  labels: { topology.kubernetes.io/zone: z${i % 3}, disktype: ssd }\nspec:\n  taints: [{ key: dedicated, value: apps, effect: NoSchedule }]\nstatus:\n  allocatable: { cpu: "32", memory: 128Gi, pods: "110", ephemeral-storage: 500Gi }`;
    case 1: case 2: case 3: case 4:
      return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: svc-${i}\n  namespace: ${ns}\nspec:\n  replicas: ${1 + (i % 5)}\n${template(`svc-${i}`, i, '\n      nodeSelector: { disktype: ssd }')}`;
    case 5: return `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db-${i}\n  namespace: ${ns}\nspec:\n  replicas: 3\n  serviceName: db-${i}\n${template(`db-${i}`, i)}`;
    case 6: return `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent-${i}\n  namespace: ${ns}\nspec:\n${template(`agent-${i}`, i)}`;
    case 7: return `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: job-${i}\n  namespace: ${ns}\n  annotations: { podsim.io/duration: "5m" }\nspec:\n  completions: 10\n  parallelism: 3\n  template:\n    spec:\n      restartPolicy: Never\n${container(`job-${i}`, i)}`;
    case 8: return `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: cron-${i}\n  namespace: ${ns}\n  annotations: { podsim.io/duration: "120" }\nspec:\n  schedule: "*/15 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n${container(`cron-${i}`, i).replace(/^/gm, '    ')}`;
    case 9: return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-${i}\n  namespace: ${ns}\n  labels: { app: pod-${i} }\nspec:\n  initContainers:\n    - { name: init, image: busybox, resources: { requests: { cpu: 200m, memory: 32Mi } } }\n${container(`pod-${i}`, i).replace(/^ {4}/gm, '')}`;
    case 10: return `apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: prio-${i}\nvalue: ${i}\ndescription: generated`;
    case 11: return `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: hpa-${i}\n  namespace: ${ns}\nspec:\n  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: svc-${i - 10} }\n  minReplicas: 1\n  maxReplicas: 10\n  metrics: [{ type: Resource, resource: { name: cpu, target: { type: Utilization, averageUtilization: 70 } } }]`;
    case 12: return `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns-${i}`;
    case 13: case 14: case 15: case 16:
      return `apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\n  namespace: ${ns}\nspec:\n  selector: { app: svc-${i} }\n  ports: [{ port: 80, targetPort: 8080 }]`;
    default: return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg-${i}\n  namespace: ${ns}\ndata:\n  config.yaml: |\n    key: value-${i}\n    other: ${i * 7}`;
  }
}

/** A multi-document manifest of `n` objects. */
export function generateManifest(n: number): string {
  const docs: string[] = [];
  for (let i = 0; i < n; i++) docs.push(object(i));
  return `${docs.join('\n---\n')}\n`;
}

export async function main(): Promise<string> {
  const runs = 7;
  const rows: (string | number)[][] = [];
  for (const n of [100, 1000]) {
    const text = generateManifest(n);
    let workloads = 0;
    const bare = () => { for (const d of Array.from(parseAllDocuments(text))) d.toJS(); };
    const load = () => { workloads = loadScenarioFromText({ file: 'bench.yaml', text }).scenario.workloads.length; };
    // One warm-up each, then interleaved runs, so that load on a shared machine hits both alike.
    bare();
    load();
    const b: number[] = [], o: number[] = [], bc: number[] = [], oc: number[] = [];
    // Wall time, and this process's CPU time (user + system), which other work on a shared machine disturbs far less.
    const time = (fn: () => void, wall: number[], cpu: number[]) => {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      fn();
      wall.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    };
    for (let r = 0; r < runs; r++) {
      time(bare, b, bc);
      time(load, o, oc);
    }
    const baseline = median(b), ours = median(o), baselineCpu = median(bc), oursCpu = median(oc);
    rows.push([n, `${(text.length / 1024).toFixed(0)} KiB`, workloads, baseline.toFixed(0), ours.toFixed(0), (ours / baseline).toFixed(2), baselineCpu.toFixed(0), oursCpu.toFixed(0), (oursCpu / baselineCpu).toFixed(2), ours < 1000 ? 'yes' : '**no**']);
  }
  const out = [
    '# Manifest import (`bench/inputs.ts`)',
    '',
    `Machine: ${machine()}. Medians of ${runs} runs, podsim and baseline interleaved, each after a warm-up.`,
    '',
    'Baseline: `yaml.parseAllDocuments()` of the same text plus `toJS()` on every document, measured in the same run.',
    'podsim: `loadScenarioFromText()`: parse with line tracking, safety checks (forbidden keys, non-finite numbers, alias limit),',
    'conversion of every object (pod request rule, CronJob schedules over one day), merging, and validation of the whole scenario.',
    '',
    table(['objects', 'size', 'workloads', 'baseline wall (ms)', 'podsim wall (ms)', 'ratio', 'baseline CPU (ms)', 'podsim CPU (ms)', 'CPU ratio', 'wall under 1 s'], rows),
    '',
    `Load average while measuring: ${loadavg().map((x) => x.toFixed(1)).join(', ')} on ${cpus().length} cores. Wall times on a loaded machine`,
    'are inflated by waiting for a core; CPU time (process.cpuUsage) is what the import itself costs.',
    '',
  ].join('\n');
  mkdirSync(join(here, 'results'), { recursive: true });
  writeFileSync(join(here, 'results', 'inputs.md'), out);
  console.log(out);
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
