/**
 * When a container running at a steady rate finishes its remaining CPU work:
 * `now + remaining / rate`, or `Infinity` while it gets no CPU. Work is in millicore-seconds
 * (1 CPU-second = 1000) and the rate in millicores, so the quotient is in seconds.
 *
 * Under fluid execution the rate is constant between events on the container's host. When a
 * container starts or finishes there, the simulation advances every container on that host with
 * {@link advanceWork}, recomputes that host's rates ({@link shareCpuInto}) and reschedules that
 * host's completion events with this function. Other hosts are untouched.
 *
 * @param now - The current time, seconds.
 * @param remaining - Work left, millicore-seconds.
 * @param rate - Current rate, millicores.
 * @example
 * ```ts
 * finishTime(10, 1500, 500); // 13
 * finishTime(10, 1500, 0);   // Infinity
 * ```
 */
export function finishTime(now: number, remaining: number, rate: number): number {
  if (remaining <= 0) return now;
  return rate > 0 ? now + remaining / rate : Infinity;
}
