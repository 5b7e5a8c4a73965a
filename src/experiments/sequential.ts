import type { MetricInterval } from './interval.js';
import { studentTQuantile } from './student-t.js';

/**
 * The sequential-replication rule: stop when the interval's half-width is within
 * `relativeHalfWidth` of |mean| (`target`) or `max` replications have run (`max`); otherwise run
 * more. How many more follows Law & Kelton's estimate, the smallest i > n with
 * t_{(1+confidence)/2, i−1}·s/√i ≤ relativeHalfWidth·|mean| for the current mean and s, but at most
 * double the replications per stage, since s from few replications is itself uncertain.
 *
 * @param interval - The interval of the metric the target applies to, over the replications so far.
 * @param relativeHalfWidth - The target; without one, the rule runs straight to `max`.
 * @example
 * ```ts
 * nextReplications(meanInterval([10, 12, 9, 11, 13]), 0.05, 200, 0.95); // { next: 10 }
 * ```
 */
export function nextReplications(interval: MetricInterval, relativeHalfWidth: number | undefined, max: number, confidence: number): { readonly next: number } | { readonly stopped: 'target' | 'max' } {
  const n = interval.n;
  if (relativeHalfWidth !== undefined && interval.halfWidth <= relativeHalfWidth * Math.abs(interval.mean)) return { stopped: 'target' };
  if (n >= max) return { stopped: 'max' };
  if (relativeHalfWidth === undefined) return { next: max };
  const cap = Math.min(max, 2 * n);
  const goal = relativeHalfWidth * Math.abs(interval.mean);
  for (let i = n + 1; i < cap; i++) {
    if ((studentTQuantile((1 + confidence) / 2, i - 1) * interval.stddev) / Math.sqrt(i) <= goal) return { next: i };
  }
  return { next: cap };
}
