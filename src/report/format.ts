/**
 * Formats simulated seconds for people: three significant digits, and the value in minutes, hours
 * or days alongside once it is long.
 *
 * @example
 * ```ts
 * formatSeconds(0.0123); // '0.0123 s'
 * formatSeconds(5400);   // '5,400 s (1.5 h)'
 * ```
 */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return String(s);
  const plain = `${formatNumber(s)} s`;
  if (s >= 4 * 86400) return `${plain} (${trim(s / 86400)} d)`;
  if (s >= 3 * 3600) return `${plain} (${trim(s / 3600)} h)`;
  if (s >= 120) return `${plain} (${trim(s / 60)} min)`;
  return plain;
}

/**
 * A number with thousands separators and about three significant digits below 1000.
 *
 * @example
 * ```ts
 * formatNumber(20200);  // '20,200'
 * formatNumber(0.5123); // '0.512'
 * ```
 */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1000 || Number.isInteger(x)) return Math.round(x).toLocaleString('en-US');
  return Number(x.toPrecision(3)).toString();
}

/**
 * A fraction as a percentage with one decimal.
 *
 * @example
 * ```ts
 * formatPercent(0.4567); // '45.7%'
 * ```
 */
export function formatPercent(f: number): string {
  return `${(100 * f).toFixed(1)}%`;
}

function trim(x: number): string {
  return Number(x.toFixed(x >= 100 ? 0 : 1)).toLocaleString('en-US');
}
