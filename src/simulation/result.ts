import type { DistributionSummary } from '../metrics/sample-store.js';
import type { HostsDynamicsResult } from './dynamics/dynamics-driver.js';
import type { WorkloadDynamicsResult } from './dynamics/workload-controllers.js';
import type { ContainerRecord } from './lifecycle.js';
import type { HostExplanation } from '../scheduling/scheduler.js';
import type { Issue } from '../errors.js';
import type { HpaScaleEvent } from '../dynamics/hpa-loop.js';
import type { ClusterScaleEvent } from '../dynamics/cluster-autoscaler-loop.js';

/**
 * Container counts. At every moment `submitted = completed + running + pending + rejected`.
 *
 * @example
 * ```ts
 * const c: ContainerCounts = { submitted: 10, placed: 9, completed: 7, rejected: 0, pending: 1, running: 2 };
 * ```
 */
export interface ContainerCounts {
  /** Containers that have arrived. */
  readonly submitted: number;
  /** Placements on a host: a container evicted or preempted and placed again (it queues again, keeping its submission time) counts each time. */
  readonly placed: number;
  /** Containers that ran to the end. */
  readonly completed: number;
  /** Containers refused at once because their request exceeds every host's capacity. */
  readonly rejected: number;
  /** Containers waiting for capacity. */
  readonly pending: number;
  /** Containers on a host now. */
  readonly running: number;
  /** Containers that ended in failure (OOM-killed with restartPolicy Never). */
  readonly failed: number;
  /** Containers deleted for good because their host failed, was drained or removed (only in scenarios with dynamics: services, Jobs, failures or host events). */
  readonly lost?: number;
}

/**
 * What `simulate()` returns. Plain data: the same scenario and seed give a byte-identical
 * `JSON.stringify` of it.
 *
 * @example
 * ```ts
 * const r: SimulationResult = simulate(scenario);
 * console.log(r.wait.p99, r.utilization.cpu);
 * ```
 */
export interface SimulationResult {
  /** The seed the run used. */
  readonly seed: number | string;
  /** The policy that placed containers. */
  readonly policy: string;
  /** Simulated seconds covered: `until`, or the time of the last event. */
  readonly simulatedTime: number;
  /** Events processed. */
  readonly events: number;
  readonly containers: ContainerCounts;
  /**
   * Seconds from submission to placement: one sample per placement, and one per container still
   * pending at the end at its age then (counted in `wait.censored`), so that `wait.max` is never
   * below the oldest pending container's age. With `warmup`, only containers submitted at or after it.
   */
  readonly wait: WaitSummary;
  /** Per workload, by name: its counts, waits and (under the performance model) its times. */
  readonly workloads: Readonly<Record<string, WorkloadResult>>;
  /** The scenario's `warmup`, when it set one: seconds deleted from waits and time averages. */
  readonly warmup?: number;
  /** With `record: 'containers'`: one record per container submitted, in submission order. */
  readonly records?: readonly ContainerSummary[];
  /** Per resource: the time-weighted fraction of allocatable capacity held by requests (over [warmup, end]). */
  readonly utilization: Readonly<Record<string, number>>;
  /** The pending queue's time-weighted mean length (over [warmup, end]) and its maximum (over the run). */
  readonly queue: { readonly mean: number; readonly max: number };
  /** Hosts in the cluster, and the most that held at least one container at once. */
  readonly hosts: { readonly count: number; readonly peakInUse: number } & Partial<HostsDynamicsResult>;
  /** Samples taken every `timeseries.interval` seconds, when the scenario asks for them. */
  readonly timeseries?: TimeSeries;
  /** The performance model's figures, when any workload uses work, images, start-up, readiness or memory. */
  readonly performance?: PerformanceSummary;
  /**
   * Under a scheduler that preempts (the kube policies), or when `scheduler.explain` names containers:
   * preemption decisions and the containers they evicted, and each named container's explanation at
   * every scheduling attempt.
   */
  readonly scheduling?: { readonly preemptions: number; readonly victims: number; readonly explain?: readonly ExplainRecord[] };
  /**
   * What the scenario asks for that the run did not model (`not_modelled`, with the path) and what is
   * valid but likely not meant (`image_never_pulled`): the warnings `validateScenario` gives, so that a
   * result read on its own says what it leaves out. Absent when there are none.
   */
  readonly warnings?: readonly Issue[];
  /** When the scenario has HPAs or a cluster autoscaler: what they did. */
  readonly autoscaling?: AutoscalingSummary;
  /**
   * When workloads declare `usage.cpu` or a service's `load`: the time-weighted fraction of the cluster's CPU
   * in declared use (containers that declare none are not counted).
   */
  readonly usage?: { readonly cpu: number };
  /** When a host group has a `price`: what the hosts cost, integrated over the time each host exists. */
  readonly cost?: CostSummary;
  /** When a host group has a `power` model: the energy its hosts used, and CO₂ with `carbon`. */
  readonly energy?: EnergySummary;
}

/**
 * What a host's CPU utilisation (for power) is made of: declared usage (`usage.cpu`, a service's load), the
 * CPU requests of containers that declare no usage, or both in a scenario with some of each.
 *
 * @example
 * ```ts
 * const b: UtilizationBasis = simulate(scenario).energy!.utilization;
 * ```
 */
export type UtilizationBasis = 'usage' | 'requests' | 'usage and requests';

/**
 * `result.cost`: each host's group `price` (per hour) integrated over the time the host exists, hosts added
 * and removed during the run included.
 *
 * @example
 * ```ts
 * const c: CostSummary = { total: 7.2, byGroup: { node: 7.2 } }; // 3 hosts at 0.8/h for 3 h
 * ```
 */
export interface CostSummary {
  /** In the currency of the prices. */
  readonly total: number;
  /** Per host group that has a price. */
  readonly byGroup: Readonly<Record<string, number>>;
}

/**
 * `result.energy`: each host's power (its group's `power` model at its CPU utilisation) integrated over the
 * time it exists and is powered.
 *
 * @example
 * ```ts
 * const e: EnergySummary = { kWh: 0.6, byGroup: { node: 0.6 }, co2kg: 0.24, utilization: 'usage' };
 * ```
 */
export interface EnergySummary {
  readonly kWh: number;
  /** Per host group that has a power model. */
  readonly byGroup: Readonly<Record<string, number>>;
  /** Kilograms of CO₂, when the scenario gives `carbon.intensity`. */
  readonly co2kg?: number;
  /** What the utilisation behind power came from. */
  readonly utilization: UtilizationBasis;
}

/**
 * What the autoscalers did in a run: each HPA's changes of `spec.replicas`, and the cluster autoscaler's
 * scale-ups and scale-downs.
 *
 * @example
 * ```ts
 * const a = simulate(scenario).autoscaling!;
 * a.clusterAutoscaler?.events.filter((e) => e.kind === 'scale-up');
 * ```
 */
export interface AutoscalingSummary {
  readonly hpa?: readonly {
    readonly workload: string;
    /** Every change, in time order. */
    readonly events: readonly HpaScaleEvent[];
    /** The fewest and most replicas it set (its starting count included). */
    readonly minSet: number;
    readonly maxSet: number;
  }[];
  readonly clusterAutoscaler?: {
    readonly events: readonly ClusterScaleEvent[];
    readonly scaleUps: number;
    readonly scaleDowns: number;
    readonly failedScaleUps: number;
    readonly nodesAdded: number;
    readonly nodesRemoved: number;
  };
}

/**
 * The simulated scheduler's own account of one scheduling attempt for a container: every host's
 * filter verdicts and scores, computed by the live scheduler from the state it decided on (the
 * scenario's profile, the pods already running).
 *
 * @example
 * ```ts
 * const e = simulate({ ...scenario, scheduler: { policy: 'kube', explain: ['web-3'] } }).scheduling!.explain![0]!;
 * e.host;                                    // where web-3 went, or null
 * e.hosts.filter((h) => h.feasible).length;  // e.feasible
 * ```
 */
export interface ExplainRecord {
  /** `<workload>-<n>`. */
  readonly container: string;
  /** When the scheduler looked. */
  readonly time: number;
  /** The host chosen, or `null` when none was. */
  readonly host: string | null;
  /** How many hosts passed the filters. */
  readonly feasible: number;
  /** Why nothing fits, when nothing does. */
  readonly message: string | undefined;
  readonly hosts: readonly HostExplanation[];
}

/**
 * What the performance model measured (P_c = P_a + P_d + P_s).
 *
 * @example
 * ```ts
 * const p = simulate(scenario).performance!;
 * console.log(p.breakdown.pa.mean, p.breakdown.pd.mean, p.breakdown.ps.mean);
 * ```
 */
export interface PerformanceSummary {
  /** Placement → ready (P_s: pull + start + readiness). */
  readonly startup: DistributionSummary;
  /** Ready → done (P_a + P_d). */
  readonly run: DistributionSummary;
  /** Submission → done. */
  readonly turnaround: DistributionSummary;
  /** Turnaround over the time the container would take alone on an idle host with its image cached. */
  readonly slowdown: DistributionSummary;
  /** The three terms of P_c, per finished container. */
  readonly breakdown: { readonly pa: DistributionSummary; readonly pd: DistributionSummary; readonly ps: DistributionSummary };
  readonly oomKills: number;
  readonly evictions: number;
  readonly restarts: number;
  /** Fraction of compute time during which a container ran at its CPU limit (CFS quota throttling). */
  readonly throttledFraction: number;
  readonly imageBytesPulled: number;
  /** The layer-cache hit ratio by bytes: bytes found in the host's cache (or joining a download under way) over bytes looked up. */
  readonly layerCacheHitRatio: number;
  /** Time-weighted utilisation by actual usage (CPU from the fluid rates, memory from usage). */
  readonly usage: { readonly cpu: number; readonly memory: number };
  /** One record per finished container, with `record: 'containers'`. */
  readonly records?: readonly ContainerRecord[];
}

/**
 * Samples over time, column by column: `time[i]` is when sample `i` was taken, and every other
 * array holds that moment's value at the same index.
 *
 * @example
 * ```ts
 * const ts = simulate({ ...scenario, timeseries: { interval: 60 } }).timeseries!;
 * ts.time.forEach((t, i) => console.log(t, ts.utilization.cpu?.[i], ts.pending[i]));
 * ```
 */
export interface TimeSeries {
  /** Sample times, seconds. */
  readonly time: readonly number[];
  /** Per resource: the fraction of allocatable capacity held by requests at each sample. */
  readonly utilization: Readonly<Record<string, readonly number[]>>;
  /** Pending containers at each sample. */
  readonly pending: readonly number[];
  /** Running containers at each sample. */
  readonly running: readonly number[];
  /** Hosts holding at least one container at each sample. */
  readonly hostsInUse: readonly number[];
  /**
   * The fraction of CPU and memory actually in use at each sample: with the performance model (CPU from its
   * fluid rates, memory from usage profiles) and declared usage (`usage.cpu`, a service's load). A resource
   * whose usage nothing gives is left out.
   */
  readonly usage?: Readonly<Record<string, readonly number[]>>;
  /** Per service: desired (`spec.replicas`) and ready replicas at each sample. */
  readonly replicas?: Readonly<Record<string, { readonly desired: readonly number[]; readonly ready: readonly number[] }>>;
  /** Per host group (with a cluster autoscaler): hosts that exist at each sample. */
  readonly hosts?: Readonly<Record<string, readonly number[]>>;
  /** With a power model: the cluster's power draw at each sample, watts. */
  readonly power?: readonly number[];
  /** With prices: the cost accrued up to each sample. */
  readonly cost?: readonly number[];
}

/**
 * A wait distribution with its censored samples: containers still pending when the run ended, each
 * counted at its age then (a lower bound on its wait).
 *
 * @example
 * ```ts
 * const w: WaitSummary = { mean: 1800, p50: 1800, p90: 3240, p99: 3564, max: 3600, censored: 1 };
 * ```
 */
export interface WaitSummary extends DistributionSummary {
  /** Samples that are the age at the end of a container still pending (its wait is at least that). */
  readonly censored: number;
  /** Present when the waits were sketched (`SimulationOptions.waitStore`): the relative error of p50, p90 and p99 (mean, max and counts stay exact). */
  readonly relativeError?: number;
}

/**
 * One workload's figures in {@link SimulationResult.workloads}. An interface other features extend
 * with their own per-workload fields.
 *
 * @example
 * ```ts
 * const web = simulate(scenario).workloads.web!;
 * console.log(web.containers.completed, web.wait.p99, web.wait.censored);
 * ```
 */
export interface WorkloadResult extends Partial<WorkloadDynamicsResult> {
  // Services, Jobs (and workloads that lost pods) under dynamics add their controller's figures:
  // kind, desired, availability, disruptions, replacements, timeToReplacementReady, lost (docs/dynamics.md).
  /** Its containers, counted as {@link SimulationResult.containers} counts all of them. */
  readonly containers: ContainerCounts;
  /** Its waits, as {@link SimulationResult.wait}. */
  readonly wait: WaitSummary;
  /** Under the performance model: its containers' start-up, run, turnaround and slowdown. */
  readonly performance?: WorkloadPerformance;
}

/**
 * One workload's times under the performance model (see {@link PerformanceSummary}).
 *
 * @example
 * ```ts
 * const p: WorkloadPerformance | undefined = simulate(scenario).workloads.web?.performance;
 * console.log(p?.turnaround.p99);
 * ```
 */
export interface WorkloadPerformance {
  /** Placement → ready (P_s), for each container's first start. */
  readonly startup: DistributionSummary;
  /** Ready → done (P_a + P_d), per finished run. */
  readonly run: DistributionSummary;
  /** Submission → done, per finished run. */
  readonly turnaround: DistributionSummary;
  /** Turnaround over the time alone on an idle host, per finished run. */
  readonly slowdown: DistributionSummary;
}

/**
 * One container's record with `record: 'containers'`, for every scenario: where it ran, when, and how
 * it ended. Times in seconds; `null` for what never happened.
 *
 * @example
 * ```ts
 * const r = simulate({ ...scenario, record: 'containers' }).records![0]!;
 * console.log(r.name, r.host, r.placed! - r.submitted, r.state);
 * ```
 */
export interface ContainerSummary {
  /** Its submission order in the run (0, 1, 2, …). */
  readonly id: number;
  /** `<workload>-<n>`. */
  readonly name: string;
  readonly workload: string;
  /** The host it ran on last; `null` if it was never placed. */
  readonly host: string | null;
  readonly submitted: number;
  /** When it was last placed; `null` if never. */
  readonly placed: number | null;
  /** When it ended (finished or failed); `null` if it had not. */
  readonly finished: number | null;
  /** `completed`, `failed`, `rejected` (it fits no host), or at the end of the run `running` or `pending`. */
  readonly state: 'completed' | 'failed' | 'rejected' | 'running' | 'pending';
}
