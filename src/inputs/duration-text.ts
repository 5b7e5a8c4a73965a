const UNIT_SECONDS: Readonly<Record<string, number>> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;

/**
 * Parses a duration written as seconds (`300`, `"2.5"`) or in Go's notation (`"90s"`, `"5m"`,
 * `"1h30m"`, `"250ms"`) into seconds. Returns `undefined` for anything else, negatives included.
 *
 * @example
 * ```ts
 * parseDurationText('1h30m'); // 5400
 * parseDurationText(45);      // 45
 * ```
 */
export function parseDurationText(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (s === '') return undefined;
  if (/^(\d+(\.\d*)?|\.\d+)$/.test(s)) return Number(s);
  PART.lastIndex = 0;
  let total = 0;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = PART.exec(s)) !== null) {
    total += Number(m[1]) * (UNIT_SECONDS[m[2] as string] as number);
    end = PART.lastIndex;
  }
  return end === s.length && end > 0 && Number.isFinite(total) ? total : undefined;
}
