// Run outcomes leave the process when a sweep runs on a queue or in shards, and must come back as
// the same numbers: JSON.stringify writes NaN and ±Infinity as null and −0 as 0, which would change
// the intervals computed from them. These two functions keep every number exact.

const TAG = '$num';

/**
 * JSON text of plain data in which every number survives the round trip through
 * {@link parseExactJson}: NaN, Infinity, −Infinity and −0 are written as `{"$num":"NaN"}` and so on.
 * (An object whose only key is `$num` is therefore reserved.)
 * @internal
 * @example
 * ```ts
 * exactJson({ metrics: [NaN, -0, 1.5] }); // '{"metrics":[{"$num":"NaN"},{"$num":"-0"},1.5]}'
 * ```
 */
export function exactJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== 'number') return v;
    if (Number.isFinite(v)) return Object.is(v, -0) ? { [TAG]: '-0' } : v;
    return { [TAG]: String(v) };
  });
}

/**
 * Parses text written by {@link exactJson}, restoring the numbers JSON cannot spell.
 * @internal
 * @example
 * ```ts
 * Object.is(parseExactJson('{"$num":"-0"}'), -0); // true
 * ```
 */
export function parseExactJson(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const keys = Object.keys(v);
      const tag = (v as Record<string, unknown>)[TAG];
      if (keys.length === 1 && typeof tag === 'string') return Number(tag);
    }
    return v;
  });
}
