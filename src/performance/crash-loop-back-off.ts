/**
 * The first CrashLoopBackOff delay, in seconds.
 *
 * @example
 * ```ts
 * crashLoopBackOff(1) === CRASH_LOOP_INITIAL_SECONDS; // true
 * ```
 */
export const CRASH_LOOP_INITIAL_SECONDS = 10;
/**
 * The longest CrashLoopBackOff delay, in seconds (5 minutes).
 *
 * @example
 * ```ts
 * crashLoopBackOff(20) === CRASH_LOOP_MAX_SECONDS; // true
 * ```
 */
export const CRASH_LOOP_MAX_SECONDS = 300;

/**
 * The kubelet's back-off before restarting a container that has failed `restarts` times:
 * `min(10 · 2^(restarts − 1), 300)` seconds (10 s doubling to 5 min); 0 before the first failure.
 *
 * @param restarts - How many times the container has failed so far (1 for the first failure).
 * @example
 * ```ts
 * crashLoopBackOff(1); // 10
 * crashLoopBackOff(3); // 40
 * crashLoopBackOff(9); // 300
 * ```
 */
export function crashLoopBackOff(restarts: number): number {
  if (!(restarts >= 1)) return 0;
  if (restarts > 6) return CRASH_LOOP_MAX_SECONDS; // 10 · 2^5 = 320 > 300 already
  return Math.min(CRASH_LOOP_INITIAL_SECONDS * 2 ** (restarts - 1), CRASH_LOOP_MAX_SECONDS);
}

/**
 * Seconds between two failures after which the back-off starts again at
 * {@link CRASH_LOOP_INITIAL_SECONDS}: twice the longest delay, 10 minutes. A container that ran
 * that long without failing is considered stable.
 *
 * Reference: kubernetes/client-go `util/flowcontrol/backoff.go` (`hasExpired`: "after
 * 2*maxDuration we restart the backoff factor to the beginning"), which the kubelet's container
 * back-off uses with a 10 s initial and 300 s longest delay.
 *
 * @example
 * ```ts
 * crashLoopFailures(4, CRASH_LOOP_RESET_SECONDS + 1); // 1
 * ```
 */
export const CRASH_LOOP_RESET_SECONDS = 2 * CRASH_LOOP_MAX_SECONDS;

/**
 * The count to pass to {@link crashLoopBackOff} after a new failure: one more than `failures`,
 * or 1 when the previous failure was more than {@link CRASH_LOOP_RESET_SECONDS} ago (or there was
 * none), since the back-off then starts again.
 *
 * @param failures - Failures counted so far (0 before the first).
 * @param secondsSincePrevious - Seconds since the previous failure (ignored when `failures` is 0).
 * @example
 * ```ts
 * crashLoopFailures(0, 0);   // 1: back off 10 s
 * crashLoopFailures(3, 60);  // 4: back off 80 s
 * crashLoopFailures(3, 601); // 1: stable for 10 minutes, back to 10 s
 * ```
 */
export function crashLoopFailures(failures: number, secondsSincePrevious: number): number {
  return failures > 0 && secondsSincePrevious <= CRASH_LOOP_RESET_SECONDS ? failures + 1 : 1;
}
