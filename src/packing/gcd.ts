/**
 * The greatest common divisor of two non-negative integers (Euclid). Sizes and capacities divided
 * by it keep subset-sum tables small.
 * @internal
 * @example
 * ```ts
 * gcd(12, 18); // 6
 * ```
 */
export function gcd(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}
