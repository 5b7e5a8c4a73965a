import type { DistributionSummary } from '../metrics/sample-store.js';
import type { HostsDynamicsResult } from './dynamics/dynamics-driver.js';
import type { WorkloadDynamicsResult } from './dynamics/workload-controllers.js';
import type { ContainerRecord } from './lifecycle.js';
import type { HostExplanation } from '../scheduling/scheduler.js';

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
  /** Containers placed on a host (each counted once). */
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
  /** Seconds from submission to placement, over placed containers. */
  readonly wait: DistributionSummary;
  /** Per resource: the time-weighted fraction of allocatable capacity held by requests. */
  readonly utilization: Readonly<Record<string, number>>;
  /** The pending queue's time-weighted mean length and its maximum. */
  readonly queue: { readonly mean: number; readonly max: number };
  /** Hosts in the cluster, and the most that held at least one container at once. */
  readonly hosts: { readonly count: number; readonly peakInUse: number } & Partial<HostsDynamicsResult>;
  /** Per service, Job (and workload that lost pods), under dynamics: availability, disruptions, replacements (docs/dynamics.md). */
  readonly workloads?: Readonly<Record<string, WorkloadDynamicsResult>>;
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
  /** With the performance model: the fraction of CPU and memory actually in use at each sample. */
  readonly usage?: Readonly<Record<string, readonly number[]>>;
}
