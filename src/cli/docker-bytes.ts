const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/**
 * Formats bytes the way `docker stats` does: four significant digits and a binary unit.
 *
 * @example
 * ```ts
 * dockerBytes(0);          // '0B'
 * dockerBytes(1610612736); // '1.5GiB'
 * dockerBytes(123456789);  // '117.7MiB'
 * ```
 */
export function dockerBytes(bytes: number): string {
  let v = bytes, u = 0;
  while (Math.abs(v) >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  return `${Number(v.toPrecision(4))}${UNITS[u] as string}`;
}
