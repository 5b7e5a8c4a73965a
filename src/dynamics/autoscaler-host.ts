import type { EstimatorPodGroup } from './binpacking-estimator.js';
import type { ScaleDownPod } from './drainability.js';
import type { HpaPods } from './hpa-pods.js';

/**
 * What the HPA loop ({@link HpaLoop}) reads and writes in a running cluster: a service's `spec.replicas`,
 * its ready replicas, and its pods with their CPU samples as metrics-server would report them. The
 * simulation implements it; tests implement it with a fake.
 *
 * @example
 * ```ts
 * const target: HpaTarget = {
 *   replicas: (w) => spec[w], setReplicas: (w, n) => { spec[w] = n; }, readyReplicas: (w) => ready[w],
 *   observePods: (w, now, out) => { out.clear(); for (const p of pods[w]) out.push(...p); },
 * };
 * ```
 */
export interface HpaTarget {
  /** The service's `spec.replicas` now. */
  replicas(workload: number): number;
  /** Sets `spec.replicas`; the ReplicaSet controller creates or deletes the difference. */
  setReplicas(workload: number, replicas: number): void;
  /** Replicas that are Ready now. */
  readyReplicas(workload: number): number;
  /** Fills `out` (cleared first) with the service's pods at `now`: phase, Ready, start, CPU sample, request. */
  observePods(workload: number, now: number, out: HpaPods): void;
}

/**
 * What the cluster autoscaler loop ({@link ClusterAutoscalerLoop}) reads and changes in a running
 * cluster. Host ids are stable for the run: a removed host keeps its id and stops existing.
 *
 * @example
 * ```ts
 * const cluster: AutoscalerCluster = simulationAutoscalerCluster(run); // or a fake in tests
 * ```
 */
export interface AutoscalerCluster {
  /** Host ids ever used (every existing host is below this). */
  readonly hostCount: number;
  /** Whether host `h` exists now (added and not removed). */
  exists(h: number): boolean;
  /** Whether host `h` is Ready (not failed, not NotReady). */
  ready(h: number): boolean;
  /** The host group (scenario `hosts[i]`) host `h` belongs to. */
  hostGroup(h: number): number;
  /** Host `h`'s allocatable per dimension (integers). */
  allocatable(h: number): ArrayLike<number>;
  /** Host `h`'s pod capacity. @defaultValue 110 */
  maxPods?(h: number): number;
  /**
   * A counter that changes whenever a pod is bound or unbound or a host is added, removed or changes
   * condition: scale-down's simulation is repeated only when it moved.
   */
  readonly version: number;
  /** Every pod bound to an existing host, with the host id in `host`. */
  boundPods(): readonly ScaleDownPod[];
  /** `status.disruptionsAllowed` of each PodDisruptionBudget, as `ScaleDownPod.pdbs` indexes them. @defaultValue none */
  pdbDisruptionsAllowed?(): readonly number[];
  /** The pods waiting for a host that have been pending since at or before `since`, as equivalence groups. */
  unschedulable(since: number): readonly EstimatorPodGroup[];
  /** Adds a host to host group `group` (a provisioned node registers Ready); returns its id. */
  addHost(group: number): number;
  /** Deletes host `h`: its pods are evicted (their controllers replace them elsewhere). Returns false when it no longer existed. */
  removeHost(h: number): boolean;
  /** Calls `fn` at simulated time `t` (a timer: a node that becomes Ready after its provisioning delay). */
  at(t: number, fn: () => void): void;
}
