import { z } from 'zod';
import { parsePath, pathToString, type Issue } from '../errors.js';
import { distributionSchema } from '../scenario/distribution-schema.js';
import { tryParseQuantity } from '../resources/quantity.js';
import { EXPANDERS } from './expander.js';
import { carbonIntensityIssues } from './carbon-intensity.js';
import { failureSpecIssues } from './failure-model.js';
import { hostSelectorIssues } from './host-selector.js';
import { hpaSpecIssues } from './hpa-controller.js';
import { jobSpecIssues } from './job-controller.js';
import { powerSpecIssues } from './power-model.js';
import { HOST_ACTIONS } from './scheduled-events.js';
import type { DistributionSpec } from '../random/distributions.js';

// The scenario fields of issue 12 (services, failures, events, HPA, cluster autoscaler, cost, energy), as zod
// shapes in the style of src/scenario/schema.ts, for the scenario schema to spread into its host group,
// workload and scenario objects. Structural checks are zod's; the checks across fields are
// {@link crossCheckDynamics}, run from the scenario's crossCheck.

const num = (what: string) => z.number({ error: `expected a number (${what})` }).refine(Number.isFinite, { message: 'must be a finite number' });
const atLeast0 = (what: string) => num(what).refine((v) => v >= 0, { message: 'must be at least 0' });
const above0 = (what: string) => num(what).refine((v) => v > 0, { message: 'must be greater than 0' });
const wholeAtLeast = (min: number) => z.number().int().min(min);
const fraction = () => num('a fraction').refine((v) => v >= 0 && v <= 1, { message: 'must be between 0 and 1' });

const diurnalShape = z.strictObject({
  base: num('requests/s').meta({ description: 'Mean rate, requests per second.' }),
  amplitude: num('0–1').meta({ description: 'Relative swing, from 0 to 1.' }),
  period: num('seconds').optional().meta({ description: 'Seconds per cycle. Default 86400.' }),
  phase: num('seconds').optional().meta({ description: 'Seconds by which the cycle is shifted. Default 0.' }),
});
const piecewiseShape = z.strictObject({
  times: z.array(num('seconds')).meta({ description: 'Start of each piece, seconds: 0 first, increasing.' }),
  rates: z.array(num('requests/s')).meta({ description: 'Requests per second of each piece.' }),
  period: num('seconds').optional().meta({ description: 'Repeat the pattern every this many seconds. Default: no repetition.' }),
});

/** A load rate: requests per second, constant or time-varying. @example `loadRateSchema.parse({ diurnal: { base: 100, amplitude: 0.5 } })` */
export const loadRateSchema = z.union([
  atLeast0('requests/s'),
  z.strictObject({ diurnal: diurnalShape }),
  z.strictObject({ piecewise: piecewiseShape }),
], { error: 'expected requests per second, { diurnal: { base, amplitude, period?, phase? } } or { piecewise: { times, rates, period? } }' })
  .meta({ description: 'Requests per second: a number, or a diurnal sinusoid or piecewise-constant rate as the workload generators take them.' });

const policySchema = z.strictObject({
  type: z.enum(['Pods', 'Percent']),
  value: wholeAtLeast(1).meta({ description: 'Pods, or percent of the replicas at the start of the period.' }),
  periodSeconds: wholeAtLeast(1).max(1800).meta({ description: 'Seconds (1–1800) over which past changes count.' }),
});
const rulesSchema = z.strictObject({
  stabilizationWindowSeconds: wholeAtLeast(0).max(3600).optional().meta({ description: 'Seconds of past recommendations considered. Default 0 for scaleUp, 300 for scaleDown.' }),
  selectPolicy: z.enum(['Max', 'Min', 'Disabled']).optional().meta({ description: 'Which policy wins. Default Max.' }),
  policies: z.array(policySchema).optional().meta({ description: 'Default: scaleUp 4 pods and 100 % per 15 s; scaleDown 100 % per 15 s.' }),
  tolerance: atLeast0('a fraction').optional().meta({ description: 'This direction\'s tolerance (HPAConfigurableTolerance). Default 0.1.' }),
});

/** A workload's HorizontalPodAutoscaler on CPU utilisation. @example `autoscaleSchema.parse({ minReplicas: 2, maxReplicas: 20, targetCPUUtilization: 70 })` */
export const autoscaleSchema = z.strictObject({
  minReplicas: wholeAtLeast(1).optional().meta({ description: 'Default 1.' }),
  maxReplicas: wholeAtLeast(1),
  targetCPUUtilization: wholeAtLeast(1).meta({ description: 'Target average CPU utilisation, whole percent of requests (may exceed 100).' }),
  behavior: z.strictObject({ scaleUp: rulesSchema.optional(), scaleDown: rulesSchema.optional() }).optional()
    .meta({ description: 'autoscaling/v2 behavior. Without it the HPA follows the controller\'s older rules (scale-down stabilised over 300 s, scale-up at most max(2×, 4) per sync); with it, unset fields take upstream\'s defaults.' }),
}).meta({ description: 'A HorizontalPodAutoscaler on CPU: every 15 s, desired = ⌈current × utilisation ÷ target⌉ within the tolerance (0.1), stabilised and rate-limited as Kubernetes does.' });

/**
 * The workload fields: services (`replicas`), offered load, the HPA, and Jobs.
 *
 * @example
 * ```ts
 * const workload = z.strictObject({ name: z.string(), ...dynamicsWorkloadShape });
 * ```
 */
export const dynamicsWorkloadShape = {
  replicas: wholeAtLeast(0).optional().meta({ description: 'A service (Deployment/ReplicaSet): its controller keeps this many replicas, replacing any that fail, are evicted or lose their host. Default: not a service.' }),
  load: z.strictObject({ rate: loadRateSchema }).optional().meta({ description: 'A service\'s offered load; with cpuPerRequest it sets the replicas\' CPU usage (spread evenly over the ready replicas, capped by the limit).' }),
  cpuPerRequest: atLeast0('CPU-seconds').optional().meta({ description: 'CPU-seconds each request costs.' }),
  autoscale: autoscaleSchema.optional(),
  completions: wholeAtLeast(0).nullable().optional().meta({ description: 'A Job: successes needed (null: a work queue). Default 1 when parallelism is also unset.' }),
  parallelism: wholeAtLeast(0).optional().meta({ description: 'A Job: most pods at once. Default 1.' }),
  backoffLimit: wholeAtLeast(0).optional().meta({ description: 'A Job: it fails once more pods than this have failed; replacements wait 10 s, doubling to 10 min. Default 6.' }),
};

const powerSchema = z.union([
  z.strictObject({ idle: atLeast0('watts').meta({ description: 'Watts at 0 % CPU.' }), max: atLeast0('watts').meta({ description: 'Watts at 100 % CPU.' }) }),
  z.strictObject({ points: z.array(z.tuple([num('utilisation 0–1'), num('watts')])).meta({ description: '[utilisation, watts] pairs, utilisation from 0 to 1 increasing (SPECpower\'s 11 load levels, for example); interpolated linearly.' }) }),
], { error: 'expected { idle, max } or { points: [[utilisation, watts], …] }' });

/**
 * The host group fields: failures, price and power.
 *
 * @example
 * ```ts
 * const hostGroup = z.strictObject({ name: z.string(), ...dynamicsHostGroupShape });
 * ```
 */
export const dynamicsHostGroupShape = {
  failures: z.strictObject({
    mtbf: z.union([above0('seconds'), distributionSchema]).meta({ description: 'Time between failures, seconds: a mean (exponential) or a distribution (e.g. weibull).' }),
    mttr: z.union([above0('seconds'), distributionSchema]).meta({ description: 'Time to repair, seconds: a mean (exponential) or a distribution.' }),
  }).optional().meta({ description: 'Random host failures, drawn per host from seeded streams. A failed host is seen NotReady after nodeMonitorGracePeriod; its pods are evicted when their tolerations end; a repaired host comes back empty.' }),
  price: atLeast0('per hour').optional().meta({ description: 'Price per host-hour, for result.cost and the price expander.' }),
  power: powerSchema.optional().meta({ description: 'Power draw in watts against CPU utilisation (usage when the model gives usage, else requests).' }),
};

const hostSelectorSchema = z.strictObject({
  group: z.union([z.string().min(1), z.array(z.string().min(1))]).optional().meta({ description: 'Host group name(s).' }),
  names: z.array(z.string().min(1)).optional().meta({ description: 'Host names (<group>-<i>; a single-host group\'s name names its host).' }),
  labels: z.record(z.string(), z.string()).optional().meta({ description: 'Labels every selected host carries, e.g. { topology.kubernetes.io/zone: a }.' }),
}).meta({ description: 'Hosts by group, names or labels; given together they must all match.' });

/** A scheduled host event. @example `hostEventSchema.parse({ at: 3600, action: 'fail', hosts: { group: 'web' }, duration: 600 })` */
export const hostEventSchema = z.strictObject({
  at: atLeast0('seconds').meta({ description: 'Seconds.' }),
  action: z.enum(HOST_ACTIONS as unknown as [string, ...string[]]).meta({ description: 'fail, repair, drain (cordon, then evict through the eviction API honouring PodDisruptionBudgets; DaemonSet pods stay), cordon, uncordon, add, remove.' }),
  hosts: hostSelectorSchema,
  duration: above0('seconds').optional().meta({ description: 'After this many seconds the opposite action runs on the same hosts (fail↔repair, cordon↔uncordon, drain→uncordon, add↔remove).' }),
  count: wholeAtLeast(1).optional().meta({ description: 'For add: how many hosts of the group. Default 1.' }),
});

const secondsOpt = (description: string) => atLeast0('seconds').optional().meta({ description });

/** The cluster autoscaler section. @example `autoscalerSchema.parse({ nodeGroups: [{ group: 'pool', min: 1, max: 10 }] })` */
export const autoscalerSchema = z.strictObject({
  nodeGroups: z.array(z.strictObject({
    group: z.string().min(1).meta({ description: 'A host group name; its count is the starting size.' }),
    min: wholeAtLeast(0),
    max: wholeAtLeast(1),
    provisioningDelay: z.union([atLeast0('seconds'), distributionSchema]).optional().meta({ description: 'Seconds from a scale-up request to the node being Ready: a number or a distribution. Default 0.' }),
  })).min(1, { message: 'must list at least one node group' }),
  scanInterval: above0('seconds').optional().meta({ description: '--scan-interval. Default 10.' }),
  expander: z.union([z.enum(EXPANDERS as unknown as [string, ...string[]]), z.array(z.enum(EXPANDERS as unknown as [string, ...string[]])).min(1)]).optional()
    .meta({ description: '--expander: random, most-pods, least-waste, price, or a list applied in order (ties broken at random). Default least-waste.' }),
  maxNodesTotal: wholeAtLeast(0).optional().meta({ description: '--max-nodes-total; 0 = no limit. Default 0.' }),
  maxNodesPerScaleUp: wholeAtLeast(1).optional().meta({ description: '--max-nodes-per-scaleup. Default 1000.' }),
  maxNodeProvisionTime: secondsOpt('--max-node-provision-time: a node not Ready by then fails the scale-up and backs the group off. Default 900.'),
  newPodScaleUpDelay: secondsOpt('--new-pod-scale-up-delay. Default 0.'),
  scaleDownEnabled: z.boolean().optional().meta({ description: '--scale-down-enabled. Default true.' }),
  scaleDownUtilizationThreshold: fraction().optional().meta({ description: '--scale-down-utilization-threshold (larger of CPU and memory requests ÷ allocatable). Default 0.5.' }),
  scaleDownGpuUtilizationThreshold: fraction().optional().meta({ description: '--scale-down-gpu-utilization-threshold. Default 0.5.' }),
  scaleDownUnneededTime: secondsOpt('--scale-down-unneeded-time. Default 600.'),
  scaleDownUnreadyTime: secondsOpt('--scale-down-unready-time. Default 1200.'),
  scaleDownUnreadyEnabled: z.boolean().optional().meta({ description: '--scale-down-unready-enabled. Default true.' }),
  scaleDownDelayAfterAdd: secondsOpt('--scale-down-delay-after-add. Default 600.'),
  scaleDownDelayAfterDelete: secondsOpt('--scale-down-delay-after-delete. Default 0.'),
  scaleDownDelayAfterFailure: secondsOpt('--scale-down-delay-after-failure. Default 180.'),
  maxScaleDownParallelism: wholeAtLeast(1).optional().meta({ description: '--max-scale-down-parallelism. Default 10.' }),
  maxDrainParallelism: wholeAtLeast(1).optional().meta({ description: '--max-drain-parallelism. Default 1.' }),
  ignoreDaemonSetsUtilization: z.boolean().optional().meta({ description: '--ignore-daemonsets-utilization. Default false.' }),
  ignoreMirrorPodsUtilization: z.boolean().optional().meta({ description: '--ignore-mirror-pods-utilization. Default false.' }),
  skipNodesWithLocalStorage: z.boolean().optional().meta({ description: '--skip-nodes-with-local-storage. Default true.' }),
  skipNodesWithSystemPods: z.boolean().optional().meta({ description: '--skip-nodes-with-system-pods. Default true.' }),
  skipNodesWithCustomControllerPods: z.boolean().optional().meta({ description: '--skip-nodes-with-custom-controller-pods. Default true.' }),
  initialNodeGroupBackoffDuration: secondsOpt('--initial-node-group-backoff-duration. Default 300.'),
  maxNodeGroupBackoffDuration: secondsOpt('--max-node-group-backoff-duration. Default 1800.'),
  nodeGroupBackoffResetTimeout: secondsOpt('--node-group-backoff-reset-timeout. Default 10800.'),
  maxGracefulTerminationSec: secondsOpt('--max-graceful-termination-sec. Default 600.'),
}).meta({ description: 'The cluster autoscaler: scale-up for unschedulable pods (binpacking estimate, expanders), scale-down of underutilised nodes, with its flags\' names and defaults.' });

const carbonSchema = z.strictObject({
  intensity: z.union([
    atLeast0('gCO₂/kWh'),
    z.strictObject({
      points: z.array(z.tuple([num('seconds'), num('gCO₂/kWh')])).meta({ description: '[seconds, gCO₂/kWh] steps, the first at 0.' }),
      period: above0('seconds').optional().meta({ description: 'Repeat every this many seconds (86400 for a daily profile). Default: no repetition.' }),
    }),
  ]).meta({ description: 'gCO₂ per kWh: a constant or a step series.' }),
}).meta({ description: 'Adds result.energy.co2kg.' });

/**
 * The scenario-level fields: scheduled events, node monitoring, the cluster autoscaler and carbon.
 *
 * @example
 * ```ts
 * const scenario = z.strictObject({ hosts: z.array(hostGroup), ...dynamicsScenarioShape });
 * ```
 */
export const dynamicsScenarioShape = {
  events: z.array(hostEventSchema).optional().meta({ description: 'Scheduled host events: failures, repairs, drains, cordons, additions and removals, optionally undone after a duration.' }),
  nodeMonitorGracePeriod: atLeast0('seconds').optional().meta({ description: 'Seconds before a failed host is seen NotReady and tainted unreachable:NoExecute (kube-controller-manager --node-monitor-grace-period). Default 40.' }),
  autoscaler: autoscalerSchema.optional(),
  carbon: carbonSchema.optional(),
};

/** A dynamics workload, host group and scenario part, as parsed. @example `const w: DynamicsWorkload = { replicas: 3 };` */
export type DynamicsWorkload = z.input<z.ZodObject<typeof dynamicsWorkloadShape>>;
/** @see DynamicsWorkload @example `const h: DynamicsHostGroup = { price: 0.1 };` */
export type DynamicsHostGroup = z.input<z.ZodObject<typeof dynamicsHostGroupShape>>;
/** @see DynamicsWorkload @example `const s: DynamicsScenario = { nodeMonitorGracePeriod: 40 };` */
export type DynamicsScenario = z.input<z.ZodObject<typeof dynamicsScenarioShape>>;

/**
 * What {@link crossCheckDynamics} reads: a scenario as parsed (the existing fields it looks at, plus these).
 *
 * @example
 * ```ts
 * const s: DynamicsScenarioView = { hosts: [{ name: 'web', count: 3 }], workloads: [{ name: 'api', replicas: 3 }] };
 * ```
 */
export interface DynamicsScenarioView extends DynamicsScenario {
  readonly until?: number | undefined;
  readonly hosts: ReadonlyArray<{ readonly name: string; readonly count?: number | undefined } & DynamicsHostGroup>;
  readonly workloads: ReadonlyArray<{
    readonly name: string;
    readonly count?: number | undefined;
    readonly duration?: unknown;
    readonly work?: unknown;
    readonly request?: Readonly<Record<string, string | number>> | undefined;
  } & DynamicsWorkload>;
}

/**
 * Checks across fields, as issues with codes, paths (as zod path arrays) and messages, every one at once:
 * a service is not a Job; `autoscale` needs `replicas` and a CPU request; `load` and `cpuPerRequest` go
 * together on a service; a Job's pods must end (a duration or work) and it takes no `count`; HPA specs,
 * failure and power specs, event selectors, autoscaler node groups (known, unique, starting within
 * [min, max], min ≤ max) and the carbon series are valid.
 *
 * @param s - The scenario.
 * @param add - Receives each issue.
 * @example
 * ```ts
 * const issues: Issue[] = [];
 * crossCheckDynamics(scenario, (i) => issues.push({ code: i.code, path: pathToString(i.path), message: i.message }));
 * ```
 */
export function crossCheckDynamics(s: DynamicsScenarioView, add: (issue: { code: string; path: PropertyKey[]; message: string }) => void): void {
  const emit = (issues: readonly Issue[]) => { for (const i of issues) add({ code: i.code, path: parsePath(i.path), message: i.message }); };
  const groups = s.hosts.map((h) => ({ name: h.name, count: h.count }));
  s.hosts.forEach((h, i) => {
    if (h.failures !== undefined && s.until === undefined) add({ code: 'failures_without_until', path: ['hosts', i, 'failures'], message: 'random failures go on for ever: give the scenario an until' });
    if (h.failures !== undefined) emit(failureSpecIssues(h.failures as { mtbf: number | DistributionSpec; mttr: number | DistributionSpec }, `hosts[${i}].failures`));
    if (h.power !== undefined) emit(powerSpecIssues(h.power as never, `hosts[${i}].power`));
  });
  s.workloads.forEach((w, i) => {
    const at = (k: string) => ['workloads', i, k];
    const isJob = w.completions !== undefined || w.parallelism !== undefined || w.backoffLimit !== undefined;
    if (w.replicas !== undefined && isJob) add({ code: 'conflicting_fields', path: at('replicas'), message: 'a workload is either a service (replicas) or a Job (completions, parallelism, backoffLimit), not both' });
    if (w.replicas !== undefined && w.count !== undefined) add({ code: 'conflicting_fields', path: at('count'), message: 'a service\'s controller creates its pods: give replicas, not count' });
    if (isJob && w.count !== undefined) add({ code: 'conflicting_fields', path: at('count'), message: 'a Job\'s controller creates its pods: give completions and parallelism, not count' });
    if (isJob && w.duration === undefined && w.work === undefined) add({ code: 'job_never_completes', path: at('completions'), message: 'a Job\'s pods must end: give the workload a duration or work' });
    if (isJob) emit(jobSpecIssues({ completions: w.completions, parallelism: w.parallelism, backoffLimit: w.backoffLimit }, `workloads[${i}]`));
    if (w.autoscale !== undefined) {
      if (w.replicas === undefined) add({ code: 'autoscale_without_replicas', path: at('autoscale'), message: 'autoscale needs a service: give replicas (the starting count)' });
      const cpu = w.request?.['cpu'];
      const q = cpu === undefined ? undefined : tryParseQuantity(cpu, 'cpu');
      if (q === undefined || !q.ok || q.value <= 0) add({ code: 'autoscale_without_cpu_request', path: at('autoscale'), message: 'a CPU utilisation target needs a CPU request (utilisation is usage ÷ request)' });
      emit(hpaSpecIssues(w.autoscale as never, `workloads[${i}].autoscale`));
    }
    if ((w.load !== undefined || w.cpuPerRequest !== undefined) && w.replicas === undefined) add({ code: 'load_without_replicas', path: at(w.load !== undefined ? 'load' : 'cpuPerRequest'), message: 'offered load is for services: give replicas' });
    if (w.load !== undefined && w.cpuPerRequest === undefined) add({ code: 'load_without_cpu_per_request', path: at('cpuPerRequest'), message: 'is required with load (the CPU-seconds each request costs)' });
    if (w.cpuPerRequest !== undefined && w.load === undefined) add({ code: 'cpu_per_request_without_load', path: at('load'), message: 'is required with cpuPerRequest (the requests per second)' });
  });
  (s.events ?? []).forEach((e, i) => {
    emit(hostSelectorIssues(e.hosts, `events[${i}].hosts`, groups));
    if (e.count !== undefined && e.action !== 'add') add({ code: 'invalid_event', path: ['events', i, 'count'], message: 'count is only for add' });
    if (e.action === 'add' && (typeof e.hosts.group !== 'string' || e.hosts.names !== undefined || e.hosts.labels !== undefined)) add({ code: 'invalid_event', path: ['events', i, 'hosts'], message: 'add takes exactly one host group: { group: <name> }' });
  });
  const seen = new Map<string, number>();
  (s.autoscaler?.nodeGroups ?? []).forEach((g, i) => {
    const host = s.hosts.find((h) => h.name === g.group);
    if (host === undefined) add({ code: 'unknown_host_group', path: ['autoscaler', 'nodeGroups', i, 'group'], message: `no host group named ${JSON.stringify(g.group)} (host groups: ${groups.map((x) => x.name).join(', ') || 'none'})` });
    else {
      const size = host.count ?? 1;
      if (size < g.min || size > g.max) add({ code: 'invalid_node_group', path: ['autoscaler', 'nodeGroups', i], message: `host group ${JSON.stringify(g.group)} starts with ${size} hosts, outside [min, max] = [${g.min}, ${g.max}]` });
    }
    if (g.min > g.max) add({ code: 'invalid_node_group', path: ['autoscaler', 'nodeGroups', i, 'max'], message: `must be at least min (${g.min}), got ${g.max}` });
    if (seen.has(g.group)) add({ code: 'duplicate_node_group', path: ['autoscaler', 'nodeGroups', i, 'group'], message: `host group ${JSON.stringify(g.group)} is already a node group (autoscaler.nodeGroups[${seen.get(g.group)}])` });
    else seen.set(g.group, i);
  });
  if (s.carbon !== undefined) emit(carbonIntensityIssues(s.carbon.intensity as never, 'carbon.intensity'));
}

/**
 * {@link crossCheckDynamics} as a list of podsim issues.
 *
 * @example
 * ```ts
 * dynamicsIssues({ hosts: [{ name: 'web' }], workloads: [{ name: 'api', autoscale: { maxReplicas: 5, targetCPUUtilization: 60 } }] });
 * // [{ code: 'autoscale_without_replicas', path: 'workloads[0].autoscale', … }, { code: 'autoscale_without_cpu_request', … }]
 * ```
 */
export function dynamicsIssues(s: DynamicsScenarioView): Issue[] {
  const out: Issue[] = [];
  crossCheckDynamics(s, (i) => out.push({ code: i.code, path: pathToString(i.path), message: i.message }));
  return out;
}
