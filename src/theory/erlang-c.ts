import { checkLoad, checkServers, checkStable } from './check.js';
import { erlangB } from './erlang-b.js';

/**
 * Erlang C: the probability that an arrival must wait in an M/M/c queue with offered load
 * `a = λ/μ` Erlangs, for `a < c`.
 *
 * Computed from Erlang B's stable recurrence as C = c·B / (c − a·(1 − B)), which needs no
 * factorials or powers and so holds for large `c`.
 *
 * @param c - Servers, a whole number ≥ 1.
 * @param a - Offered load in Erlangs (λ/μ), 0 ≤ a < c.
 * @throws RangeError when the arguments are out of range or the queue is unstable (a ≥ c).
 * @example
 * ```ts
 * import { erlangC } from 'podsim/theory';
 * erlangC(2, 1); // 1/3
 * ```
 */
export function erlangC(c: number, a: number): number {
  checkServers('erlangC', c, 1);
  checkLoad('erlangC', a);
  checkStable('erlangC', c, a);
  const b = erlangB(c, a);
  return (c * b) / (c - a * (1 - b));
}
