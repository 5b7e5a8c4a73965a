import type { HostSeries } from '../host-series.js';
import { timeUnitFor } from '../time-unit.js';
import { base, timeX, type ChartSpec } from './chart-spec.js';

/**
 * A heatmap of one resource's utilisation per host (rows) over time (columns). Samples are
 * averaged into at most `maxColumns` columns.
 *
 * @param series - Per-host series, from {@link HostSampler} or {@link simulateForReport}.
 * @param resource - Which resource to draw, such as `cpu` or `memory`.
 * @param maxColumns - Time columns at most. @defaultValue 80
 * @example
 * ```ts
 * const svg = await renderSvg(hostHeatmapChart(data.hosts!, 'cpu'));
 * ```
 */
export function hostHeatmapChart(series: HostSeries, resource: string, maxColumns = 80): ChartSpec {
  const samples = series.utilization[resource] ?? [];
  const n = Math.min(series.time.length, samples.length);
  const end = n > 0 ? (series.time[n - 1] as number) : 0;
  const unit = timeUnitFor(end);
  const cols = Math.max(1, Math.min(n, maxColumns));
  const step = n > 1 ? (series.time[n - 1] as number) - (series.time[n - 2] as number) || 1 : 1;
  const values: { t0: number; t1: number; row: string; utilization: number }[] = [];
  for (let c = 0; c < cols && n > 0; c++) {
    const lo = Math.floor((c * n) / cols), hi = Math.max(lo + 1, Math.floor(((c + 1) * n) / cols));
    const t0 = (series.time[lo] as number) / unit.seconds;
    // A sample holds until the next one; the last column ends at the last sample (or one step on, if it is alone).
    const tEnd = hi < n ? (series.time[hi] as number) : lo < n - 1 ? end : end + step;
    const t1 = tEnd / unit.seconds;
    series.rows.forEach((row, r) => {
      let s = 0;
      for (let i = lo; i < hi; i++) s += ((samples[i] as readonly number[])[r] as number);
      values.push({ t0, t1, row, utilization: s / (hi - lo) });
    });
  }
  const rows = series.rows.length;
  return {
    ...base({ text: `Per-host ${resource} utilisation`, subtitle: rows > 0 && series.rows.some((r) => r.includes(' … ')) ? 'consecutive hosts grouped into rows' : '' }, 640, Math.max(60, Math.min(480, rows * 12))),
    data: { values },
    mark: { type: 'rect' },
    encoding: {
      x: timeX(unit.name, (n > 1 ? end : end + step) / unit.seconds, 't0'),
      x2: { field: 't1' },
      y: { field: 'row', type: 'ordinal', title: 'host', sort: series.rows, axis: { labelFontSize: rows > 24 ? 8 : 11, labelOverlap: 'parity' } },
      color: { field: 'utilization', type: 'quantitative', title: 'utilisation', scale: { domain: [0, 1], scheme: 'blues' }, legend: { format: '.0%' } },
    },
  };
}
