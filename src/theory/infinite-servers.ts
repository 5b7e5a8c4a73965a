import { checkLoad, checkRate } from './check.js';

/**
 * The expected time-average number of busy servers over [0, T] in an M/M/∞ system that starts
 * empty: λm(1 − (m/T)(1 − e^(−T/m))), with λ the arrival rate and m the mean service time.
 * (The expected number busy at time t is λm(1 − e^(−t/m)); averaging over [0, T] gives the above.)
 * Exact for a finite run, so it is a reference for confidence-interval coverage.
 *
 * @param arrivalRate - λ, per second.
 * @param meanService - m, seconds.
 * @param horizon - T, seconds.
 * @example
 * ```ts
 * import { mmInfinityTimeAverage } from 'podsim/theory';
 * mmInfinityTimeAverage(2, 1, 10); // 1.8000907…
 * ```
 */
export function mmInfinityTimeAverage(arrivalRate: number, meanService: number, horizon: number): number {
  checkLoad('mmInfinityTimeAverage', arrivalRate, 'arrival rate');
  checkRate('mmInfinityTimeAverage', meanService, 'mean service time');
  checkRate('mmInfinityTimeAverage', horizon, 'horizon');
  const x = horizon / meanService;
  // 1 − (1 − e^(−x))/x, with expm1 so that short horizons keep their digits.
  return arrivalRate * meanService * (1 + Math.expm1(-x) / x);
}
