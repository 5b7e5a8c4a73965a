/**
 * Mean, percentiles and maximum of a set of values.
 *
 * @example
 * ```ts
 * const s: DistributionSummary = { mean: 1, p50: 0.7, p90: 2.3, p99: 4.6, max: 9.1 };
 * ```
 */
export interface DistributionSummary {
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

/** The summary of no values: all zeros. */
export const EMPTY_SUMMARY: DistributionSummary = Object.freeze({ mean: 0, p50: 0, p90: 0, p99: 0, max: 0 });

/**
 * The `q`-quantile (0 ≤ q ≤ 1) of sorted values, interpolating linearly between closest ranks
 * (the "type 7" definition used by R, NumPy and mathjs).
 *
 * @example
 * ```ts
 * quantileSorted(Float64Array.of(1, 2, 3, 4), 0.5); // 2.5
 * ```
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const hi = Math.min(n - 1, lo + 1);
  return a + (h - lo) * ((sorted[hi] as number) - a);
}

/**
 * Keeps every value exactly (8 bytes each, in a growing typed array) so that percentiles are
 * exact rather than sketched. Adding allocates only when the array doubles.
 *
 * @example
 * ```ts
 * const s = new SampleStore();
 * s.add(3); s.add(1); s.add(2);
 * s.summary().p50; // 2
 * ```
 */
export class SampleStore {
  private data: Float64Array;
  private n = 0;
  private total = 0;
  private comp = 0;

  /** @param initialCapacity - Values to make room for up front. @defaultValue 1024 */
  constructor(initialCapacity = 1024) {
    this.data = new Float64Array(Math.max(16, initialCapacity));
  }

  /** Number of values. */
  get count(): number {
    return this.n;
  }

  /** Adds a value. */
  add(x: number): void {
    if (this.n === this.data.length) {
      const d = new Float64Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.n++] = x;
    // Neumaier-compensated running total for the mean.
    const t = this.total + x;
    this.comp += Math.abs(this.total) >= Math.abs(x) ? this.total - t + x : x - t + this.total;
    this.total = t;
  }

  /** The mean, from a compensated sum. */
  get mean(): number {
    return this.n === 0 ? 0 : (this.total + this.comp) / this.n;
  }

  /** The values so far, sorted ascending (a new array). */
  sorted(): Float64Array {
    return this.data.slice(0, this.n).sort();
  }

  /** Mean, p50, p90, p99 and max, exactly. */
  summary(): DistributionSummary {
    if (this.n === 0) return EMPTY_SUMMARY;
    const s = this.sorted();
    return {
      mean: this.mean,
      p50: quantileSorted(s, 0.5),
      p90: quantileSorted(s, 0.9),
      p99: quantileSorted(s, 0.99),
      max: s[s.length - 1] as number,
    };
  }
}
