import { POLICY_PODS, SELECT_DISABLED, SELECT_MIN, LEGACY_SCALE_UP_LIMIT, type ResolvedScalingRules } from './hpa-behavior.js';
import type { ScaleEventLog } from './scale-event-log.js';

const INT32_MAX = 2147483647;
const INT32_MIN = -2147483648;

// horizontal.go calculateScaleUpLimitWithScalingRules and calculateScaleDownLimitWithBehaviors: per policy, the
// count at the start of its period (current − added + removed within it), then the policy's change; the
// policies combine by selectPolicy. For a scale-up `Max` keeps the largest count; for a scale-down it keeps
// the smallest (the largest change), and `Min` the opposite.
function policyLimit(current: number, now: number, upEvents: ScaleEventLog, downEvents: ScaleEventLog, rules: ResolvedScalingRules, scaleUp: boolean): number {
  if (rules.select === SELECT_DISABLED) return current;
  const largest = (rules.select === SELECT_MIN) !== scaleUp;
  let result = largest ? INT32_MIN : INT32_MAX;
  for (let i = 0; i < rules.types.length; i++) {
    const period = rules.periods[i] as number;
    const start = current - upEvents.changeInPeriod(now, period) + downEvents.changeInPeriod(now, period);
    const v = rules.values[i] as number;
    const pods = rules.types[i] === POLICY_PODS;
    // A scale-up proposal is rounded up so that a small percentage still adds a replica; a scale-down one is
    // truncated (the same float64 expressions as upstream).
    const proposed = scaleUp ? (pods ? start + v : Math.ceil(start * (1 + v / 100))) : (pods ? start - v : Math.trunc(start * (1 - v / 100)));
    result = largest ? Math.max(result, proposed) : Math.min(result, proposed);
  }
  return result;
}

/**
 * The most replicas the scale-up policies allow now (horizontal.go `calculateScaleUpLimitWithScalingRules`):
 * per policy, the count at the start of its period (`current − added + removed` within the period) plus
 * `value` pods, or times `1 + value/100` rounded up; `Max` takes the largest, `Min` the smallest,
 * `Disabled` allows no change.
 *
 * @example
 * ```ts
 * scaleUpLimit(10, 0, up, down, resolveScalingRules(undefined, 'up')); // 20: max(10 + 4, 10 × 2)
 * ```
 */
export function scaleUpLimit(current: number, now: number, upEvents: ScaleEventLog, downEvents: ScaleEventLog, rules: ResolvedScalingRules): number {
  return policyLimit(current, now, upEvents, downEvents, rules, true);
}

/**
 * The fewest replicas the scale-down policies allow now (horizontal.go `calculateScaleDownLimitWithBehaviors`):
 * per policy, the count at the start of its period minus `value` pods, or times `1 − value/100` truncated;
 * `Max` (the default) takes the smallest count (the largest change), `Min` the largest.
 *
 * @example
 * ```ts
 * scaleDownLimit(100, 0, up, down, resolveScalingRules({ policies: [{ type: 'Pods', value: 20, periodSeconds: 60 }] }, 'down')); // 80
 * ```
 */
export function scaleDownLimit(current: number, now: number, upEvents: ScaleEventLog, downEvents: ScaleEventLog, rules: ResolvedScalingRules): number {
  return policyLimit(current, now, upEvents, downEvents, rules, false);
}

/** Why the normalised count differs from the recommendation (the HPA's `ScalingLimited` condition reason). @example `'ScaleUpLimit'` */
export type ScalingLimitReason = 'DesiredWithinRange' | 'TooFewReplicas' | 'TooManyReplicas' | 'ScaleUpLimit' | 'ScaleDownLimit';

/**
 * The result of a normalisation step: the count and the condition reason.
 *
 * @example
 * ```ts
 * const r: Normalized = { replicas: 4, reason: 'ScaleUpLimit' };
 * ```
 */
export interface Normalized {
  replicas: number;
  reason: ScalingLimitReason;
}

/**
 * Without `behavior` (horizontal.go `convertDesiredReplicasWithRules`): clamps to `[minReplicas, max]` where
 * `max` is the smaller of `maxReplicas` and `max(2 × current, 4)`.
 *
 * @example
 * ```ts
 * const out = { replicas: 0, reason: 'DesiredWithinRange' as ScalingLimitReason };
 * convertDesiredReplicasWithRules(3, 1000, 1, 2000, out); // out: { replicas: 6, reason: 'ScaleUpLimit' }
 * ```
 */
export function convertDesiredReplicasWithRules(current: number, desired: number, minReplicas: number, maxReplicas: number, out: Normalized): Normalized {
  const limit = Math.trunc(Math.max(LEGACY_SCALE_UP_LIMIT.factor * current, LEGACY_SCALE_UP_LIMIT.minimum));
  let maximum: number, reason: ScalingLimitReason;
  if (maxReplicas > limit) { maximum = limit; reason = 'ScaleUpLimit'; } else { maximum = maxReplicas; reason = 'TooManyReplicas'; }
  if (desired < minReplicas) { out.replicas = minReplicas; out.reason = 'TooFewReplicas'; }
  else if (desired > maximum) { out.replicas = maximum; out.reason = reason; }
  else { out.replicas = desired; out.reason = 'DesiredWithinRange'; }
  return out;
}

/**
 * With `behavior` (horizontal.go `convertDesiredReplicasWithBehaviorRate`): a scale-up stops at the smaller of
 * `maxReplicas` and the policies' limit (never below `current`); a scale-down at the larger of `minReplicas`
 * and the policies' limit (never above `current`).
 *
 * @example
 * ```ts
 * const out = { replicas: 0, reason: 'DesiredWithinRange' as ScalingLimitReason };
 * convertDesiredReplicasWithBehaviorRate(10, 50, 1, 1000, 0, up, down, upRules, downRules, out); // 20, 'ScaleUpLimit'
 * ```
 */
export function convertDesiredReplicasWithBehaviorRate(
  current: number, desired: number, minReplicas: number, maxReplicas: number, now: number,
  upEvents: ScaleEventLog, downEvents: ScaleEventLog, upRules: ResolvedScalingRules, downRules: ResolvedScalingRules, out: Normalized,
): Normalized {
  if (desired > current) {
    let limit = scaleUpLimit(current, now, upEvents, downEvents, upRules);
    if (limit < current) limit = current; // no further scale-up until older events leave the period
    let maximum = maxReplicas, reason: ScalingLimitReason = 'TooManyReplicas';
    if (maximum > limit) { maximum = limit; reason = 'ScaleUpLimit'; }
    if (desired > maximum) { out.replicas = maximum; out.reason = reason; return out; }
  } else if (desired < current) {
    let limit = scaleDownLimit(current, now, upEvents, downEvents, downRules);
    if (limit > current) limit = current;
    let minimum = minReplicas, reason: ScalingLimitReason = 'TooFewReplicas';
    if (minimum < limit) { minimum = limit; reason = 'ScaleDownLimit'; }
    if (desired < minimum) { out.replicas = minimum; out.reason = reason; return out; }
  }
  out.replicas = desired;
  out.reason = 'DesiredWithinRange';
  return out;
}
