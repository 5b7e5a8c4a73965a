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
  private s = 0;
  private c = 0;

  /** Adds a term. */
  add(x: number): void {
    const t = this.s + x;
    // Neumaier: keep the low-order bits lost by whichever operand was smaller.
    if (Math.abs(this.s) >= Math.abs(x)) this.c += this.s - t + x;
    else this.c += x - t + this.s;
    this.s = t;
  }

  /** The compensated total. */
  get value(): number {
    return this.s + this.c;
  }
}
