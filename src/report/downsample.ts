/**
 * Picks at most `max` indices spread evenly over `0 … n-1`, always keeping the first and the last,
 * so long series draw as small SVGs.
 *
 * @example
 * ```ts
 * evenIndices(10, 4); // [0, 3, 6, 9]
 * ```
 */
export function evenIndices(n: number, max: number): number[] {
  if (n <= 0) return [];
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  if (max < 2) return [0];
  const out: number[] = [];
  for (let k = 0; k < max; k++) out.push(Math.round((k * (n - 1)) / (max - 1)));
  return out;
}

/**
 * Reduces a series to at most `max` buckets of consecutive samples, keeping each bucket's largest
 * value (so spikes in a queue stay visible) at the bucket's first time.
 *
 * @example
 * ```ts
 * maxPerBucket([0, 1, 2, 3], [5, 9, 1, 2], 2); // { time: [0, 2], value: [9, 2] }
 * ```
 */
export function maxPerBucket(time: readonly number[], value: readonly number[], max: number): { time: number[]; value: number[] } {
  const n = Math.min(time.length, value.length);
  if (n <= max) return { time: time.slice(0, n), value: value.slice(0, n) };
  const t: number[] = [], v: number[] = [];
  for (let b = 0; b < max; b++) {
    const lo = Math.floor((b * n) / max), hi = Math.floor(((b + 1) * n) / max);
    let m = -Infinity;
    for (let i = lo; i < hi; i++) m = Math.max(m, value[i] as number);
    t.push(time[lo] as number);
    v.push(m);
  }
  return { time: t, value: v };
}
