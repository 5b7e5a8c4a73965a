import { compensatedAdd } from './compensated-sum.js';
import type { DistributionSummary } from './sample-store.js';

/** Values of magnitude below this share the lowest bucket (seconds: a nanosecond). */
const FLOOR = 1e-9;

/**
 * A quantile sketch with a relative error bound: values are counted in logarithmic buckets, bucket
 * k holding the magnitudes in (γ^(k−1), γ^k] with γ = (1 + α) / (1 − α), and a bucket stands for its
 * values by 2γ^k / (γ + 1), within α of every one of them (the bucket scheme of DDSketch, Masson,
 * Rim and Lee, VLDB 2019). Memory follows the range of the values, not their number: about
 * ln(max / min) / (2α) buckets of 8 bytes, up to 1.5× that with the room it grows by (at α = 0.5%:
 * 1,842 buckets, 15 KiB, for waits from a millisecond to a day; 4,130 for a nanosecond to 10⁴ days).
 * Negative values are counted in buckets of their own, zeros in a count.
 *
 * Guarantees, for values of magnitude ≥ 10⁻⁹ (smaller ones share the lowest bucket: an absolute error
 * below 10⁻⁹ for them): each order statistic is given within a relative error α, and so is each
 * type-7 quantile (the interpolation between two order statistics of one sign); the maximum and the
 * count are exact; the mean is the Neumaier-compensated sum of the values in the order added, divided
 * by their number (as `SampleStore`'s). Deterministic: the same values in the same order give the same
 * bytes (one `Math.log` per value, no randomness).
 *
 * @example
 * ```ts
 * const s = new QuantileSketch(0.01);
 * for (let i = 1; i <= 1000; i++) s.add(i);
 * s.quantile(0.5); // within 1% of 500.5
 * s.summary().max; // 1000
 * ```
 */
export class QuantileSketch {
  /** γ = (1 + α) / (1 − α), and 1 / ln γ. */
  private readonly gamma: number;
  private readonly invLogGamma: number;
  // Bucket counts by index k − offset, for positive values (`pos`) and for the magnitudes of negative ones (`neg`).
  private pos = new Float64Array(0);
  private posOffset = 0;
  private neg = new Float64Array(0);
  private negOffset = 0;
  private zeros = 0;
  private infinite = 0;
  private n = 0;
  /** The sum of the values and its compensation (`compensatedAdd`). */
  private sums = new Float64Array(2);
  private top = -Infinity;

  /** @param relativeError - α, the relative error of the quantiles (0 < α < 1). @defaultValue 0.005 */
  constructor(readonly relativeError = 0.005) {
    if (!(relativeError > 0 && relativeError < 1)) throw new RangeError(`relativeError must be in (0, 1): ${relativeError}`);
    this.gamma = (1 + relativeError) / (1 - relativeError);
    this.invLogGamma = 1 / Math.log(this.gamma);
  }

  /** Number of values added. */
  get count(): number {
    return this.n;
  }

  /** How many of the values were 0. */
  get zeroCount(): number {
    return this.zeros;
  }

  /** The largest value (exact); -Infinity when empty. */
  get max(): number {
    return this.top;
  }

  /** The mean, from a Neumaier-compensated sum of the values in the order added. */
  get mean(): number {
    return this.n === 0 ? 0 : this.sum / this.n;
  }

  /** Buckets in use (both signs): its memory is about 8 bytes each. */
  get buckets(): number {
    return this.pos.length + this.neg.length;
  }

  /** The sum of the values (Neumaier-compensated, in the order added). */
  get sum(): number {
    return (this.sums[0] as number) + (this.sums[1] as number);
  }

  /** Adds `count` values of +0 at once. */
  addZeros(count: number): void {
    if (count <= 0) return;
    this.n += count;
    this.zeros += count;
    if (this.top < 0 || (this.top === 0 && 1 / this.top < 0)) this.top = 0;
  }

  /** Adds a value (NaN is not a value: it throws). */
  add(x: number): void {
    if (x !== x) throw new RangeError('QuantileSketch.add: NaN');
    this.n++;
    if (x > this.top) this.top = x;
    else if (x === 0 && this.top === 0 && 1 / x > 0) this.top = 0; // +0 above −0, as a sort puts it
    if (x === 0) {
      this.zeros++;
      return;
    }
    compensatedAdd(this.sums, 0, x);
    if (x === Infinity || x === -Infinity) {
      if (x > 0) this.infinite++;
      else this.count1(false, this.key(Number.MAX_VALUE) + 1);
      return;
    }
    if (x > 0) this.count1(true, this.key(x));
    else this.count1(false, this.key(-x));
  }

  /** The bucket of a magnitude m > 0. */
  private key(m: number): number {
    return Math.ceil(Math.log(m < FLOOR ? FLOOR : m) * this.invLogGamma);
  }

  /** The value a bucket stands for. */
  private value(k: number): number {
    return (2 * Math.pow(this.gamma, k)) / (this.gamma + 1);
  }

  private count1(positive: boolean, k: number, amount = 1): void {
    let a = positive ? this.pos : this.neg;
    let off = positive ? this.posOffset : this.negOffset;
    if (a.length === 0) {
      a = new Float64Array(64);
      off = k - 32;
    } else if (k < off || k >= off + a.length) {
      // Room for the buckets in use and k, with slack on k's side (half the range, at least 64): at
      // most 1.5× the range in use, plus 64. The buckets keep their keys.
      let first = 0, last = a.length - 1;
      while (a[first] === 0) first++;
      while (a[last] === 0) last--;
      const lo = Math.min(off + first, k), hi = Math.max(off + last + 1, k + 1);
      const size = hi - lo + Math.max(64, (hi - lo) >> 1);
      const from = k < off ? hi - size : lo;
      const next = new Float64Array(size);
      next.set(a.subarray(first, last + 1), off + first - from);
      a = next;
      off = from;
    }
    a[k - off] = (a[k - off] as number) + amount;
    if (positive) {
      this.pos = a;
      this.posOffset = off;
    } else {
      this.neg = a;
      this.negOffset = off;
    }
  }

  /** Adds every value of `other` (made with the same relative error); the mean then sums the two sums. */
  merge(other: QuantileSketch): void {
    if (other.relativeError !== this.relativeError) throw new RangeError('QuantileSketch.merge: the relative errors differ');
    for (let i = 0; i < other.pos.length; i++) {
      const c = other.pos[i] as number;
      if (c > 0) this.count1(true, other.posOffset + i, c);
    }
    for (let i = 0; i < other.neg.length; i++) {
      const c = other.neg[i] as number;
      if (c > 0) this.count1(false, other.negOffset + i, c);
    }
    this.zeros += other.zeros;
    this.infinite += other.infinite;
    this.n += other.n;
    if (other.top > this.top) this.top = other.top;
    compensatedAdd(this.sums, 0, other.sum);
  }

  /** A copy, to add more values to without changing this one. */
  clone(): QuantileSketch {
    const c = new QuantileSketch(this.relativeError);
    c.pos = this.pos.slice();
    c.posOffset = this.posOffset;
    c.neg = this.neg.slice();
    c.negOffset = this.negOffset;
    c.zeros = this.zeros;
    c.infinite = this.infinite;
    c.n = this.n;
    c.sums = this.sums.slice();
    c.top = this.top;
    return c;
  }

  /** The estimate of the k-th smallest value (0-based, k < count). */
  private kth(k: number): number {
    // Negatives, most negative first: their magnitudes' buckets from the top down.
    let r = k;
    const neg = this.neg;
    for (let i = neg.length - 1; i >= 0; i--) {
      const c = neg[i] as number;
      if (r < c) return -this.value(this.negOffset + i);
      r -= c;
    }
    if (r < this.zeros) return 0;
    r -= this.zeros;
    const pos = this.pos;
    for (let i = 0; i < pos.length; i++) {
      const c = pos[i] as number;
      if (r < c) return Math.min(this.value(this.posOffset + i), this.top);
      r -= c;
    }
    return Infinity;
  }

  /**
   * The type-7 `q`-quantile (0 ≤ q ≤ 1, as `quantileSorted`), within the relative error of the true
   * one; 0 when empty. The top order statistic is the exact maximum.
   */
  quantile(q: number): number {
    const N = this.n;
    if (N === 0) return 0;
    const h = (N - 1) * q;
    const lo = Math.floor(h);
    const x = lo === N - 1 ? this.top : this.kth(lo);
    if (lo + 1 >= N || h === lo) return x;
    const y = lo + 1 === N - 1 ? this.top : this.kth(lo + 1);
    return x + (h - lo) * (y - x);
  }

  /** Mean, p50, p90, p99 (within the relative error) and max (exact); all zeros when empty. */
  summary(): DistributionSummary {
    if (this.n === 0) return { mean: 0, p50: 0, p90: 0, p99: 0, max: 0 };
    return { mean: this.mean, p50: this.quantile(0.5), p90: this.quantile(0.9), p99: this.quantile(0.99), max: this.top };
  }
}
