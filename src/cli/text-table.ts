const NUMBER = /^(?:[-+]?\d[\d.,]*\s?[%a-zA-Z]*|—|)$/;

/**
 * Lays rows out as a plain-text table with aligned columns, like `docker stats` or `kubectl get`:
 * columns separated by three spaces; columns whose every cell is a number (`12`, `50.00%`, `1.5GiB`) align right.
 *
 * @param header - Column titles.
 * @param rows - Cells; missing cells print as empty.
 * @example
 * ```ts
 * textTable(['NAME', 'CPU %'], [['web-0', '50.00%']]);
 * // 'NAME    CPU %\nweb-0   50.00%\n'
 * ```
 */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const n = header.length;
  const width = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const numeric = header.map((_, c) => rows.length > 0 && rows.every((r) => NUMBER.test(r[c] ?? '')));
  const line = (cells: readonly string[], isHeader: boolean) => {
    const parts: string[] = [];
    for (let c = 0; c < n; c++) {
      const cell = cells[c] ?? '';
      const w = width[c] as number;
      const last = c === n - 1;
      parts.push(numeric[c] && !isHeader ? cell.padStart(w) : last ? cell : cell.padEnd(w));
    }
    return parts.join('   ').trimEnd();
  };
  return [line(header, true), ...rows.map((r) => line(r, false))].join('\n') + '\n';
}

/**
 * Lays label–value pairs out as two aligned columns, indented by two spaces.
 *
 * @example
 * ```ts
 * keyValueTable([['policy', 'best-fit'], ['seed', '1']]);
 * // '  policy   best-fit\n  seed     1\n'
 * ```
 */
export function keyValueTable(rows: readonly (readonly [string, string])[]): string {
  const w = Math.max(0, ...rows.map((r) => r[0].length));
  return rows.map(([k, v]) => `  ${k.padEnd(w)}   ${v}`.trimEnd()).join('\n') + '\n';
}
