/** Ciura's gap sequence for Shell sort. */
const GAPS = Int32Array.of(701, 301, 132, 57, 23, 10, 4, 1);

/**
 * Sorts `a[lo .. hi)` (indices into `key`) by decreasing key, ties by increasing index, in place
 * and without allocating (Shell sort with Ciura's gaps; the ranges are short).
 * @internal
 * @example
 * ```ts
 * const a = Int32Array.of(0, 1, 2);
 * sortByKeyDesc(a, 0, 3, Float64Array.of(1, 3, 2)); // a is now [1, 2, 0]
 * ```
 */
export function sortByKeyDesc(a: Int32Array, lo: number, hi: number, key: Float64Array): void {
  for (let g = 0; g < GAPS.length; g++) {
    const gap = GAPS[g] as number;
    if (gap >= hi - lo) continue;
    for (let i = lo + gap; i < hi; i++) {
      const v = a[i] as number;
      const kv = key[v] as number;
      let j = i;
      while (j - gap >= lo) {
        const w = a[j - gap] as number;
        const kw = key[w] as number;
        if (kw > kv || (kw === kv && w < v)) break;
        a[j] = w;
        j -= gap;
      }
      a[j] = v;
    }
  }
}
