/**
 * A unit to show simulated time in: seconds, minutes, hours or days, whichever keeps the axis
 * numbers readable for a run of the given length.
 *
 * @example
 * ```ts
 * const u: TimeUnit = timeUnitFor(7200); // { name: 'min', seconds: 60 }
 * ```
 */
export interface TimeUnit {
  /** The unit's short name for axis titles: `s`, `min`, `h` or `d`. */
  readonly name: string;
  /** Seconds per unit. */
  readonly seconds: number;
}

/**
 * Picks the {@link TimeUnit} for a run lasting `end` seconds.
 *
 * @example
 * ```ts
 * timeUnitFor(90).name;     // 's'
 * timeUnitFor(86400).name;  // 'h'
 * ```
 */
export function timeUnitFor(end: number): TimeUnit {
  if (end >= 4 * 86400) return { name: 'd', seconds: 86400 };
  if (end >= 4 * 3600) return { name: 'h', seconds: 3600 };
  if (end >= 20 * 60) return { name: 'min', seconds: 60 };
  return { name: 's', seconds: 1 };
}
