/**
 * A PodDisruptionBudget's bounds as written (`policy/v1` `spec`): exactly one of the two.
 *
 * @example
 * ```ts
 * const b: PdbBounds = { maxUnavailable: '25%' };
 * ```
 */
export interface PdbBounds {
  readonly minAvailable?: number | string | undefined;
  readonly maxUnavailable?: number | string | undefined;
}

/**
 * A budget's status, as the disruption controller computes it.
 *
 * @example
 * ```ts
 * const s: PdbStatus = { expectedPods: 4, currentHealthy: 4, desiredHealthy: 3, disruptionsAllowed: 1 };
 * ```
 */
export interface PdbStatus {
  expectedPods: number;
  currentHealthy: number;
  desiredHealthy: number;
  disruptionsAllowed: number;
  /** `spec.unhealthyPodEvictionPolicy`. @defaultValue 'IfHealthyBudget' */
  unhealthyPodEvictionPolicy?: 'IfHealthyBudget' | 'AlwaysAllow' | undefined;
}

/**
 * An int-or-percent scaled against a total, rounding up (apimachinery intstr `GetScaledValueFromIntOrPercent`
 * with roundUp, as the disruption controller calls it). Percentages must look like `"25%"`.
 *
 * @example
 * ```ts
 * scaledIntOrPercent('25%', 10); // 3
 * ```
 */
export function scaledIntOrPercent(v: number | string, total: number): number {
  if (typeof v === 'number') return v;
  const p = Number(v.slice(0, -1));
  return Math.ceil((p * total) / 100);
}

/**
 * A budget's status (pkg/controller/disruption/disruption.go `getExpectedPodCount` and `updatePdbStatus`):
 * an integer `minAvailable` expects the pods it selects and desires that many healthy; a percentage
 * `minAvailable` or a `maxUnavailable` expects the controllers' scale (Σ their `spec.replicas`) and desires
 * the percentage of it (rounded up), or that scale minus `maxUnavailable` (rounded up, floored at 0).
 * `disruptionsAllowed = currentHealthy − desiredHealthy`, and 0 when that is negative or nothing is expected.
 *
 * @param bounds - The budget's spec.
 * @param matchingPods - Pods the budget selects.
 * @param scale - Σ `spec.replicas` of those pods' controllers.
 * @param currentHealthy - Of the pods, those Ready and not being deleted.
 * @example
 * ```ts
 * pdbStatus({ minAvailable: 2 }, 3, 3, 3).disruptionsAllowed;      // 1
 * pdbStatus({ maxUnavailable: '34%' }, 3, 3, 3).disruptionsAllowed; // 2 (⌈1.02⌉ unavailable)
 * ```
 */
export function pdbStatus(bounds: PdbBounds, matchingPods: number, scale: number, currentHealthy: number): PdbStatus {
  let expected = 0, desired = 0;
  if (bounds.maxUnavailable !== undefined) {
    expected = scale;
    desired = Math.max(0, expected - scaledIntOrPercent(bounds.maxUnavailable, expected));
  } else if (bounds.minAvailable !== undefined) {
    if (typeof bounds.minAvailable === 'number') {
      desired = bounds.minAvailable;
      expected = matchingPods;
    } else {
      expected = scale;
      desired = scaledIntOrPercent(bounds.minAvailable, expected);
    }
  }
  let allowed = currentHealthy - desired;
  if (expected <= 0 || allowed <= 0) allowed = 0;
  return { expectedPods: expected, currentHealthy, desiredHealthy: desired, disruptionsAllowed: allowed };
}
