/**
 * One point of a memory profile: `bytes` in use `t` seconds after the container started.
 *
 * @example
 * ```ts
 * const p: MemoryPoint = { t: 30, bytes: 512 * 2 ** 20 };
 * ```
 */
export interface MemoryPoint {
  /** Seconds since the container started. */
  readonly t: number;
  /** Bytes in use at that time. */
  readonly bytes: number;
}

/**
 * A container's memory usage over its run: a constant number of bytes, or points joined by straight
 * lines (flat before the first point and after the last), with times strictly increasing.
 *
 * @example
 * ```ts
 * const ramp: MemoryProfile = [{ t: 0, bytes: 100e6 }, { t: 60, bytes: 900e6 }];
 * ```
 */
export type MemoryProfile = number | ReadonlyArray<MemoryPoint>;

/**
 * Index of the last point with `p.t <= t`, or -1 before the first (binary search, no allocation):
 * the segment that holds `t`, right-continuous at a point.
 * @internal
 * @example
 * ```ts
 * segmentOf([{ t: 0, bytes: 1 }, { t: 10, bytes: 2 }], 10); // 1
 * ```
 */
export function segmentOf(points: ReadonlyArray<MemoryPoint>, t: number): number {
  let lo = -1;
  let hi = points.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((points[mid] as MemoryPoint).t <= t) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * Memory in use at `t` seconds after start. Between points the value is interpolated linearly, so it
 * may be a fractional number of bytes there. O(log points), no allocation.
 *
 * @param profile - The usage profile (validated with {@link checkMemoryProfile}).
 * @param t - Seconds since the container started.
 * @example
 * ```ts
 * memoryAt(256, 10);                                           // 256
 * memoryAt([{ t: 0, bytes: 100 }, { t: 10, bytes: 200 }], 5);  // 150
 * ```
 */
export function memoryAt(profile: MemoryProfile, t: number): number {
  if (typeof profile === 'number') return profile;
  const n = profile.length;
  if (n === 0) return 0;
  const i = segmentOf(profile, t);
  if (i < 0) return (profile[0] as MemoryPoint).bytes;
  if (i >= n - 1) return (profile[n - 1] as MemoryPoint).bytes;
  const a = profile[i] as MemoryPoint;
  const b = profile[i + 1] as MemoryPoint;
  return a.bytes + ((b.bytes - a.bytes) * (t - a.t)) / (b.t - a.t);
}

/**
 * The first time at or after `from` when usage exceeds `bytes` (the moment a memory limit is crossed:
 * an OOM kill), or `Infinity` if it never does. For a crossing inside a rising segment this is the
 * time usage reaches `bytes`; at `from` itself, usage already above returns `from`.
 *
 * @param profile - The usage profile.
 * @param bytes - The limit.
 * @param from - Seconds since start to look from. @defaultValue 0
 * @example
 * ```ts
 * firstTimeAbove([{ t: 0, bytes: 0 }, { t: 10, bytes: 1000 }], 500); // 5
 * firstTimeAbove(100, 500);                                          // Infinity
 * ```
 */
export function firstTimeAbove(profile: MemoryProfile, bytes: number, from = 0): number {
  if (memoryAt(profile, from) > bytes) return from;
  if (typeof profile === 'number') return Infinity;
  const n = profile.length;
  for (let i = Math.max(0, segmentOf(profile, from)); i < n - 1; i++) {
    const a = profile[i] as MemoryPoint;
    const b = profile[i + 1] as MemoryPoint;
    if (b.bytes > bytes && b.t > from) {
      // The segment rises above the limit; a is at or below it (else an earlier check would have hit).
      const t = a.bytes >= bytes ? a.t : a.t + ((bytes - a.bytes) * (b.t - a.t)) / (b.bytes - a.bytes);
      return Math.max(t, from);
    }
  }
  return Infinity;
}
