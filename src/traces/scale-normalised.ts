/**
 * Scales a normalised trace quantity to an exact integer: `Math.round(value × total)`, that is to
 * the nearest integer, halves rounded up. Values that are not finite numbers give `NaN`; the readers
 * report those.
 *
 * @example
 * ```ts
 * scaleNormalised(0.0625, 64_000); // 4000 millicores
 * scaleNormalised(0.5, 2 ** 38);    // 137438953472 bytes
 * ```
 */
export function scaleNormalised(value: number, total: number): number {
  return Math.round(value * total);
}
