/**
 * Renames every `id` in an SVG to `<prefix>-<n>` (n in order of appearance) and rewrites the
 * references to them (`url(#…)`, `href="#…"`). Vega numbers gradients and clip paths from a
 * process-wide counter; scoping makes each chart's ids unique within a page and the same on every
 * run, so that a report's bytes depend only on its data.
 *
 * @example
 * ```ts
 * scopeSvgIds('<linearGradient id="gradient_7"/><rect fill="url(#gradient_7)"/>', 'heatmap');
 * // '<linearGradient id="heatmap-0"/><rect fill="url(#heatmap-0)"/>'
 * ```
 */
export function scopeSvgIds(svg: string, prefix: string): string {
  const map = new Map<string, string>();
  for (const m of svg.matchAll(/\sid="([^"]+)"/g)) {
    const id = m[1] as string;
    if (!map.has(id)) map.set(id, `${prefix}-${map.size}`);
  }
  if (map.size === 0) return svg;
  const rename = (id: string) => map.get(id) ?? id;
  return svg
    .replace(/(\sid=")([^"]+)(")/g, (_, a: string, id: string, b: string) => `${a}${rename(id)}${b}`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${rename(id)})`)
    .replace(/(href=")#([^"]+)(")/g, (_, a: string, id: string, b: string) => `${a}#${rename(id)}${b}`);
}
