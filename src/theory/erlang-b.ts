import { checkLoad, checkServers } from './check.js';

/**
 * Erlang B: the probability that an arrival finds all `c` servers busy in an M/M/c/c loss system
 * (no queue) with offered load `a = λ/μ` Erlangs.
 *
 * Computed by the recurrence B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)), whose every step is a
 * ratio of positive terms: no a^c/c! is ever formed, so it neither overflows nor cancels, and it
 * stays accurate for thousands of servers.
 *
 * @param c - Servers, a whole number ≥ 0.
 * @param a - Offered load in Erlangs (λ/μ), ≥ 0.
 * @throws RangeError when `c` is not a whole number ≥ 0 or `a` is negative or not finite.
 * @example
 * ```ts
 * import { erlangB } from 'podsim/theory';
 * erlangB(10, 5); // 0.018384…
 * ```
 */
export function erlangB(c: number, a: number): number {
  checkServers('erlangB', c);
  checkLoad('erlangB', a);
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}
