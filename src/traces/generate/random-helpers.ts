/**
 * A seeded uniform generator on [0, 1). @internal
 * @example
 * ```ts
 * const rng: Rng = seedrandom.xor4096('1');
 * ```
 */
export type Rng = () => number;

/**
 * An exponential variate with this mean. @internal
 * @example
 * ```ts
 * exp(rng, 300); // ≈ 300 on average
 * ```
 */
export function exp(rng: Rng, mean: number): number {
  return -Math.log(1 - rng()) * mean;
}

/**
 * A uniformly chosen item. @internal
 * @example
 * ```ts
 * pick(rng, ['a', 'b']);
 * ```
 */
export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

/**
 * A 44-character base64 hash like the traces' obfuscated names (users, platforms). @internal
 * @example
 * ```ts
 * token(rng); // 'HofLGzk1Or/8Ildj2+Lqv0UGGvY82NLoni8+J/Yy0RU='
 * ```
 */
export function token(rng: Rng): string {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let s = '';
  for (let i = 0; i < 43; i++) s += abc[Math.floor(rng() * 64)];
  return `${s}=`;
}

/**
 * Rounds to 5 decimals, as the Google traces print their normalised figures. @internal
 * @example
 * ```ts
 * r5(1 / 3); // 0.33333
 * ```
 */
export function r5(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}

/**
 * A number written in exponent notation the way the traces' exporters write small figures
 * (`6.25e-05`): the same value as `String(x)` when read back. @internal
 * @example
 * ```ts
 * exponent(0.0000625); // '6.25e-05'
 * ```
 */
export function exponent(x: number): string {
  return x.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
}

/**
 * The trace's "after the end of the trace" time, 2⁶³−1 µs, as the files write it. @internal
 * @example
 * ```ts
 * `${AFTER_TRACE_TEXT},…`;
 * ```
 */
export const AFTER_TRACE_TEXT = '9223372036854775807';
