import { waterFillInto } from './water-fill-into.js';

/**
 * The hot-path form of {@link shareCpu}: the CFS share of `capacity` millicores for `n` containers
 * given their weights (see {@link cpuShares}) and caps (see {@link cpuCap}) in typed arrays. Writes
 * the rates (millicores, may be fractional) to `out` and allocates nothing.
 *
 * @param capacity - The host's CPU in millicores.
 * @param weights - `cpu.shares` per container.
 * @param caps - Most millicores each container can use (limit, threads).
 * @param n - How many containers.
 * @param out - Receives the rates.
 * @param scratch - Optional workspace of at least `n` entries.
 * @returns The CPU in use, `Σ out[i]`.
 * @example
 * ```ts
 * const out = new Float64Array(2);
 * shareCpuInto(1000, Float64Array.of(2048, 1024), Float64Array.of(4000, 4000), 2, out);
 * // out → [666.67, 333.33]
 * ```
 */
export function shareCpuInto(
  capacity: number,
  weights: Float64Array,
  caps: Float64Array,
  n: number,
  out: Float64Array,
  scratch?: Int32Array,
): number {
  return waterFillInto(capacity, weights, caps, n, out, scratch);
}
