/**
 * Formats one CSV field (RFC 4180): numbers in their shortest exact form, `undefined` as empty,
 * and text quoted when it holds a comma, quote or line break.
 *
 * @example
 * ```ts
 * csvField('a,b');   // '"a,b"'
 * csvField(0.1);     // '0.1'
 * csvField(undefined); // ''
 * ```
 */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Joins rows of fields into CSV text with `\n` line ends and a final newline.
 *
 * @example
 * ```ts
 * csvLines([['time', 'pending'], [0, 3]]); // 'time,pending\n0,3\n'
 * ```
 */
export function csvLines(rows: Iterable<readonly (string | number | undefined)[]>): string {
  let out = '';
  for (const r of rows) out += r.map(csvField).join(',') + '\n';
  return out;
}
