import { z } from 'zod';
import { parseResources } from '../resources/parse.js';
import { tryParseQuantity } from '../resources/quantity.js';
import { kubePodFieldsShape } from '../kube/pod-fields-schema.js';
import { kubeNodeFieldsShape } from '../kube/node-fields-schema.js';
import { kubeSchedulerConfigSchema } from '../kube/profile-schema.js';
import { podDisruptionBudgetSchema, priorityClassSchema } from '../kube/policy-schema.js';
import { parsePath, type Issue } from '../errors.js';
import { builtinPolicyNames, unknownPolicyMessage } from '../scheduling/policy-registry.js';
import type { ClassicPolicyName, KubePolicyName } from '../scheduling/policy-names.js';
import { crossCheckDynamics, dynamicsHostGroupShape, dynamicsScenarioShape, dynamicsWorkloadShape, type DynamicsScenarioView } from '../dynamics/schema.js';

// The built-in policy names, for the description and the JSON Schema's examples (code may register more).
const BUILTIN_POLICY_NAMES = builtinPolicyNames();

// The scenario's schema is the single source of truth: the TypeScript types are inferred from it,
// validation runs it, and `schema/scenario.schema.json` is generated from it (scripts/gen-schema.ts).

const finite = () => z.number().refine(Number.isFinite, { message: 'must be a finite number' });

/** Reports issues found by a helper that speaks podsim's {@link Issue}s into a zod refinement context. */
function forward(ctx: z.RefinementCtx, issues: Issue[], prefix: string): void {
  for (const i of issues) {
    const rel = i.path.startsWith(prefix) ? i.path.slice(prefix.length) : i.path;
    ctx.addIssue({ code: 'custom', message: i.message, path: parsePath(rel), params: { podsimCode: i.code } });
  }
}

/** A quantity: a Kubernetes quantity string such as `"500m"` or `"1.5Gi"`, or a plain number. */
export const quantitySchema = z.union([z.string(), z.number()], { error: (iss) => `expected a number or a quantity string such as "500m" or "1Gi", got ${iss.input === null ? 'null' : Array.isArray(iss.input) ? 'an array' : typeof iss.input}` }).meta({
  description: 'A Kubernetes quantity ("500m", "0.5", "1Gi", "512Mi", "1G", "1e9") or a plain number in the natural unit (cores, bytes, bit/s, count).',
});

/** Resources: names (`cpu`, `memory`, `ephemeral-storage`, `network`, `gpu`, or extended such as `example.com/fpga`) to quantities. */
export const resourcesSchema = z
  .record(z.string(), quantitySchema)
  .superRefine((spec, ctx) => {
    const issues: Issue[] = [];
    parseResources(spec, '', issues);
    forward(ctx, issues, '');
  })
  .meta({ description: 'Resource names mapped to quantities. cpu in cores or millicores ("500m"); memory and ephemeral-storage in bytes ("1Gi"); network in bit/s ("1G"); gpu and extended resources as whole counts.' });

const positive = () => finite().refine((v) => v > 0, { message: 'must be greater than 0' });
const nonNegative = () => finite().refine((v) => v >= 0, { message: 'must be at least 0' });

export { distributionSchema } from './distribution-schema.js';
import { distributionSchema } from './distribution-schema.js';

/** How containers of a workload arrive: the schema of {@link ArrivalSpec}. @example `arrivalSchema.parse({ process: 'poisson', rate: 8 })` */
export const arrivalSchema = z
  .discriminatedUnion(
    'process',
    [
      z.strictObject({ process: z.literal('poisson'), rate: positive().meta({ description: 'Arrivals per second.' }) }),
      z.strictObject({ process: z.literal('interval'), every: positive().meta({ description: 'Seconds between arrivals.' }), start: nonNegative().optional() }),
      z.strictObject({
        process: z.literal('explicit'),
        times: z.array(nonNegative()).meta({ description: 'Arrival times in seconds, in non-decreasing order.' }),
        durations: z.array(nonNegative()).optional().meta({ description: 'A run time per arrival, in seconds, overriding the workload\'s duration (trace replay).' }),
        hosts: z.array(z.string()).optional().meta({ description: 'A host (or single-host group) per arrival that the container must run on (replaying recorded placements).' }),
      }).superRefine((a, ctx) => {
        if (a.durations !== undefined && a.durations.length !== a.times.length) ctx.addIssue({ code: 'custom', path: ['durations'], message: `must have one entry per time (${a.times.length}), got ${a.durations.length}` });
        if (a.hosts !== undefined && a.hosts.length !== a.times.length) ctx.addIssue({ code: 'custom', path: ['hosts'], message: `must have one entry per time (${a.times.length}), got ${a.hosts.length}` });
        for (let i = 1; i < a.times.length; i++) {
          if ((a.times[i] as number) < (a.times[i - 1] as number)) {
            ctx.addIssue({ code: 'custom', path: ['times', i], message: `must not be earlier than the time before it (${a.times[i - 1]})` });
            break;
          }
        }
      }),
    ],
    { error: (iss) => (iss.code === 'invalid_union' ? `unknown arrival process ${JSON.stringify((iss.input as { process?: unknown } | undefined)?.process)}; expected one of poisson, interval, explicit` : undefined) },
  )
  .meta({ description: 'The arrival process: poisson (rate per second), interval (every N seconds), or explicit times.' });

/** A group of identical hosts: the schema of {@link HostGroupSpec}. @example `hostGroupSchema.parse({ name: 'node', count: 3, capacity: { cpu: 4, memory: '16Gi' } })` */
export const hostGroupSchema = z.strictObject({
  name: z.string().min(1).meta({ description: 'Group name; hosts are named `<name>-<i>`.' }),
  count: z.number().int().min(1).max(1_000_000).optional().meta({ description: 'How many hosts (at most 1,000,000 per group). Default 1.' }),
  capacity: resourcesSchema.meta({ description: 'Each host\'s allocatable capacity.' }),
  labels: z.record(z.string(), z.string()).optional().meta({ description: 'Labels, as on Kubernetes nodes.' }),
  ...kubeNodeFieldsShape,
  imageCache: quantitySchema.optional().meta({ description: 'Bytes of disk for the image layer cache. Default 100Gi.' }),
  prePulled: z.array(z.string()).optional().meta({ description: 'Images already in the layer cache at the start.' }),
  evictionThreshold: quantitySchema.optional().meta({ description: 'Memory kept free before the kubelet evicts (memory.available). Default 100Mi.' }),
  evictionPressureTransitionPeriod: nonNegative().optional().meta({ description: 'Seconds the host stays under memory pressure (tainted node.kubernetes.io/memory-pressure:NoSchedule, so new containers go elsewhere) after the threshold was last met, as the kubelet flag of that name. Default 300.' }),
  ...dynamicsHostGroupShape,
});

/** A stream of containers with the same shape: the schema of {@link WorkloadSpec}. @example `workloadSchema.safeParse({ name: 'web', count: 2, arrival: { process: 'explicit', times: [0, 1] }, request: { cpu: '500m' } }).success // true` */
export const workloadSchema = z.strictObject({
  name: z.string().min(1),
  count: z.number().int().min(0).optional().meta({ description: 'How many containers arrive in all. Default: unbounded (then the scenario needs `until`, or the arrival process must be explicit).' }),
  horizon: positive().optional().meta({ description: 'No arrivals after this time (seconds). Default: none.' }),
  arrival: arrivalSchema.optional().meta({ description: 'How the containers arrive. Required, except for a service (replicas) or a Job (completions, parallelism, backoffLimit), whose controller creates its pods.' }),
  duration: distributionSchema.optional().meta({ description: 'How long each container runs once placed, in seconds. Default: it runs until the simulation ends (a long-running service).' }),
  request: resourcesSchema.meta({ description: 'What each container requests; the scheduler reserves it.' }),
  limit: resourcesSchema.optional().meta({ description: 'Each container\'s limit, kept for the performance model.' }),
  work: z.strictObject({
    cpu: distributionSchema.meta({ description: 'CPU-seconds of application work per container.' }),
    data: distributionSchema.optional().meta({ description: 'Bytes each container transfers over the network after its compute.' }),
  }).optional().meta({ description: 'Work-based containers: instead of a fixed duration, CPU work run at the rate CFS sharing gives, then a data transfer sharing the NIC.' }),
  threads: z.number().int().min(1).optional().meta({ description: 'Most cores the container can use. Default: its CPU limit rounded up, else 1.' }),
  imagePullPolicy: z.enum(['IfNotPresent', 'Always', 'Never']).optional().meta({ description: 'As in Kubernetes: IfNotPresent pulls the layers the host lacks; Always also asks the registry each time (one round trip), then pulls what is missing; Never pulls nothing, so a container whose image is not on its host fails with ErrImageNeverPull. Default IfNotPresent.' }),
  startup: distributionSchema.optional().meta({ description: 'Create and start time in seconds, after the pull. Default 0.' }),
  readiness: z.strictObject({
    initialDelaySeconds: finite().refine((v) => v >= 0, { message: 'must be at least 0' }).optional().meta({ description: 'Default 0.' }),
    periodSeconds: finite().refine((v) => v > 0, { message: 'must be greater than 0' }).optional().meta({ description: 'Default 10.' }),
    ready: distributionSchema.optional().meta({ description: 'Seconds after start until the application answers the probe. Default 0.' }),
  }).optional().meta({ description: 'A readiness probe: the container is ready at the first probe at or after the application is ready.' }),
  memory: z.strictObject({
    usage: z.union([quantitySchema, z.array(z.strictObject({ t: finite(), bytes: quantitySchema }))]).meta({ description: 'Memory in use: a constant quantity, or a piecewise-linear profile of points { t (seconds since start), bytes }.' }),
  }).optional(),
  restartPolicy: z.enum(['Always', 'OnFailure', 'Never']).optional().meta({ description: 'What happens after an OOM kill. Default OnFailure.' }),
  gang: z.number().int().min(2).optional().meta({ description: 'Gang size N: the workload\'s containers, in arrival order, form groups of N that are placed all at once or not at all (kube policies). Default: none.' }),
  daemonSet: z.boolean().optional().meta({ description: 'One container per matching host, pinned to it, like a Kubernetes DaemonSet (count is then the number of matching hosts). Default false.' }),
  image: z.string().optional().meta({ description: 'The container image, for the image model.' }),
  ...kubePodFieldsShape,
  ...dynamicsWorkloadShape,
});

/** The placement policy and queue discipline: the schema of {@link SchedulerSpec}. @example `schedulerSchema.parse({ policy: 'best-fit', queue: 'skip' })` */
export const schedulerSchema = z.strictObject({
  // Policy names belong to the policy layer: any name registered there (registerPolicy) is valid.
  policy: z.string().superRefine((name, ctx) => {
    const problem = unknownPolicyMessage(name);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  }).optional().meta({ description: `Placement policy. Default first-fit. Built in: ${BUILTIN_POLICY_NAMES.join(', ')}; kube: kube-scheduler's framework with the profiles below (default: its default profile); tetris, spread and binpack: kube with that preset profile. Code may register more (registerPolicy).`, examples: [...BUILTIN_POLICY_NAMES] }),
  ...kubeSchedulerConfigSchema.shape,
  queueSort: z.enum(['PrioritySort', 'DRF']).optional().meta({ description: 'Pending order under kube policies: PrioritySort (priority, then arrival) or DRF (the namespace with the lowest weighted dominant share first). Default PrioritySort.' }),
  tenants: z.record(z.string(), z.number().positive()).optional().meta({ description: 'DRF weights per namespace. Default 1 each.' }),
  explain: z.array(z.string()).optional().meta({ description: 'Containers (`<workload>-<n>`, n from 0 in arrival order) whose per-host filter and score results are recorded when they are placed (kube policies).' }),
  queue: z.enum(['fifo', 'skip']).optional().meta({ description: 'fifo: head-of-line blocking; skip: later containers that fit may go first. Default fifo.' }),
});

/** The whole scenario: the argument of `simulate()`, and the shape of scenario files. */
const scenarioObject = z
  .strictObject({
    $schema: z.string().optional().meta({ description: 'The JSON Schema this file follows; ignored by podsim.' }),
    seed: z.union([z.number().int(), z.string()], { error: 'must be an integer or a string' }).optional().meta({ description: 'Seed for every random stream. Default 1.' }),
    hosts: z.array(hostGroupSchema).min(1, { message: 'must list at least one host group' }),
    workloads: z.array(workloadSchema),
    scheduler: schedulerSchema.optional(),
    until: positive().optional().meta({ description: 'Stop the simulation at this time (seconds). Default: when every container is done.' }),
    registries: z.array(z.strictObject({
      name: z.string().min(1),
      bandwidth: quantitySchema.meta({ description: 'Bits per second per pull, e.g. "1G".' }),
      latency: finite().refine((v) => v >= 0, { message: 'must be at least 0' }).optional().meta({ description: 'Seconds per round trip to the registry (resolving the tag), paid once per pull, before its layers download. Default 0.' }),
    })).optional(),
    images: z.array(z.strictObject({
      name: z.string().min(1),
      registry: z.string().optional().meta({ description: 'The registry serving it. Default: the registry named in the image reference when listed, else the first registry.' }),
      layers: z.array(z.strictObject({ digest: z.string().min(1), size: quantitySchema })).min(1, { message: 'must list at least one layer' }),
    })).optional(),
    record: z.enum(['summary', 'containers']).optional().meta({ description: 'containers: add one record per container to the result. Default summary.' }),
    priorityClasses: z.array(priorityClassSchema).optional(),
    podDisruptionBudgets: z.array(podDisruptionBudgetSchema).optional(),
    namespaces: z.array(z.strictObject({ name: z.string().min(1), labels: z.record(z.string(), z.string()).optional() })).optional().meta({ description: 'Kubernetes Namespace objects, for namespaceSelector in pod affinity.' }),
    horizontalPodAutoscalers: z.array(z.record(z.string(), z.unknown())).optional().meta({ description: 'HorizontalPodAutoscaler objects. Autoscaling is not modelled yet: each gets a not_modelled warning, and its target keeps its replicas.' }),
    timeseries: z.strictObject({ interval: positive().meta({ description: 'Seconds between samples.' }) }).optional().meta({ description: 'Sample utilisation, queue length, running containers and hosts in use at this interval.' }),
    ...dynamicsScenarioShape,
  });

/**
 * The whole scenario: the argument of `simulate()`, and the shape of scenario files (a zod schema;
 * `podsim/inputs` has it as JSON Schema). {@link validateScenario} uses it and says what is wrong in
 * podsim's words.
 *
 * @example
 * ```ts
 * const r = scenarioSchema.safeParse({ hosts: [{ name: 'n', capacity: { cpu: 4 } }], workloads: [] });
 * r.success; // true
 * ```
 */
export const scenarioSchema = scenarioObject
  .superRefine((s, ctx) => crossCheck(s as ScenarioShape, (issue) => ctx.addIssue({ code: 'custom', ...issue })))
  .meta({ title: 'podsim scenario', description: 'A podsim scenario: hosts, workloads, a scheduler, and a seed.' });

/**
 * A scenario as users write it: plain data, the argument of `simulate()` and the shape of
 * YAML and JSON scenario files. See `docs/model.md` for what each part means.
 *
 * @example
 * ```ts
 * const scenario: Scenario = {
 *   seed: 1,
 *   hosts: [{ name: 'node', count: 10, capacity: { cpu: 4, memory: '16Gi' } }],
 *   workloads: [{
 *     name: 'web', count: 1000,
 *     arrival: { process: 'poisson', rate: 8 },
 *     duration: { distribution: 'exponential', mean: 1 },
 *     request: { cpu: '500m', memory: '1Gi' },
 *   }],
 * };
 * ```
 */
export type Scenario = z.input<typeof scenarioSchema>;
/** A host group as written in a scenario. @example `{ name: 'node', count: 3, capacity: { cpu: 4, memory: '16Gi' } }` */
export type HostGroupSpec = z.input<typeof hostGroupSchema>;
/** A workload as written in a scenario. @example `{ name: 'web', count: 10, arrival: { process: 'interval', every: 1 }, duration: { distribution: 'constant', value: 5 }, request: { cpu: 1 } }` */
export type WorkloadSpec = z.input<typeof workloadSchema>;
/** An arrival process as written. @example `{ process: 'poisson', rate: 8 }` */
export type ArrivalSpec = z.input<typeof arrivalSchema>;
/** The scheduler section. @example `{ policy: 'best-fit', queue: 'skip' }` */
export type SchedulerSpec = z.input<typeof schedulerSchema>;
/** A policy name: a built-in one, or one registered with `registerPolicy`. @example `const p: PolicyName = 'last-fit';` */
export type PolicyName = ClassicPolicyName | KubePolicyName | (string & {});

type ScenarioShape = z.output<typeof scenarioObject>;

/**
 * Checks that span the scenario (unique names, counts against until, limits against requests,
 * images against registries). It runs inside the schema, and again on raw data when the structure
 * has errors elsewhere, so that these problems are listed together with those.
 * @internal
 */
export function crossCheck(s: ScenarioShape, add: (issue: { path: PropertyKey[]; message: string }) => void): void {
  const ctx = { addIssue: (i: { code: 'custom'; path: PropertyKey[]; message: string }) => add({ path: i.path, message: i.message }) };
    const seen = new Map<string, number>();
    s.hosts.forEach((h, i) => {
      if (seen.has(h.name)) ctx.addIssue({ code: 'custom', path: ['hosts', i, 'name'], message: `duplicate host group name "${h.name}" (also hosts[${seen.get(h.name)}])` });
      else seen.set(h.name, i);
    });
    const registries = new Set((s.registries ?? []).map((r) => r.name));
    (s.images ?? []).forEach((im, i) => {
      if (im.registry !== undefined ? !registries.has(im.registry) : registries.size === 0) {
        ctx.addIssue({ code: 'custom', path: ['images', i, 'registry'], message: im.registry !== undefined ? `no registry named "${im.registry}" serves image "${im.name}" (registries: ${[...registries].join(', ') || 'none'})` : `no registry serves image "${im.name}": add one under registries` });
      }
    });
    const wseen = new Map<string, number>();
    s.workloads.forEach((w, i) => {
      if (wseen.has(w.name)) ctx.addIssue({ code: 'custom', path: ['workloads', i, 'name'], message: `duplicate workload name "${w.name}" (also workloads[${wseen.get(w.name)}])` });
      else wseen.set(w.name, i);
      if (w.work !== undefined && w.duration !== undefined) ctx.addIssue({ code: 'custom', path: ['workloads', i, 'work'], message: 'give either duration or work, not both' });
      if (w.work !== undefined) {
        const c = w.work.cpu;
        if ((c.distribution === 'constant' && c.value <= 0) || (c.distribution === 'empirical' && c.values.every((v) => v <= 0))) {
          ctx.addIssue({ code: 'custom', path: ['workloads', i, 'work', 'cpu'], message: 'a work-based container needs CPU work greater than 0' });
        }
      }
      if (w.limit !== undefined) {
        for (const [k, lim] of Object.entries(w.limit)) {
          const req = w.request[k];
          if (req === undefined) continue;
          const a = tryParseQuantity(req, k), b = tryParseQuantity(lim, k);
          if (a.ok && b.ok && b.value < a.value) ctx.addIssue({ code: 'custom', path: ['workloads', i, 'limit', k], message: `limit ${JSON.stringify(lim)} is below the request ${JSON.stringify(req)}` });
        }
      }
      const usage = w.memory?.usage;
      const points = usage === undefined ? [] : Array.isArray(usage) ? usage.map((pt, k) => [pt.bytes, ['memory', 'usage', k, 'bytes']] as const) : [[usage, ['memory', 'usage']] as const];
      for (const [v, sub] of points) {
        const q = tryParseQuantity(v, 'memory');
        if (!q.ok) ctx.addIssue({ code: 'custom', path: ['workloads', i, ...sub], message: `${JSON.stringify(v)} is not a valid memory quantity: ${q.reason}` });
      }
      if (w.image !== undefined && s.images !== undefined && !s.images.some((im) => im.name === w.image)) {
        ctx.addIssue({ code: 'custom', path: ['workloads', i, 'image'], message: `image "${w.image}" is not among the scenario's images (${s.images.map((im) => im.name).join(', ') || 'none'})` });
      }
      const controlled = w.replicas !== undefined || w.completions !== undefined || w.parallelism !== undefined || w.backoffLimit !== undefined;
      if (w.arrival === undefined) {
        if (!controlled) ctx.addIssue({ code: 'custom', path: ['workloads', i, 'arrival'], message: 'is required (or give replicas for a service, or completions/parallelism for a Job)' });
        return;
      }
      if (controlled) ctx.addIssue({ code: 'custom', path: ['workloads', i, 'arrival'], message: 'a service or Job\'s controller creates its pods: give no arrival' });
      if (w.count !== undefined && w.arrival.process === 'explicit' && w.count > w.arrival.times.length) {
        ctx.addIssue({ code: 'custom', path: ['workloads', i, 'count'], message: `is ${w.count}, more than the ${w.arrival.times.length} explicit arrival times` });
      }
      if (w.count === undefined && w.horizon === undefined && s.until === undefined && w.arrival.process !== 'explicit') {
        ctx.addIssue({ code: 'custom', path: ['workloads', i, 'count'], message: 'is required when the arrival process is unbounded and neither the workload\'s horizon nor the scenario\'s until is set' });
      }
    });
    crossCheckDynamics(s as unknown as DynamicsScenarioView, (i) => add({ path: i.path, message: i.message }));
}
