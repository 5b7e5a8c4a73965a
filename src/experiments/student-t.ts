/**
 * P(|T| ≤ t) for Student's t with a whole number ν ≥ 1 of degrees of freedom, from the finite
 * trigonometric series of Abramowitz & Stegun 26.7.3 (ν odd) and 26.7.4 (ν even), with
 * θ = atan(t/√ν). The series is exact for whole ν, needs no gamma function, and every term is
 * positive, so nothing cancels; it is summed until its terms no longer change the total.
 *
 * @internal
 * @example
 * ```ts
 * studentTTwoSided(2.2622, 9); // 0.95000…
 * ```
 */
export function studentTTwoSided(t: number, df: number): number {
  if (!(Number.isInteger(df) && df >= 1)) throw new RangeError(`studentT: degrees of freedom must be a whole number ≥ 1, got ${df}`);
  if (t === Infinity) return 1;
  return twoSidedAt(Math.atan(Math.abs(t) / Math.sqrt(df)), df);
}

function twoSidedAt(theta: number, df: number): number {
  const s = Math.sin(theta), c = Math.cos(theta), c2 = c * c;
  if (df === 1) return (2 * theta) / Math.PI;
  if (df % 2 === 1) {
    // θ + sinθ·cosθ·(1 + (2/3)cos²θ + (2·4)/(3·5)cos⁴θ + … + (2·4…(ν−3))/(3·5…(ν−2))cos^(ν−3)θ)
    let term = 1, sum = 1;
    for (let k = 1; k <= (df - 3) / 2; k++) {
      term *= (c2 * (2 * k)) / (2 * k + 1);
      const next = sum + term;
      if (next === sum) break;
      sum = next;
    }
    return (2 / Math.PI) * (theta + s * c * sum);
  }
  // sinθ·(1 + (1/2)cos²θ + (1·3)/(2·4)cos⁴θ + … + (1·3…(ν−3))/(2·4…(ν−2))cos^(ν−2)θ)
  let term = 1, sum = 1;
  for (let k = 1; k <= (df - 2) / 2; k++) {
    term *= (c2 * (2 * k - 1)) / (2 * k);
    const next = sum + term;
    if (next === sum) break;
    sum = next;
  }
  return s * sum;
}

/**
 * The p-quantile of Student's t distribution with `df` (a whole number ≥ 1) degrees of freedom,
 * for 0 < p < 1: the t such that P(T ≤ t) = p. Found by bisection on θ = atan(t/√ν) ∈ (0, π/2),
 * over which P(|T| ≤ t) rises monotonically, to the last bit of a double.
 *
 * @example
 * ```ts
 * studentTQuantile(0.975, 9);  // 2.2621571…
 * studentTQuantile(0.95, 29);  // 1.6991270…
 * ```
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`studentTQuantile: p must be strictly between 0 and 1, got ${p}`);
  if (!(Number.isInteger(df) && df >= 1)) throw new RangeError(`studentTQuantile: degrees of freedom must be a whole number ≥ 1, got ${df}`);
  if (p === 0.5) return 0;
  const target = Math.abs(2 * p - 1);
  let lo = 0, hi = Math.PI / 2;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (twoSidedAt(mid, df) < target) lo = mid;
    else hi = mid;
  }
  const t = Math.sqrt(df) * Math.tan((lo + hi) / 2);
  return p > 0.5 ? t : -t;
}
