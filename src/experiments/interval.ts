import { studentTQuantile } from './student-t.js';

/**
 * A metric over independent replications: its mean, sample standard deviation, count, and the
 * Student-t confidence interval of the mean.
 *
 * With one replication the spread is unknown: `stddev` is 0 and the interval is unbounded
 * (`halfWidth: Infinity`, which JSON writes as `null`).
 *
 * @example
 * ```ts
 * const s: MetricInterval = { mean: 1.2, stddev: 0.3, n: 10, halfWidth: 0.21, ci: [0.99, 1.41] };
 * ```
 */
export interface MetricInterval {
  readonly mean: number;
  /** Sample standard deviation (n − 1 in the denominator). */
  readonly stddev: number;
  /** Replications. */
  readonly n: number;
  /** t_{(1+confidence)/2, n−1} · stddev / √n. */
  readonly halfWidth: number;
  /** [mean − halfWidth, mean + halfWidth]. */
  readonly ci: readonly [number, number];
}

/**
 * The mean of `values` (Neumaier-compensated) and their sample standard deviation (two-pass).
 * @internal
 * @example
 * ```ts
 * meanAndStddev([1, 2, 3]); // { mean: 2, stddev: 1 }
 * ```
 */
export function meanAndStddev(values: readonly number[]): { mean: number; stddev: number } {
  const n = values.length;
  if (n === 0) return { mean: NaN, stddev: NaN };
  let s = 0, c = 0;
  for (const x of values) {
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  const mean = (s + c) / n;
  if (n === 1) return { mean, stddev: 0 };
  let ss = 0;
  for (const x of values) ss += (x - mean) * (x - mean);
  return { mean, stddev: Math.sqrt(ss / (n - 1)) };
}

/**
 * The Student-t confidence interval of the mean of independent, identically distributed values
 * (replications of one point): mean ± t_{(1+confidence)/2, n−1}·s/√n.
 *
 * @param values - One value per replication, in replication order.
 * @param confidence - Two-sided confidence level, 0 < confidence < 1. @defaultValue 0.95
 * @example
 * ```ts
 * meanInterval([9.8, 10.1, 10.3, 9.9, 10.0]).ci; // [9.77…, 10.27…]
 * ```
 */
export function meanInterval(values: readonly number[], confidence = 0.95): MetricInterval {
  const n = values.length;
  const { mean, stddev } = meanAndStddev(values);
  const halfWidth = n < 2 ? Infinity : stddev === 0 ? 0 : (studentTQuantile((1 + confidence) / 2, n - 1) * stddev) / Math.sqrt(n);
  return { mean, stddev, n, halfWidth, ci: [mean - halfWidth, mean + halfWidth] };
}

/**
 * The paired-t interval of the mean difference `a[r] − b[r]` over the replications both have
 * (the first min(a.length, b.length)). With common random numbers, replication r of both points
 * used the same random streams, so the pairing removes their shared noise.
 *
 * @example
 * ```ts
 * pairedInterval([3, 4, 5], [2, 3, 4]); // { mean: 1, halfWidth: 0, n: 3, ... }
 * ```
 */
export function pairedInterval(a: readonly number[], b: readonly number[], confidence = 0.95): MetricInterval {
  const n = Math.min(a.length, b.length);
  const d: number[] = [];
  for (let r = 0; r < n; r++) d.push((a[r] as number) - (b[r] as number));
  return meanInterval(d, confidence);
}
