/**
 * Adds `x` to the compensated sum kept at `a[i]`, with its compensation at `a[i + 1]` (Neumaier's
 * step: the low-order bits lost by whichever operand is smaller go to the compensation; the total is
 * `a[i] + a[i + 1]`). The in-place form for hot loops over many sums; {@link CompensatedSum} is the
 * same step on one.
 *
 * @example
 * ```ts
 * const a = new Float64Array(2);
 * for (let k = 0; k < 10; k++) compensatedAdd(a, 0, 0.1);
 * a[0]! + a[1]!; // 1 exactly
 * ```
 */
export function compensatedAdd(a: Float64Array, i: number, x: number): void {
  const s = a[i] as number;
  const t = s + x;
  a[i + 1] = (a[i + 1] as number) + (Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s);
  a[i] = t;
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
  private readonly a = new Float64Array(2);

  /** Adds a term. */
  add(x: number): void {
    compensatedAdd(this.a, 0, x);
  }

  /** The compensated total. */
  get value(): number {
    return (this.a[0] as number) + (this.a[1] as number);
  }
}
