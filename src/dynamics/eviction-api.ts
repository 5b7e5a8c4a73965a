import type { PdbStatus } from './pdb-status.js';

/**
 * A pod as the eviction API sees it.
 *
 * @example
 * ```ts
 * const p: EvictablePod = { phase: 'Running', ready: true, pdbs: [0] };
 * ```
 */
export interface EvictablePod {
  readonly phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  /** Being deleted already. @defaultValue false */
  readonly deleting?: boolean | undefined;
  /** Its Ready condition is True. */
  readonly ready: boolean;
  /** Indices of the budgets that select it (same namespace; a selector that is absent selects nothing, `{}` selects all: `LabelSelectorAsSelector`). */
  readonly pdbs: readonly number[];
}

/**
 * The eviction API's answer: `evicted` (HTTP 201; `spent` says whether a disruption of the budget was
 * used), `too_many_requests` (429: the budget allows no disruption now; clients retry), `forbidden` (403:
 * the budget's status is negative), or `multiple_pdbs` (500: more than one budget selects the pod).
 *
 * @example
 * ```ts
 * const d: EvictionDecision = { outcome: 'evicted', spent: true, pdb: 0 };
 * ```
 */
export interface EvictionDecision {
  readonly outcome: 'evicted' | 'too_many_requests' | 'forbidden' | 'multiple_pdbs';
  readonly spent: boolean;
  /** The budget that decided, or -1. */
  readonly pdb: number;
}

/** How long `kubectl drain` waits before retrying an eviction refused with 429 (k8s.io/kubectl pkg/drain `evictPods`). @example `EVICTION_RETRY_INTERVAL; // 5` */
export const EVICTION_RETRY_INTERVAL = 5;

/**
 * Whether the eviction API lets a pod go now, and whether that spends a disruption (kubernetes/kubernetes
 * pkg/registry/core/pod/storage/eviction.go `Create`, `canIgnorePDB`, `checkAndDecrement`):
 *
 * - a pending, terminal or deleting pod is deleted without looking at budgets;
 * - more than one budget: refused (500);
 * - an unready pod is deleted without spending the budget under `AlwaysAllow`, or under the default
 *   `IfHealthyBudget` when the budget is healthy (`currentHealthy ≥ desiredHealthy > 0`);
 * - otherwise the budget must allow a disruption: negative is forbidden, 0 is 429, else one is spent.
 *
 * Pure: nothing is changed; {@link evictPod} applies the decision.
 *
 * @example
 * ```ts
 * canEvict([{ expectedPods: 3, currentHealthy: 3, desiredHealthy: 2, disruptionsAllowed: 1 }], { phase: 'Running', ready: true, pdbs: [0] });
 * // { outcome: 'evicted', spent: true, pdb: 0 }
 * ```
 */
export function canEvict(pdbs: readonly PdbStatus[], pod: EvictablePod): EvictionDecision {
  if (pod.phase !== 'Running' || pod.deleting === true) return { outcome: 'evicted', spent: false, pdb: -1 };
  if (pod.pdbs.length > 1) return { outcome: 'multiple_pdbs', spent: false, pdb: -1 };
  if (pod.pdbs.length === 0) return { outcome: 'evicted', spent: false, pdb: -1 };
  const i = pod.pdbs[0] as number;
  const b = pdbs[i] as PdbStatus;
  if (!pod.ready) {
    if (b.unhealthyPodEvictionPolicy === 'AlwaysAllow') return { outcome: 'evicted', spent: false, pdb: i };
    if (b.currentHealthy >= b.desiredHealthy && b.desiredHealthy > 0) return { outcome: 'evicted', spent: false, pdb: i };
  }
  if (b.disruptionsAllowed < 0) return { outcome: 'forbidden', spent: false, pdb: i };
  if (b.disruptionsAllowed === 0) return { outcome: 'too_many_requests', spent: false, pdb: i };
  return { outcome: 'evicted', spent: true, pdb: i };
}

/**
 * {@link canEvict}, then spends the disruption on the budget's status when the eviction used one
 * (until the disruption controller recomputes the status).
 *
 * @example
 * ```ts
 * const pdbs = [pdbStatus({ minAvailable: 2 }, 3, 3, 3)];
 * evictPod(pdbs, pod).outcome; // 'evicted'; pdbs[0].disruptionsAllowed is now 0
 * ```
 */
export function evictPod(pdbs: PdbStatus[], pod: EvictablePod): EvictionDecision {
  const d = canEvict(pdbs, pod);
  if (d.spent) (pdbs[d.pdb] as PdbStatus).disruptionsAllowed -= 1;
  return d;
}
