/**
 * Adds `x` to the compensated sum kept at `sums[i]` with its compensation at `comps[i]`
 * (Neumaier's step: the low-order bits lost by whichever operand is smaller go to the compensation).
 * The in-place form for hot loops over many sums; {@link CompensatedSum} is the same step on one.
 *
 * @example
 * ```ts
 * const s = new Float64Array(2), c = new Float64Array(2);
 * for (let k = 0; k < 10; k++) compensatedAdd(s, c, 1, 0.1);
 * s[1]! + c[1]!; // 1 exactly
 * ```
 */
export function compensatedAdd(sums: Float64Array, comps: Float64Array, i: number, x: number): void {
  const s = sums[i] as number;
  const t = s + x;
  comps[i] = (comps[i] as number) + (Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s);
  sums[i] = t;
}

/**
 * A running sum with Neumaier's compensation, so that adding millions of small terms to a large
 * total loses no precision (the error stays O(ε), independent of the number of terms).
 *
 * @example
 * ```ts
 * const s = new CompensatedSum();
 * for (let i = 0; i < 10; i++) s.add(0.1);
 * s.value; // 1 exactly, where a plain loop gives 0.9999999999999999
 * ```
 */
export class CompensatedSum {
  private readonly s = new Float64Array(1);
  private readonly c = new Float64Array(1);

  /** Adds a term. */
  add(x: number): void {
    compensatedAdd(this.s, this.c, 0, x);
  }

  /** The compensated total. */
  get value(): number {
    return (this.s[0] as number) + (this.c[0] as number);
  }
}
