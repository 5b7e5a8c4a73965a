/**
 * Kubernetes' readiness-probe defaults: `initialDelaySeconds: 0`, `periodSeconds: 10`
 * (and `successThreshold: 1`, `timeoutSeconds: 1`, `failureThreshold: 3`, which podsim does not model).
 *
 * @example
 * ```ts
 * readinessDelay(READINESS_DEFAULTS.initialDelaySeconds, READINESS_DEFAULTS.periodSeconds, 12); // 20
 * ```
 */
export const READINESS_DEFAULTS = { initialDelaySeconds: 0, periodSeconds: 10 } as const;

/**
 * When a container becomes ready, in seconds after it started: the time of the first successful
 * readiness probe. Probes run at `initialDelay + k · period` (k = 0, 1, …); the first one at or after
 * the application is ready (`timeToReady`) succeeds.
 *
 * `initialDelay + max(0, ⌈(timeToReady − initialDelay) / period⌉) · period`
 *
 * @param initialDelaySeconds - Seconds before the first probe. @defaultValue 0
 * @param periodSeconds - Seconds between probes. @defaultValue 10
 * @param timeToReady - Seconds after start until the application answers.
 * @example
 * ```ts
 * readinessDelay(5, 10, 12); // 15: probes at 5 (fails), 15 (succeeds)
 * readinessDelay(0, 10, 0);  // 0
 * readinessDelay(30, 10, 2); // 30: ready long before the first probe
 * ```
 */
export function readinessDelay(initialDelaySeconds: number, periodSeconds: number, timeToReady: number): number {
  const d = initialDelaySeconds > 0 ? initialDelaySeconds : 0;
  if (timeToReady <= d) return d;
  if (!(periodSeconds > 0)) return timeToReady;
  let k = Math.ceil((timeToReady - d) / periodSeconds);
  // Guard against rounding either way: the probe must be at or after ready, the one before it not.
  if (k > 1 && d + (k - 1) * periodSeconds >= timeToReady) k--;
  while (d + k * periodSeconds < timeToReady) k++;
  return d + k * periodSeconds;
}
