// The HorizontalPodAutoscaler's `spec.behavior` and the controller's defaults, with upstream's names.
// Defaults: kubernetes/kubernetes pkg/apis/autoscaling/v2/defaults.go (GenerateHPAScaleUpRules,
// GenerateHPAScaleDownRules) and the kube-controller-manager flags of
// pkg/controller/podautoscaler/config/v1alpha1/defaults.go.

/**
 * One scaling policy: at most `value` pods (`Pods`) or `value` percent of the replicas at the start of the
 * period (`Percent`) may be added (scale-up) or removed (scale-down) within any `periodSeconds`.
 *
 * @example
 * ```ts
 * const p: HpaScalingPolicy = { type: 'Percent', value: 100, periodSeconds: 15 };
 * ```
 */
export interface HpaScalingPolicy {
  readonly type: 'Pods' | 'Percent';
  /** Pods, or percent; > 0. */
  readonly value: number;
  /** The window over which past changes count, seconds (1–1800 in the API). */
  readonly periodSeconds: number;
}

/**
 * `HPAScalingRules` for one direction.
 *
 * @example
 * ```ts
 * const down: HpaScalingRules = { stabilizationWindowSeconds: 600, policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] };
 * ```
 */
export interface HpaScalingRules {
  /**
   * Seconds of past recommendations considered (scale-up: the lowest wins; scale-down: the highest).
   * @defaultValue 0 for scale-up; the controller's `--horizontal-pod-autoscaler-downscale-stabilization` (300) for scale-down
   */
  readonly stabilizationWindowSeconds?: number | undefined;
  /** Which policy wins: `Max` (the largest change), `Min` (the smallest), `Disabled` (no change). @defaultValue 'Max' */
  readonly selectPolicy?: 'Max' | 'Min' | 'Disabled' | undefined;
  /**
   * The policies.
   * @defaultValue scale-up: 4 pods and 100 % per 15 s; scale-down: 100 % per 15 s
   */
  readonly policies?: readonly HpaScalingPolicy[] | undefined;
  /**
   * The tolerance for this direction (the `HPAConfigurableTolerance` feature, beta and on by default since 1.35).
   * @defaultValue the controller's `--horizontal-pod-autoscaler-tolerance` (0.1)
   */
  readonly tolerance?: number | undefined;
}

/**
 * `spec.behavior`: scaling rules per direction. An HPA without `behavior` follows the older rules
 * (stabilisation over the controller's downscale window, scale-up at most ×2 or to 4 per sync); an HPA
 * with `behavior` (even `{}`) gets upstream's default rules for every field left out.
 *
 * @example
 * ```ts
 * const b: HpaBehavior = { scaleDown: { stabilizationWindowSeconds: 60 } };
 * ```
 */
export interface HpaBehavior {
  readonly scaleUp?: HpaScalingRules | undefined;
  readonly scaleDown?: HpaScalingRules | undefined;
}

/**
 * The HPA controller's settings (kube-controller-manager flags), in seconds.
 *
 * @example
 * ```ts
 * const o: HpaOptions = { syncPeriod: 30, tolerance: 0.05 };
 * ```
 */
export interface HpaOptions {
  /** `--horizontal-pod-autoscaler-sync-period`: seconds between syncs. @defaultValue 15 */
  readonly syncPeriod?: number | undefined;
  /** `--horizontal-pod-autoscaler-tolerance`: no scaling while |1 − ratio| ≤ this. @defaultValue 0.1 */
  readonly tolerance?: number | undefined;
  /** `--horizontal-pod-autoscaler-downscale-stabilization`: seconds. @defaultValue 300 */
  readonly downscaleStabilizationWindow?: number | undefined;
  /** `--horizontal-pod-autoscaler-cpu-initialization-period`: seconds after start in which CPU samples of not-yet-settled pods are ignored. @defaultValue 300 */
  readonly cpuInitializationPeriod?: number | undefined;
  /** `--horizontal-pod-autoscaler-initial-readiness-delay`: seconds after start in which a pod's readiness flips are taken as initial. @defaultValue 30 */
  readonly initialReadinessDelay?: number | undefined;
}

/** {@link HpaOptions} with every default applied. @example `HPA_DEFAULTS.syncPeriod; // 15` */
export interface ResolvedHpaOptions {
  readonly syncPeriod: number;
  readonly tolerance: number;
  readonly downscaleStabilizationWindow: number;
  readonly cpuInitializationPeriod: number;
  readonly initialReadinessDelay: number;
}

/**
 * The controller's defaults, as kube-controller-manager ships them.
 *
 * @example
 * ```ts
 * HPA_DEFAULTS.downscaleStabilizationWindow; // 300
 * ```
 */
export const HPA_DEFAULTS: ResolvedHpaOptions = Object.freeze({
  syncPeriod: 15,
  tolerance: 0.1,
  downscaleStabilizationWindow: 300,
  cpuInitializationPeriod: 300,
  initialReadinessDelay: 30,
});

/**
 * Without `behavior`, scale-up is capped at `max(scaleUpLimitFactor × current, scaleUpLimitMinimum)` per sync
 * (horizontal.go `calculateScaleUpLimit`).
 *
 * @example
 * ```ts
 * LEGACY_SCALE_UP_LIMIT.factor; // 2
 * ```
 */
export const LEGACY_SCALE_UP_LIMIT = Object.freeze({ factor: 2, minimum: 4 });

/** Applies defaults to {@link HpaOptions}. @example `resolveHpaOptions({ tolerance: 0.05 }).syncPeriod; // 15` */
export function resolveHpaOptions(o: HpaOptions | undefined): ResolvedHpaOptions {
  return {
    syncPeriod: o?.syncPeriod ?? HPA_DEFAULTS.syncPeriod,
    tolerance: o?.tolerance ?? HPA_DEFAULTS.tolerance,
    downscaleStabilizationWindow: o?.downscaleStabilizationWindow ?? HPA_DEFAULTS.downscaleStabilizationWindow,
    cpuInitializationPeriod: o?.cpuInitializationPeriod ?? HPA_DEFAULTS.cpuInitializationPeriod,
    initialReadinessDelay: o?.initialReadinessDelay ?? HPA_DEFAULTS.initialReadinessDelay,
  };
}

/** Policy selection codes in {@link ResolvedScalingRules.select}. @example `rules.select === SELECT_MAX` */
export const SELECT_MAX = 0;
/** @see SELECT_MAX @example `rules.select === SELECT_MIN` */
export const SELECT_MIN = 1;
/** @see SELECT_MAX @example `rules.select === SELECT_DISABLED` */
export const SELECT_DISABLED = 2;
/** Policy type codes in {@link ResolvedScalingRules.types}. @example `rules.types[0] === POLICY_PODS` */
export const POLICY_PODS = 0;
/** @see POLICY_PODS @example `rules.types[0] === POLICY_PERCENT` */
export const POLICY_PERCENT = 1;

/**
 * Scaling rules with every default filled in, as flat arrays.
 *
 * @example
 * ```ts
 * const up = resolveScalingRules(undefined, 'up');
 * up.longestPeriod; // 15
 * ```
 */
export interface ResolvedScalingRules {
  readonly stabilizationWindowSeconds: number;
  readonly select: number;
  readonly types: Uint8Array;
  readonly values: Int32Array;
  readonly periods: Int32Array;
  /** The longest policy period: scale events older than this are never needed again. */
  readonly longestPeriod: number;
  /** The rule's own tolerance, or NaN for the controller's. */
  readonly tolerance: number;
}

const DEFAULT_UP: readonly HpaScalingPolicy[] = [
  { type: 'Pods', value: 4, periodSeconds: 15 },
  { type: 'Percent', value: 100, periodSeconds: 15 },
];
const DEFAULT_DOWN: readonly HpaScalingPolicy[] = [{ type: 'Percent', value: 100, periodSeconds: 15 }];

/**
 * Fills a direction's rules with upstream's defaults (defaults.go `GenerateHPAScaleUpRules` /
 * `GenerateHPAScaleDownRules`; a field given replaces the default, policies as a whole), and the scale-down
 * window with the controller's downscale stabilisation (horizontal.go `maybeInitScaleDownStabilizationWindow`).
 *
 * @param rules - The rules as written, or undefined.
 * @param direction - `up` or `down`.
 * @param downscaleStabilizationWindow - The controller's window for scale-down. @defaultValue 300
 * @example
 * ```ts
 * resolveScalingRules({ policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] }, 'down').stabilizationWindowSeconds; // 300
 * ```
 */
export function resolveScalingRules(rules: HpaScalingRules | undefined, direction: 'up' | 'down', downscaleStabilizationWindow = HPA_DEFAULTS.downscaleStabilizationWindow): ResolvedScalingRules {
  const policies = rules?.policies ?? (direction === 'up' ? DEFAULT_UP : DEFAULT_DOWN);
  const sel = rules?.selectPolicy ?? 'Max';
  const types = new Uint8Array(policies.length);
  const values = new Int32Array(policies.length);
  const periods = new Int32Array(policies.length);
  let longest = 0;
  policies.forEach((p, i) => {
    types[i] = p.type === 'Pods' ? POLICY_PODS : POLICY_PERCENT;
    values[i] = p.value;
    periods[i] = p.periodSeconds;
    if (p.periodSeconds > longest) longest = p.periodSeconds;
  });
  return {
    stabilizationWindowSeconds: rules?.stabilizationWindowSeconds ?? (direction === 'up' ? 0 : downscaleStabilizationWindow),
    select: sel === 'Max' ? SELECT_MAX : sel === 'Min' ? SELECT_MIN : SELECT_DISABLED,
    types, values, periods,
    longestPeriod: longest,
    tolerance: rules?.tolerance ?? NaN,
  };
}
