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
