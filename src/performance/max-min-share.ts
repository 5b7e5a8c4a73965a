import { waterFillInto } from './water-fill-into.js';

/**
 * Max-min fair shares of a link (a host's NIC) among flows (data transfers and image pulls), each
 * flow limited by its own cap (for a pull, the registry's bandwidth). With `weights`, the share is
 * weighted max-min; without, all flows weigh the same. Same kernel as CPU sharing ({@link waterFillInto}).
 *
 * @param capacity - The link's bandwidth in bit/s.
 * @param caps - Each flow's most bit/s (`Infinity` for none).
 * @param weights - Optional weight per flow. @defaultValue 1 for every flow
 * @returns Each flow's rate in bit/s.
 * @example
 * ```ts
 * maxMinShare(1e9, [1e8, Infinity, Infinity]); // [1e8, 4.5e8, 4.5e8]
 * ```
 */
export function maxMinShare(capacity: number, caps: ArrayLike<number>, weights?: ArrayLike<number>): number[] {
  const n = caps.length;
  const out = new Array<number>(n).fill(0);
  maxMinShareInto(capacity, caps, n, out, weights);
  return out;
}

let ones = new Float64Array(64).fill(1);

/**
 * The allocation-free form of {@link maxMinShare}, writing the first `n` rates into `out`.
 *
 * @param capacity - The link's bandwidth in bit/s.
 * @param caps - Each flow's cap.
 * @param n - How many flows.
 * @param out - Receives the rates.
 * @param weights - Optional weight per flow; pass a filled array on hot paths. @defaultValue all 1
 * @param scratch - Optional workspace of at least `n` entries.
 * @returns The bandwidth in use.
 * @example
 * ```ts
 * const out = new Float64Array(2);
 * maxMinShareInto(1e9, Float64Array.of(2e8, Infinity), 2, out, Float64Array.of(1, 1)); // out → [2e8, 8e8]
 * ```
 */
export function maxMinShareInto(
  capacity: number,
  caps: ArrayLike<number>,
  n: number,
  out: { [i: number]: number; readonly length: number },
  weights?: ArrayLike<number>,
  scratch?: Int32Array,
): number {
  if (weights === undefined && ones.length < n) ones = new Float64Array(Math.max(n, ones.length * 2)).fill(1);
  return waterFillInto(capacity, weights ?? ones, caps, n, out, scratch);
}
