// Random scenarios that reach the risky paths: kube-scheduler policies with priorities and preemption,
// gangs, DRF between namespaces, labels, taints and (anti-)affinity; and the performance model
// (CPU work, data, images and layers from a registry, readiness probes, memory profiles and limits,
// memory pressure, restart policies). Shared by the kube invariant property tests.
import fc from 'fast-check';
import type { Scenario } from '../../src/scenario/schema.js';
import { KUBE_POLICIES } from '../../src/scheduling/policy-names.js';

type WorkloadSpec = Scenario['workloads'][number];
type HostSpec = Scenario['hosts'][number];

const ZONES = ['a', 'b'];
const POOLS = ['big', 'small'];
const PRIORITY_CLASSES = [
  { name: 'low', value: 10 },
  { name: 'high', value: 1000 },
  { name: 'high-never', value: 1000, preemptionPolicy: 'Never' as const },
];
const IMAGES = [
  { name: 'app', layers: [{ digest: 'sha256:base', size: '50Mi' }, { digest: 'sha256:app', size: '20Mi' }] },
  { name: 'tool', layers: [{ digest: 'sha256:base', size: '50Mi' }, { digest: 'sha256:tool', size: '5Mi' }] },
];

const hostArb: fc.Arbitrary<Omit<HostSpec, 'name'>> = fc.record({
  count: fc.integer({ min: 1, max: 3 }),
  cpu: fc.integer({ min: 1000, max: 4000 }),
  memoryGi: fc.integer({ min: 1, max: 8 }),
  zone: fc.constantFrom(...ZONES),
  pool: fc.constantFrom(...POOLS),
  taint: fc.boolean(),
  prePulled: fc.boolean(),
  pressure: fc.boolean(),
}).map((h) => ({
  count: h.count,
  capacity: { cpu: `${h.cpu}m`, memory: `${h.memoryGi}Gi`, network: '1G' },
  labels: { 'topology.kubernetes.io/zone': h.zone, pool: h.pool },
  ...(h.taint ? { taints: [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' as const }] } : {}),
  ...(h.prePulled ? { prePulled: ['app'] } : {}),
  // A high eviction threshold puts hosts under memory pressure sooner.
  ...(h.pressure ? { evictionThreshold: '512Mi', evictionPressureTransitionPeriod: 5 } : {}),
}));

const arrivalArb = fc.oneof(
  fc.record({ process: fc.constant('poisson' as const), rate: fc.double({ min: 0.5, max: 4, noNaN: true }) }),
  fc.array(fc.integer({ min: 0, max: 16 }), { minLength: 1, maxLength: 10 }).map((ts) => ({ process: 'explicit' as const, times: ts.sort((a, b) => a - b).map((t) => t / 2) })),
);

/** `arb` once in `oneIn` cases, else undefined. */
const sometimes = <T>(arb: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

const kubeFieldsArb = fc.record({
  priorityClassName: fc.option(fc.constantFrom(...PRIORITY_CLASSES.map((p) => p.name)), { nil: undefined }),
  namespace: fc.constantFrom('team-a', 'team-b'),
  nodeSelector: sometimes(fc.constantFrom(...POOLS).map((pool) => ({ pool })), 3),
  tolerate: fc.boolean(),
  antiAffinity: fc.boolean(),
  spread: fc.boolean(),
  gang: sometimes(fc.constantFrom(2, 3), 5),
});

const perfArb = fc.record({
  mode: fc.constantFrom('duration', 'work', 'work+data'),
  cpuWork: fc.constantFrom(0.5, 2, 5),
  limitCpu: fc.option(fc.constantFrom(500, 1000, 2000), { nil: undefined }),
  limitMemoryMi: sometimes(fc.constantFrom(256, 1024, 2048), 2),
  image: fc.option(fc.constantFrom('app', 'tool'), { nil: undefined }),
  pull: fc.constantFrom('IfNotPresent', 'Always', 'Never'),
  readiness: fc.boolean(),
  memory: fc.option(fc.oneof(
    fc.integer({ min: 64, max: 3000 }).map((mi) => `${mi}Mi`),
    fc.tuple(fc.integer({ min: 64, max: 1024 }), fc.integer({ min: 256, max: 4096 })).map(([a, b]) => [{ t: 0, bytes: `${a}Mi` }, { t: 2, bytes: `${b}Mi` }]),
  ), { nil: undefined }),
  restartPolicy: fc.constantFrom('Always', 'OnFailure', 'Never'),
});

const workloadArb = (app: string): fc.Arbitrary<Omit<WorkloadSpec, 'name'>> =>
  fc.record({
    count: fc.integer({ min: 0, max: 10 }),
    arrival: arrivalArb,
    cpu: fc.integer({ min: 100, max: 2500 }),
    memoryMi: fc.integer({ min: 64, max: 2048 }),
    duration: fc.constantFrom(0.5, 1, 3, 6),
    kube: kubeFieldsArb,
    perf: fc.option(perfArb, { freq: 2, nil: undefined }),
  }).map((w) => {
    const out: Record<string, unknown> = {
      count: w.arrival.process === 'explicit' ? Math.min(w.count, w.arrival.times.length) : w.count,
      arrival: w.arrival,
      request: { cpu: `${w.cpu}m`, memory: `${w.memoryMi}Mi` },
      labels: { app },
      namespace: w.kube.namespace,
    };
    const k = w.kube;
    if (k.priorityClassName !== undefined) out['priorityClassName'] = k.priorityClassName;
    if (k.nodeSelector !== undefined) out['nodeSelector'] = k.nodeSelector;
    if (k.tolerate) out['tolerations'] = [{ key: 'dedicated', operator: 'Equal', value: 'batch', effect: 'NoSchedule' }];
    if (k.antiAffinity) {
      out['affinity'] = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app } } }] } };
    }
    if (k.spread) out['topologySpreadConstraints'] = [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app } } }];
    if (k.gang !== undefined) out['gang'] = k.gang;
    const p = w.perf;
    if (p === undefined || p.mode === 'duration') out['duration'] = { distribution: 'constant', value: w.duration };
    if (p !== undefined) {
      if (p.mode !== 'duration') out['work'] = { cpu: { distribution: 'constant', value: p.cpuWork }, ...(p.mode === 'work+data' ? { data: { distribution: 'constant', value: 50e6 } } : {}) };
      const limit: Record<string, string> = {};
      if (p.limitCpu !== undefined) limit['cpu'] = `${Math.max(p.limitCpu, w.cpu)}m`;
      if (p.limitMemoryMi !== undefined) limit['memory'] = `${Math.max(p.limitMemoryMi, w.memoryMi)}Mi`;
      if (Object.keys(limit).length > 0) out['limit'] = limit;
      if (p.image !== undefined) {
        out['image'] = p.image;
        out['imagePullPolicy'] = p.pull;
      }
      if (p.readiness) out['readiness'] = { initialDelaySeconds: 0.5, periodSeconds: 1, ready: { distribution: 'constant', value: 0.7 } };
      if (p.memory !== undefined) out['memory'] = { usage: p.memory };
      out['restartPolicy'] = p.restartPolicy;
    }
    return out as Omit<WorkloadSpec, 'name'>;
  });

/**
 * Small random scenarios under a kube policy: 1–3 labelled (zone, pool), sometimes tainted host
 * groups; 1–3 workloads with priorities (preemption), namespaces (DRF), node selectors,
 * tolerations, hostname anti-affinity, zone spreading and gangs; half of them with the performance
 * model (work, data, images, pull policies, readiness, memory profiles, limits, restart policies).
 * Every scenario has an `until`.
 */
export function kubeScenarioArb(): fc.Arbitrary<Scenario> {
  return fc.record({
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    hosts: fc.array(hostArb, { minLength: 1, maxLength: 3 }),
    workloads: fc.integer({ min: 1, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => workloadArb(`app${i}`)))),
    policy: fc.constantFrom(...KUBE_POLICIES),
    drf: fc.boolean(),
    // Always an end: an OOM-killed container that restarts (Always, OnFailure) may loop for ever.
    until: fc.constantFrom(5, 20, 120),
  }).map(({ seed, hosts, workloads, policy, drf, until }) => ({
    seed,
    hosts: hosts.map((h, i) => ({ name: `g${i}`, ...h })),
    workloads: workloads.map((w, i) => ({ name: `w${i}`, ...w })),
    scheduler: { policy, ...(drf ? { queueSort: 'DRF' as const, tenants: { 'team-a': 2 } } : {}) },
    priorityClasses: PRIORITY_CLASSES,
    registries: [{ name: 'hub', bandwidth: '1G', latency: 0.05 }],
    images: IMAGES.map((im) => ({ ...im, registry: 'hub' })),
    until,
  }) as Scenario);
}
