/**
 * Welford's one-pass mean and variance: numerically stable for long runs, O(1) memory.
 *
 * @example
 * ```ts
 * const w = new Welford();
 * [1, 2, 3, 4].forEach((x) => w.add(x));
 * w.mean;     // 2.5
 * w.variance; // 1.6666… (sample variance)
 * ```
 */
export class Welford {
  /** Number of values added. */
  n = 0;
  /** Running mean. */
  mean = 0;
  private m2 = 0;

  /** Adds a value. */
  add(x: number): void {
    this.n++;
    const d = x - this.mean;
    this.mean += d / this.n;
    this.m2 += d * (x - this.mean);
  }

  /** Sample variance (n − 1 denominator); 0 with fewer than two values. */
  get variance(): number {
    return this.n > 1 ? this.m2 / (this.n - 1) : 0;
  }

  /** Sample standard deviation. */
  get stddev(): number {
    return Math.sqrt(this.variance);
  }
}
