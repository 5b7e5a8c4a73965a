import { QuantileSketch } from './quantile-sketch.js';
import { grown } from '../util/grown.js';

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

/** The summary of no values: all zeros. @example `new SampleStore().summary() // equals EMPTY_SUMMARY` */
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
 * How much a {@link SampleStore} keeps: every value up to `exactUpTo` of them (not counting zeros),
 * then a {@link QuantileSketch} with relative error `relativeError` in their place.
 *
 * @example
 * ```ts
 * const bound: SampleBound = { exactUpTo: 1 << 20, relativeError: 0.005 };
 * ```
 */
export interface SampleBound {
  /** Values (other than +0) kept exactly; past this many, the store sketches them. @defaultValue Infinity (always exact) */
  readonly exactUpTo?: number;
  /** The sketch's relative error α (see {@link QuantileSketch}). @defaultValue 0.005 */
  readonly relativeError?: number;
}

/**
 * Keeps every value exactly (8 bytes each, in a growing typed array) so that percentiles are
 * exact rather than sketched. Zeros (the waits of a cluster with room, most of a trace replay's) are
 * only counted, not stored. Adding allocates only when the array doubles.
 *
 * With a {@link SampleBound}, memory is bounded: past `exactUpTo` values the store moves them into a
 * {@link QuantileSketch} (15 KiB for waits from a millisecond to a day) and counts every later one there. Its summaries are then
 * within the sketch's relative error (`relativeError`), the count, maximum and mean exact as before;
 * below the bound they are the exact store's, to the byte.
 *
 * @example
 * ```ts
 * const s = new SampleStore();
 * s.add(3); s.add(1); s.add(2); s.add(0);
 * s.summary().p50; // 1.5
 * const b = new SampleStore(16, { exactUpTo: 2 });
 * b.add(3); b.add(1); b.add(2); // sketched from the third
 * b.relativeError; // 0.005
 * ```
 */
export class SampleStore {
  private data: Float64Array;
  private n = 0;
  private zeros = 0;
  // The mean is summed when asked for (and kept until the next add), so that add() only stores.
  private meanOf = -1;
  private meanValue = 0;
  private readonly exactUpTo: number;
  private readonly alpha: number;
  /** Past `exactUpTo` values: the values other than +0 (the zeros stay counted in `zeros`). */
  private sketch: QuantileSketch | undefined;

  /**
   * @param initialCapacity - Values to make room for up front. @defaultValue 1024
   * @param bound - How many values to keep exactly before sketching them. @defaultValue always exact
   */
  constructor(initialCapacity = 1024, bound: SampleBound = {}) {
    this.exactUpTo = Math.max(0, bound.exactUpTo ?? Infinity);
    this.alpha = bound.relativeError ?? 0.005;
    if (!(this.alpha > 0 && this.alpha < 1)) throw new RangeError(`relativeError must be in (0, 1): ${this.alpha}`);
    this.data = new Float64Array(Math.min(Math.max(16, initialCapacity), this.exactUpTo));
  }

  /** Number of values. */
  get count(): number {
    return this.n + this.zeros + (this.sketch?.count ?? 0);
  }

  /** Whether the values are sketched (the store passed its `exactUpTo`): its summaries are then within {@link SampleStore.relativeError}. */
  get sketched(): boolean {
    return this.sketch !== undefined;
  }

  /** The relative error of the summaries' quantiles: 0 while exact. */
  get relativeError(): number {
    return this.sketch === undefined ? 0 : this.alpha;
  }

  /** Adds a value. */
  add(x: number): void {
    if (x === 0 && 1 / x > 0) {
      // +0 only: −0 is stored, so that summaries keep its sign.
      this.zeros++;
      return;
    }
    if (this.n === this.data.length) {
      this.full(x);
      return;
    }
    this.data[this.n++] = x;
  }

  // The array is full (out of add, so that add stays small enough to inline where it is called):
  // doubles it up to the bound, or sketches past it (then the array stays empty and every value comes here).
  private full(x: number): void {
    if (this.sketch === undefined && this.n < this.exactUpTo) {
      this.data = grown(this.data, Math.min(this.data.length * 2, this.exactUpTo));
      this.data[this.n++] = x;
      return;
    }
    if (this.sketch === undefined) {
      const s = (this.sketch = new QuantileSketch(this.alpha));
      for (let i = 0; i < this.n; i++) s.add(this.data[i] as number);
      this.data = new Float64Array(0);
      this.n = 0;
    }
    this.sketch.add(x);
  }

  /** The sketch with the zeros counted in it (a copy), and `extra` values added. */
  private sketchWith(extra?: ArrayLike<number>): QuantileSketch {
    const s = (this.sketch as QuantileSketch).clone();
    s.addZeros(this.zeros);
    if (extra !== undefined) for (let i = 0; i < extra.length; i++) s.add(extra[i] as number);
    return s;
  }

  /** The mean, from a Neumaier-compensated sum of the values. */
  get mean(): number {
    const count = this.count;
    if (this.meanOf !== count) {
      this.meanValue = count === 0 ? 0 : this.sketch !== undefined ? this.sketch.sum / count : compensatedMean(this.data, this.n, count);
      this.meanOf = count;
    }
    return this.meanValue;
  }

  /**
   * Copies the values (in the order added, the +0 values last) into `target` from `offset`; returns
   * the offset after the last one. For merging stores without a sort per store. With `withZeros`
   * false, the +0 values are left out (see {@link SampleStore.zeroCount}).
   *
   * @example
   * ```ts
   * const all = new Float64Array(a.count + b.count);
   * b.copyTo(all, a.copyTo(all, 0));
   * ```
   */
  copyTo(target: Float64Array, offset: number, withZeros = true): number {
    this.exact('copyTo');
    target.set(this.data.subarray(0, this.n), offset);
    if (!withZeros) return offset + this.n;
    // The zeros counted but not stored (see add).
    target.fill(0, offset + this.n, offset + this.n + this.zeros);
    return offset + this.n + this.zeros;
  }

  /** How many of the values are +0: {@link SampleStore.add} counts them without storing them. */
  get zeroCount(): number {
    return this.zeros;
  }

  private exact(what: string): void {
    if (this.sketch !== undefined) throw new Error(`SampleStore.${what}: the values are sketched (more than exactUpTo = ${this.exactUpTo}); use summary()`);
  }

  /** The values so far, sorted ascending (a new array). Throws once the values are sketched. */
  sorted(): Float64Array {
    this.exact('sorted');
    const out = new Float64Array(this.n + this.zeros);
    out.set(this.data.subarray(0, this.n));
    return out.sort();
  }

  /**
   * Mean, p50, p90, p99 and max, exactly (type-7 quantiles). Uses selection rather than a full sort:
   * each quantile partitions a copy in expected linear time, the next search starting where the last ended.
   */
  summary(): DistributionSummary {
    if (this.count === 0) return EMPTY_SUMMARY;
    if (this.sketch !== undefined) return this.sketchWith().summary();
    // The zeros counted but not stored are ranked without being written out.
    return summarizeInPlace(this.data.slice(0, this.n), this.mean, this.zeros);
  }

  /**
   * The summary of these values and `extra` ones (the store is not changed): exact, the summary of
   * the values in the order added, then `extra`, as {@link summarizeValues} makes it; sketched, within
   * the relative error.
   *
   * @example
   * ```ts
   * const s = new SampleStore();
   * s.add(1);
   * s.summaryWith(Float64Array.of(3)).mean; // 2
   * ```
   */
  summaryWith(extra: Float64Array): DistributionSummary {
    if (this.sketch !== undefined) return this.count + extra.length === 0 ? EMPTY_SUMMARY : this.sketchWith(extra).summary();
    const all = new Float64Array(this.n + extra.length);
    all.set(this.data.subarray(0, this.n));
    all.set(extra, this.n);
    return summarizeValues(all, this.zeros);
  }

  /**
   * The summary of several stores' values and of `extra[i]` with store i, as one set (the stores are
   * not changed); and its relative error (0 when every store is exact: then the values in store order,
   * each followed by its extras, are summarised exactly).
   *
   * @example
   * ```ts
   * const { summary, relativeError } = SampleStore.summaryOfAll([a, b], [new Float64Array(0), Float64Array.of(9)]);
   * ```
   */
  static summaryOfAll(stores: readonly SampleStore[], extra: readonly Float64Array[]): { summary: DistributionSummary; relativeError: number } {
    const sketched = stores.find((s) => s.sketched);
    if (sketched === undefined) {
      let n = 0, zeros = 0;
      stores.forEach((s, i) => { n += s.n + (extra[i]?.length ?? 0); zeros += s.zeros; });
      const all = new Float64Array(n);
      let o = 0;
      stores.forEach((s, i) => {
        all.set(s.data.subarray(0, s.n), o);
        o += s.n;
        const e = extra[i];
        if (e !== undefined) { all.set(e, o); o += e.length; }
      });
      return { summary: summarizeValues(all, zeros), relativeError: 0 };
    }
    const merged = new QuantileSketch(sketched.alpha);
    stores.forEach((s, i) => {
      if (s.sketch !== undefined) merged.merge(s.sketch);
      else for (let k = 0; k < s.n; k++) merged.add(s.data[k] as number);
      merged.addZeros(s.zeros);
      const e = extra[i];
      if (e !== undefined) for (let k = 0; k < e.length; k++) merged.add(e[k] as number);
    });
    return { summary: merged.count === 0 ? EMPTY_SUMMARY : merged.summary(), relativeError: sketched.alpha };
  }
}

/**
 * Rows of samples taken together, `width` values per row, in one growing typed array: one call per
 * row instead of one per value, for hot loops that record several measures of the same thing (a
 * container's P_a, P_d, P_s, …). A value of NaN means "none" and is left out of its column's summary.
 *
 * @example
 * ```ts
 * const t = new SampleTable(2);
 * let o = t.append(); t.values[o] = 1; t.values[o + 1] = 10;
 * o = t.append(); t.values[o] = 3; t.values[o + 1] = NaN;
 * t.summary(0).mean; // 2
 * t.summary(1).max;  // 10
 * ```
 */
export class SampleTable {
  private data: Float64Array;
  private rows = 0;

  /**
   * @param width - Values per row.
   * @param initialRows - Rows to make room for up front. @defaultValue 1024
   */
  constructor(readonly width: number, initialRows = 1024) {
    this.data = new Float64Array(Math.max(16, initialRows) * width);
  }

  /** Number of rows. */
  get count(): number {
    return this.rows;
  }

  /** The backing array: row r's values are at `r · width` to `r · width + width − 1`. */
  get values(): Float64Array {
    return this.data;
  }

  /** Appends a row and returns the offset of its first value in {@link SampleTable.values}; write the row there. */
  append(): number {
    const o = this.rows * this.width;
    if (o + this.width > this.data.length) this.data = grown(this.data, this.data.length * 2);
    this.rows++;
    return o;
  }

  /** Mean, p50, p90, p99 and max of one column, exactly, leaving out NaN ("none"). */
  summary(column: number): DistributionSummary {
    return this.summaryWhere(column, -1, 0);
  }

  /**
   * Like {@link SampleTable.summary}, over the rows whose value in column `keyColumn` equals `key`
   * (every row when `keyColumn` is -1): one group's summary from a table that holds many (a
   * workload's, when a column holds the workload's index). With `rows`, over the first `rows` rows
   * only (the table as it was then: rows are only ever appended). @defaultValue rows: every row
   *
   * @example
   * ```ts
   * const t = new SampleTable(2);
   * let o = t.append(); t.values[o] = 0; t.values[o + 1] = 5;
   * o = t.append(); t.values[o] = 1; t.values[o + 1] = 7;
   * t.summaryWhere(1, 0, 1).mean; // 7
   * ```
   */
  summaryWhere(column: number, keyColumn: number, key: number, rows = this.rows): DistributionSummary {
    const a = new Float64Array(rows);
    let n = 0;
    const w = this.width, d = this.data, end = rows * w;
    for (let r = 0; r < end; r += w) {
      const x = d[r + column] as number;
      if (x === x && (keyColumn < 0 || d[r + keyColumn] === key)) a[n++] = x;
    }
    return n === 0 ? EMPTY_SUMMARY : summarizeInPlace(a.subarray(0, n), compensatedMean(a, n));
  }

}

/**
 * Mean (Neumaier-compensated), p50, p90, p99 and max of `values`, exactly (type-7 quantiles), by
 * selection rather than a full sort. Reorders `values` in place; all zeros for none. `zeros` more
 * values of +0 count as if they were in `values` (ranked without being written out). @defaultValue zeros: 0
 *
 * @example
 * ```ts
 * summarizeValues(Float64Array.of(3, 1, 2)).p50; // 2
 * ```
 */
export function summarizeValues(values: Float64Array, zeros = 0): DistributionSummary {
  const count = values.length + zeros;
  return count === 0 ? EMPTY_SUMMARY : summarizeInPlace(values, compensatedMean(values, values.length, count), zeros);
}

// The mean of a[0..n) by a Neumaier-compensated sum; with `count` > n, of those and count − n zeros.
function compensatedMean(a: Float64Array, n: number, count = n): number {
  if (count === 0) return 0;
  // In chunks, so that the loop runs in a function called often: V8 then compiles it whole with the
  // sums unboxed, where one long loop in a function called once is compiled on the fly (on-stack
  // replacement) with the sums boxed, one heap number per value. The same additions in the same order.
  SUMS[0] = 0;
  SUMS[1] = 0;
  for (let i = 0; i < n; i += SUM_CHUNK) addCompensated(a, i, i + SUM_CHUNK < n ? i + SUM_CHUNK : n);
  return ((SUMS[0] as number) + (SUMS[1] as number)) / count;
}

const SUM_CHUNK = 256;
// The running sum and its compensation (Neumaier), carried from one chunk to the next.
const SUMS = new Float64Array(2);

// Adds a[from..to) to SUMS.
function addCompensated(a: Float64Array, from: number, to: number): void {
  let total = SUMS[0] as number, comp = SUMS[1] as number;
  for (let i = from; i < to; i++) {
    const x = a[i] as number;
    const t = total + x;
    comp += Math.abs(total) >= Math.abs(x) ? total - t + x : x - t + total;
    total = t;
  }
  SUMS[0] = total;
  SUMS[1] = comp;
}

// p50, p90, p99 and max of the values of a together with `zeros` more values of +0 that are not
// stored (at least one value in all; a is reordered in place), with the given mean. The quantiles are
// order statistics of that multiset, found by selection: a is first split by sign into
// [negatives | zeros | positives], so that a rank falls in one part (the zeros not stored make the
// middle part longer without being written), and each search starts where the last one ended.
function summarizeInPlace(a: Float64Array, mean: number, zeros = 0): DistributionSummary {
  const m = a.length, N = m + zeros;
  // a[0..L) < 0, a[L..Z0) == 0, a[Z0..m) > 0.
  let L = 0, Z0 = 0;
  // Split only when some stored value is not positive: a wait store holds positive values only (its
  // +0 are counted), and then the split is all there is already (a read, instead of a swap per value).
  if (zeros > 0 && !allPositive(a, 0, m)) {
    let gt = m - 1, i = 0;
    while (i <= gt) {
      const v = a[i] as number;
      if (v < 0) swap(a, L++, i++);
      else if (v > 0) swap(a, i, gt--);
      else i++;
    }
    Z0 = i;
  }
  // Rank k of the whole (0-based) → index in a; -1 for one of the zeros not stored.
  const zEnd = Z0 + zeros; // ranks [L, zEnd) are zeros (stored or not)
  const at = (k: number): number => (k < L ? k : k < zEnd ? -1 : k - zeros);
  let from = 0;
  // The k-th smallest: the part it falls in is searched from where the last search ended.
  const kth = (k: number): number => {
    const i = at(k);
    if (i < 0) return 0;
    const left = i < L ? 0 : Z0;
    const right = i < L ? L - 1 : m - 1;
    if (from < left) from = left;
    select(a, i, from, right);
    from = i;
    return a[i] as number;
  };
  const q = (p: number): number => {
    const h = (N - 1) * p;
    const lo = Math.floor(h);
    const x = kth(lo);
    if (lo + 1 >= N || h === lo) return x;
    // The next order statistic: one of the zeros, or the smallest of its part from its index on
    // (in lo's part, select left everything after lo's index no smaller; in the next part, that is all of it).
    const j = at(lo + 1);
    const y = j < 0 ? 0 : smallest(a, j, j < L ? L : m);
    return x + (h - lo) * (y - x);
  };
  const p50 = q(0.5), p90 = q(0.9), p99 = q(0.99);
  let max = -Infinity;
  if (Z0 < m) for (let i = from > Z0 ? from : Z0; i < m; i++) { if ((a[i] as number) > max) max = a[i] as number; }
  else if (zEnd > L) max = 0;
  else for (let i = from; i < L; i++) if ((a[i] as number) > max) max = a[i] as number;
  return { mean, p50, p90, p99, max };
}

// Puts the k-th smallest of a[left..right] at a[k], values no larger before it and no smaller after
// (Floyd and Rivest's selection, CACM 18(3), 1975, algorithm 489: on a long range it first selects
// within a sample around k, so that the pivot a[k] lands close to its rank and one partition leaves
// little to search: about n + min(k, n − k) comparisons instead of quickselect's 2–3 n. The partition
// stops on values equal to the pivot from both sides, so that runs of equal values, such as the many
// zero waits of a lightly loaded queue, split evenly and stay linear). Which of two equal values lands
// where is not defined (a -0 and a +0 among the values may come out either way); the value at a[k] is.
function select(a: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    if (right - left > 600) {
      // The sample's range: s values around k's relative rank, widened by sd so that the k-th value
      // falls inside it with high probability (the constants are Floyd and Rivest's).
      const n = right - left + 1, i = k - left + 1, z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (i < n / 2 ? -1 : 1);
      const l = Math.floor(k - (i * s) / n + sd), r = Math.floor(k + ((n - i) * s) / n + sd);
      select(a, k, l > left ? l : left, r < right ? r : right);
    }
    const t = a[k] as number;
    swap(a, left, k);
    if ((a[right] as number) > t) swap(a, left, right);
    PART[0] = left;
    PART[1] = right;
    while (!exchange(a, t, EXCHANGES)) { /* the next exchanges */ }
    let j = PART[1] as number;
    if (a[left] === t) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    // a[left..j) ≤ t = a[j] ≤ a(j..right].
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

// The long scans of a summary run in chunks of SCAN values, each a call of a small function that
// V8 then compiles whole (see compensatedMean): a loop run once over every value would run unoptimized
// first, then compiled on the fly.
const SCAN = 256;

// Whether every value of a[from..to) is > 0 (none is negative, a zero or NaN).
function allPositive(a: Float64Array, from: number, to: number): boolean {
  for (let c = from; c < to; c += SCAN) if (!positiveIn(a, c, c + SCAN < to ? c + SCAN : to)) return false;
  return true;
}

function positiveIn(a: Float64Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!((a[i] as number) > 0)) return false;
  return true;
}

// The smallest of a[from..to) (the first of equal ones), Infinity for none.
function smallest(a: Float64Array, from: number, to: number): number {
  let y = Infinity;
  for (let c = from; c < to; c += SCAN) {
    const x = smallestIn(a, c, c + SCAN < to ? c + SCAN : to);
    if (x < y) y = x;
  }
  return y;
}

function smallestIn(a: Float64Array, from: number, to: number): number {
  let y = Infinity;
  for (let i = from; i < to; i++) if ((a[i] as number) < y) y = a[i] as number;
  return y;
}

const EXCHANGES = 256;
// The partition's i and j, carried from one call of exchange to the next.
const PART = new Int32Array(2);

// Up to `steps` exchanges of select's partition around t; whether it is done (i ≥ j). In steps, so
// that the loop runs in a function called often (see compensatedMean): select runs a few times per
// summary, and its long loops would otherwise run unoptimized, then compiled on the fly.
function exchange(a: Float64Array, t: number, steps: number): boolean {
  let i = PART[0] as number, j = PART[1] as number;
  for (; i < j && steps > 0; steps--) {
    swap(a, i, j);
    i++;
    j--;
    while ((a[i] as number) < t) i++;
    while ((a[j] as number) > t) j--;
  }
  PART[0] = i;
  PART[1] = j;
  return i >= j;
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
}
