import type { Issue } from '../errors.js';
import { PodsimError } from '../errors.js';
import { resolveHpaOptions, resolveScalingRules, type HpaBehavior, type HpaOptions, type ResolvedHpaOptions, type ResolvedScalingRules } from './hpa-behavior.js';
import type { HpaPods } from './hpa-pods.js';
import { RecommendationLog } from './recommendation-log.js';
import { newReplicaCalculation, resourceReplicas, type ReplicaCalculation, type Tolerances } from './replica-calculator.js';
import { ScaleEventLog } from './scale-event-log.js';
import { convertDesiredReplicasWithBehaviorRate, convertDesiredReplicasWithRules, type Normalized } from './scaling-limits.js';

/**
 * A HorizontalPodAutoscaler on CPU utilisation, as `autoscale:` on a workload or an imported
 * `autoscaling/v2` object with a CPU `Resource` metric.
 *
 * @example
 * ```ts
 * const spec: HpaSpec = { minReplicas: 2, maxReplicas: 20, targetCPUUtilization: 70 };
 * ```
 */
export interface HpaSpec {
  /** @defaultValue 1 */
  readonly minReplicas?: number | undefined;
  readonly maxReplicas: number;
  /** Target average CPU utilisation, whole percent of the pods' requests. */
  readonly targetCPUUtilization: number;
  /** `spec.behavior`; absent means the controller's older rules (see {@link HpaBehavior}). */
  readonly behavior?: HpaBehavior | undefined;
}

/** Why the last sync ended where it did. @example `hpa.lastReason === 'ScaleUpLimit'` */
export type HpaReason =
  | 'ScalingDisabled' | 'AboveMaxReplicas' | 'BelowMinReplicas' | 'FailedGetResourceMetric'
  | 'DesiredWithinRange' | 'TooFewReplicas' | 'TooManyReplicas' | 'ScaleUpLimit' | 'ScaleDownLimit';

/**
 * The HPA controller for one autoscaler: call {@link HpaController.sync} every sync period (15 s by default)
 * with the target's current `spec.replicas` and its pods; it returns the replica count to set. It follows
 * kubernetes/kubernetes pkg/controller/podautoscaler/horizontal.go `reconcileAutoscaler`:
 *
 * - `spec.replicas` 0 with `minReplicas` > 0: autoscaling is off, 0 is kept;
 * - above `maxReplicas` / below `minReplicas`: straight to the bound;
 * - otherwise the replica calculator's count ({@link resourceReplicas}), then, without `behavior`, the
 *   highest recommendation of the downscale window and at most `max(2 × current, 4)`; with `behavior`,
 *   the stabilisation windows of both directions and the scale-up/scale-down policies.
 *
 * The first sync records the current count as a recommendation, so a fresh HPA does not scale down within
 * its first stabilisation window (`recordInitialRecommendation`). State is a few small typed arrays;
 * a sync allocates nothing once they have grown.
 *
 * @example
 * ```ts
 * const hpa = new HpaController({ minReplicas: 1, maxReplicas: 10, targetCPUUtilization: 50 });
 * const pods = new HpaPods();
 * pods.push(POD_RUNNING, READY_TRUE, -600, -570, 900, 0, 30, 1000);
 * hpa.sync(0, 1, pods); // 2: 90 % against a 50 % target
 * ```
 */
export class HpaController {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly targetCPUUtilization: number;
  readonly options: ResolvedHpaOptions;
  /** Resolved scaling rules, or undefined without `behavior`. */
  readonly scaleUpRules: ResolvedScalingRules | undefined;
  readonly scaleDownRules: ResolvedScalingRules | undefined;
  /** Unstabilised recommendations (`recommendations[key]`). */
  readonly recommendations = new RecommendationLog();
  /** Scale events, kept only with `behavior` (`scaleUpEvents[key]`, `scaleDownEvents[key]`). */
  readonly scaleUpEvents = new ScaleEventLog();
  readonly scaleDownEvents = new ScaleEventLog();
  /** The replica calculator's last utilisation and pod counts. */
  readonly calculation: ReplicaCalculation = newReplicaCalculation();
  /** The count the metric asked for before normalisation at the last sync (-1 when none). */
  lastMetricReplicas = -1;
  lastReason: HpaReason = 'DesiredWithinRange';
  private readonly tolerances: Tolerances;
  private initialized = false;
  private readonly norm: Normalized = { replicas: 0, reason: 'DesiredWithinRange' };

  /**
   * @throws PodsimError when the spec is inconsistent (all problems at once).
   */
  constructor(spec: HpaSpec, options?: HpaOptions) {
    const issues = hpaSpecIssues(spec, '');
    if (issues.length > 0) throw new PodsimError(issues, 'invalid HorizontalPodAutoscaler');
    this.minReplicas = spec.minReplicas ?? 1;
    this.maxReplicas = spec.maxReplicas;
    this.targetCPUUtilization = spec.targetCPUUtilization;
    this.options = resolveHpaOptions(options);
    const b = spec.behavior;
    this.scaleUpRules = b === undefined ? undefined : resolveScalingRules(b.scaleUp, 'up');
    this.scaleDownRules = b === undefined ? undefined : resolveScalingRules(b.scaleDown, 'down', this.options.downscaleStabilizationWindow);
    const t = this.options.tolerance;
    // HPAConfigurableTolerance: a direction's own tolerance replaces the controller's.
    const up = this.scaleUpRules !== undefined && !Number.isNaN(this.scaleUpRules.tolerance) ? this.scaleUpRules.tolerance : t;
    const down = this.scaleDownRules !== undefined && !Number.isNaN(this.scaleDownRules.tolerance) ? this.scaleDownRules.tolerance : t;
    this.tolerances = { scaleUp: up, scaleDown: down };
  }

  /**
   * Starts with an empty recommendation history instead of recording the current count at the first sync,
   * as upstream's tests do by passing an empty (non-nil) history: the HPA then behaves as one that has been
   * running for longer than its stabilisation window.
   */
  skipInitialRecommendation(): void {
    this.initialized = true;
  }

  /**
   * One reconcile: the replica count the controller sets at `now` (equal to `currentReplicas` when it
   * does not scale). {@link HpaController.lastReason} and {@link HpaController.calculation} say why.
   *
   * @param now - Seconds.
   * @param currentReplicas - The target's `spec.replicas`.
   * @param pods - The pods the target's selector matches, with their CPU samples.
   */
  sync(now: number, currentReplicas: number, pods: HpaPods): number {
    if (!this.initialized) {
      // recordInitialRecommendation
      this.recommendations.push(now, currentReplicas);
      this.initialized = true;
    }
    this.lastMetricReplicas = -1;
    let desired: number;
    if (currentReplicas === 0 && this.minReplicas !== 0) {
      this.lastReason = 'ScalingDisabled';
      return 0;
    } else if (currentReplicas > this.maxReplicas) {
      this.lastReason = 'AboveMaxReplicas';
      desired = this.maxReplicas;
    } else if (currentReplicas < this.minReplicas) {
      this.lastReason = 'BelowMinReplicas';
      desired = this.minReplicas;
    } else {
      const o = this.options;
      const proposal = resourceReplicas(currentReplicas, this.targetCPUUtilization, pods, now, this.tolerances, o.cpuInitializationPeriod, o.initialReadinessDelay, this.calculation);
      if (proposal < 0) {
        this.lastReason = 'FailedGetResourceMetric';
        return currentReplicas;
      }
      this.lastMetricReplicas = proposal;
      const up = this.scaleUpRules, down = this.scaleDownRules;
      if (up === undefined || down === undefined) {
        const stabilized = this.recommendations.stabilize(now, proposal, o.downscaleStabilizationWindow);
        convertDesiredReplicasWithRules(currentReplicas, stabilized, this.minReplicas, this.maxReplicas, this.norm);
      } else {
        const stabilized = this.recommendations.stabilizeWithBehaviors(now, currentReplicas, proposal, up.stabilizationWindowSeconds, down.stabilizationWindowSeconds);
        convertDesiredReplicasWithBehaviorRate(currentReplicas, stabilized, this.minReplicas, this.maxReplicas, now, this.scaleUpEvents, this.scaleDownEvents, up, down, this.norm);
      }
      desired = this.norm.replicas;
      this.lastReason = this.norm.reason;
    }
    if (desired !== currentReplicas && this.scaleUpRules !== undefined && this.scaleDownRules !== undefined) {
      // storeScaleEvent: only with behavior.
      if (desired > currentReplicas) this.scaleUpEvents.store(now, desired - currentReplicas, this.scaleUpRules.longestPeriod);
      else this.scaleDownEvents.store(now, currentReplicas - desired, this.scaleDownRules.longestPeriod);
    }
    return desired;
  }
}

/**
 * Problems with an {@link HpaSpec}, as the API server's validation reports them (minReplicas ≥ 1 unless
 * the HPAScaleToZero gate is on, maxReplicas ≥ minReplicas and ≥ 1, a positive target, policies with a
 * positive value and a period of 1–1800 s, windows of 0–3600 s).
 *
 * @example
 * ```ts
 * hpaSpecIssues({ minReplicas: 5, maxReplicas: 2, targetCPUUtilization: 50 }, 'autoscale');
 * // [{ code: 'invalid_autoscale', path: 'autoscale.maxReplicas', message: 'must be at least minReplicas (5), got 2' }]
 * ```
 */
export function hpaSpecIssues(spec: HpaSpec, path: string): Issue[] {
  const out: Issue[] = [];
  const at = (k: string) => (path === '' ? k : `${path}.${k}`);
  const bad = (k: string, message: string) => out.push({ code: 'invalid_autoscale', path: at(k), message });
  const min = spec.minReplicas ?? 1;
  if (!Number.isInteger(min) || min < 1) bad('minReplicas', `must be a whole number ≥ 1, got ${min}`);
  if (!Number.isInteger(spec.maxReplicas) || spec.maxReplicas < 1) bad('maxReplicas', `must be a whole number ≥ 1, got ${spec.maxReplicas}`);
  else if (Number.isInteger(min) && spec.maxReplicas < min) bad('maxReplicas', `must be at least minReplicas (${min}), got ${spec.maxReplicas}`);
  if (!Number.isInteger(spec.targetCPUUtilization) || spec.targetCPUUtilization < 1) bad('targetCPUUtilization', `must be a whole percentage ≥ 1, got ${spec.targetCPUUtilization}`);
  for (const dir of ['scaleUp', 'scaleDown'] as const) {
    const r = spec.behavior?.[dir];
    if (r === undefined) continue;
    const w = r.stabilizationWindowSeconds;
    if (w !== undefined && (!Number.isInteger(w) || w < 0 || w > 3600)) bad(`behavior.${dir}.stabilizationWindowSeconds`, `must be a whole number of seconds from 0 to 3600, got ${w}`);
    if (r.tolerance !== undefined && (!Number.isFinite(r.tolerance) || r.tolerance < 0)) bad(`behavior.${dir}.tolerance`, `must be ≥ 0, got ${r.tolerance}`);
    if (r.policies !== undefined && r.policies.length === 0 && r.selectPolicy !== 'Disabled') bad(`behavior.${dir}.policies`, 'must list at least one policy (or set selectPolicy: Disabled)');
    (r.policies ?? []).forEach((p, i) => {
      if (!Number.isInteger(p.value) || p.value <= 0) bad(`behavior.${dir}.policies[${i}].value`, `must be a whole number > 0, got ${p.value}`);
      if (!Number.isInteger(p.periodSeconds) || p.periodSeconds <= 0 || p.periodSeconds > 1800) bad(`behavior.${dir}.policies[${i}].periodSeconds`, `must be a whole number of seconds from 1 to 1800, got ${p.periodSeconds}`);
    });
  }
  return out;
}
