/**
 * The ReplicaSet controller's decision for one sync (pkg/controller/replicaset/replica_set.go
 * `manageReplicas`): create the missing pods or delete the surplus, at most `burstReplicas` (500) either
 * way. `active` counts the pods that are neither terminal nor being deleted (`FilterActivePods`): a failed
 * pod, an evicted one or one whose host is lost (once the taint manager deleted it) no longer counts, so
 * the next sync replaces it.
 *
 * @example
 * ```ts
 * replicaSetDiff(5, 3); // 2: create two
 * replicaSetDiff(5, 7); // -2: delete two
 * ```
 */
export function replicaSetDiff(desired: number, active: number, burstReplicas = 500): number {
  const diff = desired - active;
  if (diff > 0) return Math.min(diff, burstReplicas);
  if (diff < 0) return -Math.min(-diff, burstReplicas);
  return 0;
}

/** Pod phases for deletion ranking, in `podPhaseToOrdinal` order. @example `RS_POD_RUNNING` */
export const RS_POD_PENDING = 0;
/** @see RS_POD_PENDING @example `RS_POD_UNKNOWN` */
export const RS_POD_UNKNOWN = 1;
/** @see RS_POD_PENDING @example `RS_POD_RUNNING` */
export const RS_POD_RUNNING = 2;

/**
 * The pods of a ReplicaSet a scale-down chooses from, as struct-of-arrays rows.
 *
 * @example
 * ```ts
 * const pods: DeletionCandidates = { n: 2, host: Int32Array.of(-1, 0), phase: Uint8Array.of(0, 2), ready: Uint8Array.of(0, 1), readyTime: Float64Array.of(NaN, 10), created: Float64Array.of(20, 5), restarts: Int32Array.of(0, 0) };
 * ```
 */
export interface DeletionCandidates {
  readonly n: number;
  /** Host index, or -1 when not scheduled. */
  readonly host: Int32Array;
  readonly phase: Uint8Array;
  readonly ready: Uint8Array;
  /** When the pod last became Ready (seconds; NaN if not ready). */
  readonly readyTime: Float64Array;
  /** Creation time (seconds). */
  readonly created: Float64Array;
  /** Most restarts of any container. */
  readonly restarts: Int32Array;
}

// controller_utils.go logarithmicRankDiff: durations compared on a log2 scale of nanoseconds.
function logRank(now: number, t: number): number {
  const d = (now - t) * 1e9;
  return d > 0 ? Math.trunc(Math.log2(d)) : -1;
}

/**
 * The order in which a ReplicaSet deletes surplus pods, first to go first (pkg/controller/controller_utils.go
 * `ActivePodsWithRanks.Less`, with `LogarithmicScaleDown` on as by default): unscheduled before scheduled;
 * Pending before Unknown before Running; not ready before ready; more pods of the set on the same host
 * first; among ready pods, the more recently ready first (compared on a log2 time scale); more restarts
 * first; newer first (log2 scale again); ties by row (upstream: by UID). `pod-deletion-cost` is not modelled.
 *
 * @param pods - The candidates.
 * @param now - Seconds.
 * @returns Row indices, in deletion order.
 * @example
 * ```ts
 * podDeletionOrder(pods, 100)[0]; // the first to delete
 * ```
 */
export function podDeletionOrder(pods: DeletionCandidates, now: number): Int32Array {
  const onHost = new Map<number, number>();
  for (let i = 0; i < pods.n; i++) { const h = pods.host[i] as number; if (h >= 0) onHost.set(h, (onHost.get(h) ?? 0) + 1); }
  const rank = (i: number) => { const h = pods.host[i] as number; return h >= 0 ? (onHost.get(h) as number) : 0; };
  const order = Int32Array.from({ length: pods.n }, (_, i) => i);
  order.sort((i, j) => {
    const hi = pods.host[i] as number, hj = pods.host[j] as number;
    if (hi !== hj && (hi < 0 || hj < 0)) return hi < 0 ? -1 : 1;
    const pi = pods.phase[i] as number, pj = pods.phase[j] as number;
    if (pi !== pj) return pi - pj;
    const ri = pods.ready[i] as number, rj = pods.ready[j] as number;
    if (ri !== rj) return ri - rj;
    const ki = rank(i), kj = rank(j);
    if (ki !== kj) return kj - ki;
    if (ri === 1 && rj === 1) {
      const ti = pods.readyTime[i] as number, tj = pods.readyTime[j] as number;
      if (ti !== tj) {
        const d = logRank(now, ti) - logRank(now, tj);
        if (d !== 0) return d;
        return i - j;
      }
    }
    const si = pods.restarts[i] as number, sj = pods.restarts[j] as number;
    if (si !== sj) return sj - si;
    const ci = pods.created[i] as number, cj = pods.created[j] as number;
    if (ci !== cj) {
      const d = logRank(now, ci) - logRank(now, cj);
      if (d !== 0) return d;
    }
    return i - j;
  });
  return order;
}
