/** Subsets of up to this many units are counted. */
export const COUNT_DEPTH = 3;

/**
 * How many subsets of up to {@link COUNT_DEPTH} units of a changing set sum to each value
 * 0 .. S (sizes divided by their gcd), and from that how many ways a unit can be completed: the
 * tables behind the "most constrained first" seeds of bin completion. Counts are exact
 * (integers far below 2⁵³). Arrays grow on demand and are reused.
 * @internal
 * @example
 * ```ts
 * const c = new SubsetCounts();
 * c.reset(10);
 * for (const w of [3, 7, 5, 5]) c.add(w);
 * c.sumPrefixes();
 * c.completions(3, 7, 7); // 1: only {7} completes the 3 to exactly 10
 * ```
 */
export class SubsetCounts {
  private S = 0;
  /** counts[t·(S + 1) + x]: subsets of t units that sum to x. */
  private counts = new Float64Array(0);
  /** prefix[t·(S + 2) + x]: Σ counts[t·(S + 1) + y] for y < x. */
  private prefix = new Float64Array(0);

  /** Empties the set, for sums 0 .. S. */
  reset(S: number): void {
    this.S = S;
    const size = (COUNT_DEPTH + 1) * (S + 1);
    if (this.counts.length < size) {
      this.counts = new Float64Array(size);
      this.prefix = new Float64Array((COUNT_DEPTH + 1) * (S + 2));
    }
    this.counts.fill(0, 0, size);
    this.counts[0] = 1;
  }

  /** Adds a unit of size w. */
  add(w: number): void {
    const { S, counts: c } = this;
    const row = S + 1;
    for (let t = COUNT_DEPTH; t >= 1; t--) {
      const dst = t * row;
      const src = (t - 1) * row;
      for (let x = S; x >= w; x--) c[dst + x] = (c[dst + x] as number) + (c[src + x - w] as number);
    }
  }

  /** Removes a unit of size w (one that was added). */
  remove(w: number): void {
    const { S, counts: c } = this;
    const row = S + 1;
    for (let t = 1; t <= COUNT_DEPTH; t++) {
      const dst = t * row;
      const src = (t - 1) * row;
      for (let x = w; x <= S; x++) c[dst + x] = (c[dst + x] as number) - (c[src + x - w] as number);
    }
  }

  /** Prepares {@link SubsetCounts.completions} for the current set. */
  sumPrefixes(): void {
    const { S, counts: c, prefix: p } = this;
    const row = S + 1;
    for (let t = 0; t <= COUNT_DEPTH; t++) {
      let acc = 0;
      const base = t * row;
      const pBase = t * (row + 1);
      for (let x = 0; x <= S; x++) {
        p[pBase + x] = acc;
        acc += c[base + x] as number;
      }
      p[pBase + S + 1] = acc;
    }
  }

  /**
   * How many subsets of up to COUNT_DEPTH other units of the set (the empty one included) sum to
   * a value in [low, hi], for a unit of size w that is itself in the set. By inclusion–exclusion,
   * A_t(W) = Σ_s (−1)^s P_{t−s}(W − s·w), where P_q(W) counts the q-subsets of the whole set with
   * sums in window W. Call {@link SubsetCounts.sumPrefixes} after the set last changed.
   */
  completions(w: number, low: number, hi: number): number {
    const { S, prefix: p } = this;
    const row = S + 1;
    let n = 0;
    for (let t = 0; t <= COUNT_DEPTH; t++) {
      let sign = 1;
      for (let q = t; q >= 0; q--) {
        const shift = (t - q) * w;
        const a = Math.max(low - shift, 0);
        const z = Math.min(hi - shift, S);
        if (a <= z) {
          const pBase = q * (row + 1);
          n += sign * ((p[pBase + z + 1] as number) - (p[pBase + a] as number));
        }
        sign = -sign;
      }
    }
    return n;
  }
}
