let shared = new Int32Array(64);

/**
 * The one water-filling kernel behind CPU sharing ({@link shareCpuInto}) and network sharing
 * ({@link maxMinShareInto}): divides `capacity` among `n` claimants by **work-conserving weighted
 * max-min fairness**. Claimant `i` gets `min(caps[i], weights[i] · λ)`, where the water level λ is
 * the largest value for which the rates still fit in `capacity`; if every claimant reaches its cap,
 * the rates are the caps and some capacity stays idle.
 *
 * It allocates nothing: it works in `out` and in `scratch` (or an internal buffer reused across calls).
 * Each round computes λ = C / W over the claimants not yet capped, caps every claimant whose cap is
 * at most `weights[i] · λ`, and stops when a round caps nobody. A round removes at least one
 * claimant, so the cost is O(n · r) for r rounds (r is small in practice, at most n).
 *
 * Preconditions: weights are positive (a claimant with weight ≤ 0 or cap ≤ 0 gets 0); caps may be
 * `Infinity` (no cap); `capacity` may be `Infinity` (then every claimant gets its cap).
 *
 * @param capacity - What is shared (millicores, bit/s, …).
 * @param weights - Each claimant's weight; only the first `n` entries are read.
 * @param caps - Each claimant's cap (the most it can use).
 * @param n - How many claimants.
 * @param out - Receives the rates; only the first `n` entries are written.
 * @param scratch - Optional workspace of at least `n` entries; an internal buffer is used otherwise.
 * @returns The total handed out, `Σ out[i]`.
 * @example
 * ```ts
 * const out = new Float64Array(3);
 * waterFillInto(1000, Float64Array.of(1, 1, 2), Float64Array.of(100, Infinity, Infinity), 3, out);
 * // out → [100, 300, 600]: the first is capped, the other two split 900 in proportion 1:2
 * ```
 */
export function waterFillInto(
  capacity: number,
  weights: ArrayLike<number>,
  caps: ArrayLike<number>,
  n: number,
  out: { [i: number]: number; readonly length: number },
  scratch?: Int32Array,
): number {
  let active = scratch;
  if (active === undefined || active.length < n) {
    if (shared.length < n) shared = new Int32Array(Math.max(n, shared.length * 2));
    active = shared;
  }
  let m = 0;
  let w = 0;
  for (let i = 0; i < n; i++) {
    const c = caps[i] as number;
    const wi = weights[i] as number;
    if (c > 0 && wi > 0) {
      active[m++] = i;
      w += wi;
    } else out[i] = 0;
  }
  let left = capacity > 0 ? capacity : 0;
  let total = 0;
  while (m > 0) {
    const level = left / w;
    let k = 0;
    for (let j = 0; j < m; j++) {
      const i = active[j] as number;
      const c = caps[i] as number;
      const wi = weights[i] as number;
      if (c <= wi * level) {
        out[i] = c;
        total += c;
        left -= c;
        w -= wi;
      } else active[k++] = i;
    }
    if (k === m) {
      // Nobody reached a cap this round: the rest share what is left at level λ.
      for (let j = 0; j < m; j++) {
        const i = active[j] as number;
        const r = (weights[i] as number) * level;
        out[i] = r;
        total += r;
      }
      break;
    }
    m = k;
    if (left < 0) left = 0;
    if (m > 0 && !(w > 0)) {
      // Rounding left no weight: recompute it exactly from the remaining claimants.
      w = 0;
      for (let j = 0; j < m; j++) w += weights[active[j] as number] as number;
    }
  }
  return total;
}
