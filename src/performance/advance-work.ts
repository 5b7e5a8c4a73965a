/**
 * The work a container has left after running `dt` seconds at `rate` millicores:
 * `max(0, remaining − rate · dt)`, in millicore-seconds. The work done, `remaining − result`,
 * is what the container consumed, so summing it over a run gives its whole work (no work is lost).
 *
 * @param remaining - Work left, millicore-seconds.
 * @param rate - Rate during the interval, millicores.
 * @param dt - Length of the interval, seconds.
 * @example
 * ```ts
 * advanceWork(1500, 500, 2); // 500
 * advanceWork(1500, 500, 4); // 0
 * ```
 */
export function advanceWork(remaining: number, rate: number, dt: number): number {
  const left = remaining - rate * dt;
  return left > 0 ? left : 0;
}
