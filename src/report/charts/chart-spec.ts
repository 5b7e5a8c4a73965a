/**
 * A Vega-Lite specification as plain JSON (podsim does not tie its public types to vega-lite's).
 *
 * @example
 * ```ts
 * const spec: ChartSpec = { mark: 'line', data: { values: [] }, encoding: {} };
 * ```
 */
export type ChartSpec = Record<string, unknown>;

/**
 * The look every report chart shares (fonts, background, grid).
 * @internal
 * @example
 * ```ts
 * const spec = { ...chart, config: CHART_CONFIG };
 * ```
 */
export const CHART_CONFIG = {
  font: 'Helvetica, Arial, sans-serif',
  background: 'white',
  view: { stroke: '#ddd' },
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#eee' },
  legend: { labelFontSize: 11, titleFontSize: 12 },
  title: { fontSize: 14, anchor: 'start' },
} as const;

/**
 * Common top-level fields of a chart; the size is left out for composite (faceted) charts.
 * @internal
 * @example
 * ```ts
 * const spec = { ...base('Pending queue length', 640, 160), mark: 'area' };
 * ```
 */
export function base(title: string | Record<string, unknown>, width?: number, height?: number): ChartSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    ...(width === undefined ? {} : { width }),
    ...(height === undefined ? {} : { height }),
    config: CHART_CONFIG,
  };
}

/**
 * The x encoding every time chart shares: simulated time from 0 to the end, no rounding past the end.
 * @internal
 * @example
 * ```ts
 * encoding.x = timeX('min', 42);
 * ```
 */
export function timeX(unitName: string, end: number, field = 't'): Record<string, unknown> {
  return { field, type: 'quantitative', title: `time (${unitName})`, scale: { domain: [0, end > 0 ? end : 1], nice: false } };
}
