import { PodsimError, type Issue } from '../errors.js';

function checkSizes(sizes: ArrayLike<number>, capacity: number, fn: string): void {
  const issues: Issue[] = [];
  if (!Number.isSafeInteger(capacity) || capacity <= 0) {
    issues.push({ code: 'invalid_capacity', path: 'capacity', message: `must be a positive integer, got ${String(capacity)}` });
  }
  for (let i = 0; i < sizes.length; i++) {
    const s = sizes[i] as number;
    if (!Number.isSafeInteger(s) || s < 0) {
      issues.push({ code: 'invalid_quantity', path: `sizes[${i}]`, message: `must be a non-negative integer, got ${String(s)}` });
    } else if (Number.isSafeInteger(capacity) && s > capacity) {
      issues.push({ code: 'does_not_fit', path: `sizes[${i}]`, message: `${s} exceeds the capacity ${capacity}` });
    }
  }
  if (issues.length > 0) throw new PodsimError(issues, `invalid ${fn}() input`);
}

function ceilDiv(x: bigint, c: bigint): bigint {
  return x <= 0n ? 0n : (x + c - 1n) / c;
}

/**
 * The continuous lower bound L1 on the number of bins: ⌈Σ sizes / capacity⌉.
 * Sizes and capacity are non-negative integers; every size must fit in one bin.
 * Sums are exact (computed with `bigint`), however large.
 *
 * @param sizes - Item sizes in base units.
 * @param capacity - The bin capacity, a positive integer.
 * @throws PodsimError when a size is not a non-negative integer or exceeds the capacity.
 * @example
 * ```ts
 * lowerBoundL1([60, 60, 60], 100); // 2
 * ```
 */
export function lowerBoundL1(sizes: ArrayLike<number>, capacity: number): number {
  checkSizes(sizes, capacity, 'lowerBoundL1');
  let total = 0n;
  for (let i = 0; i < sizes.length; i++) total += BigInt(sizes[i] as number);
  return Number(ceilDiv(total, BigInt(capacity)));
}

/**
 * The Martello–Toth lower bound L2 on the number of bins (Martello & Toth, 1990). For every
 * threshold K with 0 ≤ K ≤ C/2, items larger than C − K each need their own bin, items in
 * (C/2, C − K] need one bin each too, and items in [K, C/2] can only use the room those
 * bins leave over, or new bins:
 *
 * L(K) = |J1| + |J2| + max(0, ⌈(Σ J3 − (|J2|·C − Σ J2)) / C⌉),  L2 = max over K of L(K).
 *
 * It suffices to try K = 0 and each distinct size ≤ C/2; the sweep costs O(n log n).
 * L2 ≥ L1 always holds (K = 0 gives at least L1).
 *
 * @param sizes - Item sizes in base units.
 * @param capacity - The bin capacity, a positive integer.
 * @throws PodsimError when a size is not a non-negative integer or exceeds the capacity.
 * @example
 * ```ts
 * lowerBoundL2([60, 60, 60], 100); // 3, while L1 is 2
 * ```
 */
export function lowerBoundL2(sizes: ArrayLike<number>, capacity: number): number {
  checkSizes(sizes, capacity, 'lowerBoundL2');
  const n = sizes.length;
  if (n === 0) return 0;
  const asc = Float64Array.from(sizes as ArrayLike<number>).sort();
  const c = capacity;
  const C = BigInt(c);
  // prefix[i] = sum of asc[0..i)
  const prefix: bigint[] = new Array<bigint>(n + 1);
  prefix[0] = 0n;
  for (let i = 0; i < n; i++) prefix[i + 1] = (prefix[i] as bigint) + BigInt(asc[i] as number);
  // h = number of items with 2w <= C (the first h in ascending order)
  let h = 0;
  while (h < n && 2 * (asc[h] as number) <= c) h++;
  let best = 0n;
  let hi = n; // first index with w > C - K; shrinks as K grows
  let lo = 0; // first index with w >= K
  let k = 0;
  for (;;) {
    while (lo < n && (asc[lo] as number) < k) lo++;
    while (hi > h && (asc[hi - 1] as number) > c - k) hi--;
    const n1 = BigInt(n - hi);
    const n2 = BigInt(hi - h);
    const s2 = (prefix[hi] as bigint) - (prefix[h] as bigint);
    const s3 = lo < h ? (prefix[h] as bigint) - (prefix[lo] as bigint) : 0n;
    const l = n1 + n2 + ceilDiv(s3 - (n2 * C - s2), C);
    if (l > best) best = l;
    // next distinct size above k among the small items
    let j = lo;
    while (j < h && (asc[j] as number) <= k) j++;
    if (j >= h) break;
    k = asc[j] as number;
  }
  return Number(best);
}
