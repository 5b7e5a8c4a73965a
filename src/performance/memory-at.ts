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
 * The straight piece of a memory profile that holds a time: usage there, its slope, and when the
 * piece ends. Written by {@link profileSegment}.
 *
 * @example
 * ```ts
 * const seg: ProfileSegment = { bytes: 150, rate: 10, next: 10 };
 * ```
 */
export interface ProfileSegment {
  /** Bytes in use at the time asked. */
  bytes: number;
  /** Slope of the piece, bytes per second (0 before the first point and after the last). */
  rate: number;
  /** Seconds since start when the piece ends: the next point, or `Infinity` after the last. */
  next: number;
}

/**
 * The piece of a profile that holds `t` seconds after start (right-continuous at a point): usage
 * at `t`, the piece's slope, and the time of the next point. Flat before the first point and after
 * the last. O(log points); writes `out` and allocates nothing. The simulator follows each
 * container's memory from piece to piece with it, one event per point.
 *
 * @param points - The profile's points (times strictly increasing, at least one).
 * @param t - Seconds since the container started.
 * @param out - Receives the piece.
 * @param reach - A point at most this many seconds after `t` counts as reached (the piece found is
 *   the one starting there; the usage is still that at `t`): for a `t` computed as a difference of
 *   times, which may fall a hair short of the point it was scheduled for. @defaultValue 0
 * @example
 * ```ts
 * profileSegment([{ t: 0, bytes: 100 }, { t: 10, bytes: 200 }], 5, seg); // seg → { bytes: 150, rate: 10, next: 10 }
 * ```
 */
export function profileSegment(points: ReadonlyArray<MemoryPoint>, t: number, out: ProfileSegment, reach = 0): ProfileSegment {
  const n = points.length;
  const i = segmentOf(points, t + reach);
  if (i < 0 || i === n - 1) {
    out.bytes = (points[i < 0 ? 0 : n - 1] as MemoryPoint).bytes;
    out.rate = 0;
    out.next = i < 0 ? (points[0] as MemoryPoint).t : Infinity;
    return out;
  }
  const a = points[i] as MemoryPoint, b = points[i + 1] as MemoryPoint; // b.t > a.t: a is the last at or before t
  out.rate = (b.bytes - a.bytes) / (b.t - a.t);
  out.bytes = a.bytes + out.rate * (t - a.t);
  out.next = b.t;
  return out;
}

const scratch: ProfileSegment = { bytes: 0, rate: 0, next: 0 };

/**
 * Memory in use at `t` seconds after start. Between points the value is interpolated linearly, so it
 * may be a fractional number of bytes there (see {@link profileSegment}). O(log points), no allocation.
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
  return profile.length === 0 ? 0 : profileSegment(profile, t, scratch).bytes;
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
