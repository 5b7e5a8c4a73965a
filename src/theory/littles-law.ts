/**
 * Two of Little's law's three quantities; the third is computed.
 *
 * @example
 * ```ts
 * const given: LittlesLawInput = { arrivalRate: 8, meanTime: 0.5 };
 * ```
 */
export type LittlesLawInput =
  | { readonly arrivalRate: number; readonly meanTime: number; readonly meanNumber?: undefined }
  | { readonly arrivalRate: number; readonly meanNumber: number; readonly meanTime?: undefined }
  | { readonly meanNumber: number; readonly meanTime: number; readonly arrivalRate?: undefined };

/**
 * Little's law L = λW: the mean number in a system equals the arrival rate times the mean time spent
 * there, for any stable system in the long run, whatever the distributions and the discipline.
 * Give two of the three and get all three.
 *
 * @throws RangeError when a value is negative or not finite, or not exactly two are given.
 * @example
 * ```ts
 * import { littlesLaw } from 'podsim/theory';
 * littlesLaw({ arrivalRate: 8, meanTime: 0.5 }).meanNumber; // 4
 * ```
 */
export function littlesLaw(given: LittlesLawInput): { readonly arrivalRate: number; readonly meanTime: number; readonly meanNumber: number } {
  const { arrivalRate: l, meanTime: w, meanNumber: n } = given;
  const known = [l, w, n].filter((x) => x !== undefined);
  if (known.length !== 2) throw new RangeError(`littlesLaw: give exactly two of arrivalRate, meanTime and meanNumber, got ${known.length}`);
  for (const [name, x] of [['arrivalRate', l], ['meanTime', w], ['meanNumber', n]] as const) {
    if (x !== undefined && !(Number.isFinite(x) && x >= 0)) throw new RangeError(`littlesLaw: ${name} must be a finite number ≥ 0, got ${x}`);
  }
  if (n === undefined) return { arrivalRate: l as number, meanTime: w as number, meanNumber: (l as number) * (w as number) };
  if (w === undefined) return { arrivalRate: l as number, meanTime: (l as number) === 0 ? 0 : n / (l as number), meanNumber: n };
  return { arrivalRate: w === 0 ? 0 : n / w, meanTime: w, meanNumber: n };
}
