import { resolveAutoscalerOptions, type AutoscalerOptions } from './autoscaler-options.js';
import { DRAIN_MOVE, DRAIN_SKIP, podDrainability, type BlockingPodReason, type ScaleDownPod } from './drainability.js';
import { nodeUtilization, type NodeUtilization } from './node-utilization.js';

/**
 * A node as scale-down sees it.
 *
 * @example
 * ```ts
 * const h: ScaleDownHost = { allocatable: [4000, 16 * 2 ** 30], maxPods: 110, group: 0 };
 * ```
 */
export interface ScaleDownHost {
  readonly allocatable: ArrayLike<number>;
  /** @defaultValue 110 */
  readonly maxPods?: number | undefined;
  /** The autoscaled node group's index, or -1 for a node no node group manages. */
  readonly group: number;
  /** @defaultValue true */
  readonly ready?: boolean | undefined;
  /** The `cluster-autoscaler.kubernetes.io/scale-down-disabled` annotation. @defaultValue false */
  readonly scaleDownDisabled?: boolean | undefined;
}

/** Why a node is not unneeded (cluster-autoscaler simulator `UnremovableReason`). @example `'NotUnderutilized'` */
export type UnremovableReason = 'ScaleDownDisabledAnnotation' | 'NotAutoscaled' | 'ScaleDownUnreadyDisabled' | 'NotUnderutilized' | 'NoPlaceToMovePods' | 'BlockedByPod';

/**
 * Input of {@link findUnneededNodes}.
 *
 * @example
 * ```ts
 * const input: FindUnneededInput = { hosts, pods, pdbDisruptionsAllowed: [1], dims: { cpu: 0, memory: 1 } };
 * ```
 */
export interface FindUnneededInput {
  readonly hosts: readonly ScaleDownHost[];
  /** Every pod bound to a host. */
  readonly pods: readonly ScaleDownPod[];
  /** `status.disruptionsAllowed` of each PodDisruptionBudget (indexed as in `ScaleDownPod.pdbs`). @defaultValue [] */
  readonly pdbDisruptionsAllowed?: readonly number[] | undefined;
  /** Hosts to consider removing, in order. @defaultValue every autoscaled host, by index */
  readonly candidates?: readonly number[] | undefined;
  /** Hosts pods may move to. @defaultValue every host */
  readonly destinations?: readonly number[] | undefined;
  /** Dimension indices. @defaultValue `{ cpu: 0, memory: 1 }` */
  readonly dims?: { readonly cpu: number; readonly memory: number; readonly gpu?: number | undefined } | undefined;
  /**
   * Extra scheduling predicates (the kube-scheduler's filter plugins: taints, affinity, spread, ports) for
   * moving pod `pod` to host `host`; resources and `maxPods` are checked by the simulation itself, against
   * the room left after the moves it has already planned. @defaultValue none
   */
  readonly fits?: ((pod: number, host: number) => boolean) | undefined;
  readonly options?: AutoscalerOptions | undefined;
}

/**
 * What {@link findUnneededNodes} found.
 *
 * @example
 * ```ts
 * const r: UnneededNodes = findUnneededNodes(input);
 * r.unneeded; // hosts that could go now, in the order found
 * ```
 */
export interface UnneededNodes {
  /** Removable hosts, in order. */
  readonly unneeded: number[];
  /** Of those, the ones with no pod to move. */
  readonly empty: boolean[];
  /** Of those, the ones whose moves spend more of a PDB than one disruption at a time allows (`IsRisky`: not deleted in parallel). */
  readonly risky: boolean[];
  readonly unremovable: { readonly host: number; readonly reason: UnremovableReason; readonly blockingPod?: number; readonly blockingReason?: BlockingPodReason }[];
  /** Per host, its scale-down utilisation (NaN when it was not evaluated). */
  readonly utilization: Float64Array;
  /** Per pod, the host the simulation moved it to, or -1. */
  readonly destination: Int32Array;
}

/**
 * The cluster autoscaler's search for unneeded nodes (cluster-autoscaler core/scaledown/planner/planner.go
 * `categorizeNodes`, eligibility/eligibility.go `FilterOutUnremovable` and simulator/cluster.go
 * `SimulateNodeRemoval`): each candidate in turn is removable if it is autoscaled, not annotated
 * scale-down-disabled, ready (or `scaleDownUnreadyEnabled`), below the utilisation threshold
 * (`utilization < threshold`, {@link nodeUtilization}), none of its pods blocks ({@link podDrainability}), and
 * every pod to move finds room on another host. A removable candidate's moves are kept (the snapshot is
 * committed), it stops being a destination, and its pods' PDB budgets are spent, so later candidates see
 * what earlier ones took.
 *
 * Pods are moved first-fit over the destinations in order; upstream tries nodes from a rotating index.
 *
 * @example
 * ```ts
 * const r = findUnneededNodes({ hosts, pods, fits: (p, h) => kube.fitsWhatIf(p, h) });
 * ```
 */
export function findUnneededNodes(input: FindUnneededInput): UnneededNodes {
  const o = resolveAutoscalerOptions(input.options);
  const hosts = input.hosts, pods = input.pods;
  const H = hosts.length, P = pods.length;
  const D = H > 0 ? (hosts[0] as ScaleDownHost).allocatable.length : 0;
  const dims = input.dims ?? { cpu: 0, memory: 1 };
  // Room left per host, and the pods on each host as a linked list (pods moved in the simulation join
  // their destination's list, as the committed snapshot holds them there).
  const free = new Float64Array(H * D);
  const requested = new Float64Array(H * D);
  const ignored = new Float64Array(H * D);
  const podCount = new Int32Array(H);
  const head = new Int32Array(H).fill(-1);
  const tail = new Int32Array(H).fill(-1);
  const next = new Int32Array(P).fill(-1);
  for (let h = 0; h < H; h++) for (let d = 0; d < D; d++) free[h * D + d] = (hosts[h] as ScaleDownHost).allocatable[d] ?? 0;
  const append = (h: number, p: number): void => {
    next[p] = -1;
    if (tail[h] === -1) head[h] = p; else next[tail[h] as number] = p;
    tail[h] = p;
  };
  for (let p = 0; p < P; p++) {
    const pod = pods[p] as ScaleDownPod;
    const h = pod.host;
    append(h, p);
    podCount[h] = (podCount[h] as number) + 1;
    const leftOut = (o.ignoreDaemonSetsUtilization && pod.controller === 'DaemonSet') || (o.ignoreMirrorPodsUtilization && pod.mirror === true);
    for (let d = 0; d < D; d++) {
      const r = pod.request[d] ?? 0;
      free[h * D + d] = (free[h * D + d] as number) - r;
      if (leftOut) ignored[h * D + d] = (ignored[h * D + d] as number) + r;
      else requested[h * D + d] = (requested[h * D + d] as number) + r;
    }
  }

  const allowed = Float64Array.from(input.pdbDisruptionsAllowed ?? []);
  const isDestination = new Uint8Array(H);
  for (const h of input.destinations ?? Array.from({ length: H }, (_, i) => i)) isDestination[h] = 1;
  const destinations = input.destinations ?? Array.from({ length: H }, (_, i) => i);
  const candidates = input.candidates ?? Array.from({ length: H }, (_, i) => i).filter((h) => (hosts[h] as ScaleDownHost).group >= 0);

  const utilization = new Float64Array(H).fill(NaN);
  const destination = new Int32Array(P).fill(-1);
  const unneeded: number[] = [], empty: boolean[] = [], risky: boolean[] = [];
  const unremovable: UnneededNodes['unremovable'] = [];
  const util: NodeUtilization = { utilization: 0, resource: 'cpu', cpu: 0, memory: 0 };
  const toMove: number[] = [], skipped: number[] = [];
  const moved = new Int32Array(P), oldTail = new Int32Array(P);
  const pdbUse = new Map<number, number>();

  for (const h of candidates) {
    const host = hosts[h] as ScaleDownHost;
    if (host.scaleDownDisabled === true) { unremovable.push({ host: h, reason: 'ScaleDownDisabledAnnotation' }); continue; }
    if (host.group < 0) { unremovable.push({ host: h, reason: 'NotAutoscaled' }); continue; }
    nodeUtilization(host.allocatable, requested.subarray(h * D, h * D + D), ignored.subarray(h * D, h * D + D), dims, util);
    utilization[h] = util.utilization;
    if (!o.scaleDownUnreadyEnabled && host.ready === false) { unremovable.push({ host: h, reason: 'ScaleDownUnreadyDisabled' }); continue; }
    const threshold = util.resource === 'gpu' ? o.scaleDownGpuUtilizationThreshold : o.scaleDownUtilizationThreshold;
    if (util.utilization >= threshold) { unremovable.push({ host: h, reason: 'NotUnderutilized' }); continue; }

    // GetPodsToMove
    toMove.length = 0;
    skipped.length = 0;
    let blocked: { pod: number; reason: BlockingPodReason } | undefined;
    for (let p = head[h] as number; p >= 0; p = next[p] as number) {
      const outcome = podDrainability(pods[p] as ScaleDownPod, allowed, o);
      if (outcome === DRAIN_SKIP) { skipped.push(p); continue; }
      if (outcome === DRAIN_MOVE) { toMove.push(p); continue; }
      blocked = { pod: p, reason: outcome };
      break;
    }
    if (blocked !== undefined) { unremovable.push({ host: h, reason: 'BlockedByPod', blockingPod: blocked.pod, blockingReason: blocked.reason }); continue; }
    // basicRemainingPdbTracker.CanRemovePods: more pods of a budget than its disruptions allow are not removed in parallel.
    pdbUse.clear();
    let inParallel = true;
    for (const p of toMove) for (const b of (pods[p] as ScaleDownPod).pdbs ?? []) {
      const n = (pdbUse.get(b) ?? 0) + 1;
      pdbUse.set(b, n);
      if ((allowed[b] ?? 0) < n) inParallel = false;
    }

    // findPlaceFor, in a forked snapshot: commit on success, revert on failure.
    let placed = 0;
    for (; placed < toMove.length; placed++) {
      const p = toMove[placed] as number;
      const req = (pods[p] as ScaleDownPod).request;
      let found = -1;
      for (const d of destinations) {
        if (d === h || isDestination[d] === 0) continue;
        if ((podCount[d] as number) >= ((hosts[d] as ScaleDownHost).maxPods ?? 110)) continue;
        let ok = true;
        for (let k = 0; k < D; k++) if ((req[k] ?? 0) > (free[d * D + k] as number)) { ok = false; break; }
        if (!ok || (input.fits !== undefined && !input.fits(p, d))) continue;
        found = d;
        break;
      }
      if (found < 0) break;
      moved[placed] = destination[p] as number; // where it was before (−1: its own host)
      oldTail[placed] = tail[found] as number;
      destination[p] = found;
      append(found, p); // NodeInfo.AddPod appends
      podCount[found] = (podCount[found] as number) + 1;
      for (let k = 0; k < D; k++) free[found * D + k] = (free[found * D + k] as number) - (req[k] ?? 0);
    }
    if (placed < toMove.length) {
      // Revert, newest first: each pod is then the tail of its destination's list.
      for (let i = placed - 1; i >= 0; i--) {
        const p = toMove[i] as number, d = destination[p] as number;
        const req = (pods[p] as ScaleDownPod).request;
        const t = oldTail[i] as number;
        tail[d] = t;
        if (t === -1) head[d] = -1; else next[t] = -1;
        podCount[d] = (podCount[d] as number) - 1;
        for (let k = 0; k < D; k++) free[d * D + k] = (free[d * D + k] as number) + (req[k] ?? 0);
        destination[p] = moved[i] as number;
      }
      // The pods stay on h: relink its list (h is never a candidate again, so the order no longer matters).
      head[h] = tail[h] = -1;
      for (const p of skipped) append(h, p);
      for (const p of toMove) append(h, p);
      unremovable.push({ host: h, reason: 'NoPlaceToMovePods' });
      continue;
    }
    isDestination[h] = 0;
    for (const p of toMove) for (const b of (pods[p] as ScaleDownPod).pdbs ?? []) allowed[b] = (allowed[b] as number) - 1;
    unneeded.push(h);
    empty.push(toMove.length === 0);
    risky.push(!inParallel);
  }
  return { unneeded, empty, risky, unremovable, utilization, destination };
}
