/**
 * A pod on a node the cluster autoscaler considers removing: what the drainability rules look at.
 *
 * @example
 * ```ts
 * const p: ScaleDownPod = { host: 3, request: [500, 2 ** 30], controller: 'ReplicaSet', pdbs: [0] };
 * ```
 */
export interface ScaleDownPod {
  readonly host: number;
  /** Requests per dimension (integers, the hosts' units). */
  readonly request: ArrayLike<number>;
  /** The kind of the pod's controller; `none` for a bare pod. @defaultValue 'ReplicaSet' */
  readonly controller?: 'ReplicaSet' | 'ReplicationController' | 'Job' | 'StatefulSet' | 'DaemonSet' | 'other' | 'none' | undefined;
  /** A static pod (mirror pod). @defaultValue false */
  readonly mirror?: boolean | undefined;
  /** Succeeded or Failed. @defaultValue false */
  readonly terminal?: boolean | undefined;
  /** In the `kube-system` namespace. @defaultValue false */
  readonly kubeSystem?: boolean | undefined;
  /** Has local storage (an emptyDir not in memory, or a hostPath) not covered by `safe-to-evict-local-volumes`. @defaultValue false */
  readonly localStorage?: boolean | undefined;
  /** The `cluster-autoscaler.kubernetes.io/safe-to-evict` annotation: true, false, or absent. @defaultValue undefined */
  readonly safeToEvict?: boolean | undefined;
  /** Indices of the PodDisruptionBudgets that select the pod (namespace and selector, matched by the caller). @defaultValue [] */
  readonly pdbs?: readonly number[] | undefined;
}

/** Why a pod blocks its node's removal (cluster-autoscaler utils/drain `BlockingPodReason`). @example `'NotEnoughPdb'` */
export type BlockingPodReason = 'NotReplicated' | 'UnmovableKubeSystemPod' | 'NotSafeToEvictAnnotation' | 'LocalStorageRequested' | 'NotEnoughPdb';

/** A pod that stays (mirror, DaemonSet, terminal): not moved, not blocking. @example `podDrainability(p, allowed, o) === DRAIN_SKIP` */
export const DRAIN_SKIP = 'skip';
/** A pod that must be rescheduled elsewhere before the node goes. @example `podDrainability(p, allowed, o) === DRAIN_MOVE` */
export const DRAIN_MOVE = 'move';

/**
 * The drainability flags of {@link podDrainability}, as the autoscaler's `NodeDeleteOptions`.
 *
 * @example
 * ```ts
 * const o: DrainOptions = { skipNodesWithLocalStorage: false };
 * ```
 */
export interface DrainOptions {
  /** @defaultValue true */
  readonly skipNodesWithLocalStorage?: boolean | undefined;
  /** @defaultValue true */
  readonly skipNodesWithSystemPods?: boolean | undefined;
  /** @defaultValue true */
  readonly skipNodesWithCustomControllerPods?: boolean | undefined;
}

const REPLICATED_KINDS = new Set(['ReplicationController', 'Job', 'ReplicaSet', 'StatefulSet']);

/**
 * What happens to a pod when its node is drained, by the cluster autoscaler's default drainability rules
 * in their order (cluster-autoscaler simulator/drainability/rules/rules.go `Default`): mirror pods stay;
 * DaemonSet pods stay (they are not rescheduled); a pod annotated safe-to-evict moves whatever else holds;
 * terminal pods stay; then a pod blocks if it is not replicated (no controller, or, under
 * `--skip-nodes-with-custom-controller-pods`, a controller other than ReplicaSet, ReplicationController, Job or
 * StatefulSet), is a kube-system pod without a PDB, is annotated safe-to-evict=false, has local storage, or
 * has a PDB with no disruption left; otherwise it moves.
 *
 * @param pod - The pod.
 * @param pdbAllowed - Disruptions each PodDisruptionBudget still allows (`status.disruptionsAllowed`, minus what this scale-down already spent).
 * @param options - The drain flags.
 * @returns {@link DRAIN_SKIP}, {@link DRAIN_MOVE} or the blocking reason.
 * @example
 * ```ts
 * podDrainability({ host: 0, request: [100, 0], controller: 'none' }, [], {}); // 'NotReplicated'
 * ```
 */
export function podDrainability(pod: ScaleDownPod, pdbAllowed: ArrayLike<number>, options: DrainOptions): typeof DRAIN_SKIP | typeof DRAIN_MOVE | BlockingPodReason {
  const controller = pod.controller ?? 'ReplicaSet';
  if (pod.mirror === true) return DRAIN_SKIP;
  if (controller === 'DaemonSet') return DRAIN_SKIP;
  if (pod.safeToEvict === true) return DRAIN_MOVE;
  if (pod.terminal === true) return DRAIN_SKIP;
  const replicated = (options.skipNodesWithCustomControllerPods ?? true) ? REPLICATED_KINDS.has(controller) : controller !== 'none';
  if (!replicated) return 'NotReplicated';
  const pdbs = pod.pdbs ?? [];
  if ((options.skipNodesWithSystemPods ?? true) && pod.kubeSystem === true && pdbs.length === 0) return 'UnmovableKubeSystemPod';
  if (pod.safeToEvict === false) return 'NotSafeToEvictAnnotation';
  if ((options.skipNodesWithLocalStorage ?? true) && pod.localStorage === true) return 'LocalStorageRequested';
  for (const i of pdbs) if ((pdbAllowed[i] ?? 0) < 1) return 'NotEnoughPdb';
  return DRAIN_MOVE;
}
