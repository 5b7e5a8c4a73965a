import type { TimeSeries } from '../../simulation/result.js';
import { evenIndices } from '../downsample.js';
import { timeUnitFor } from '../time-unit.js';
import { base, timeX, type ChartSpec } from './chart-spec.js';

/**
 * A line chart of utilisation over time, one line per resource: the fraction of the cluster's
 * allocatable capacity held by requests and, when the series has a `usage` record (the performance
 * model), the fraction actually used, dashed.
 *
 * @param ts - The result's time series.
 * @param maxPoints - Points per line at most (evenly thinned). @defaultValue 600
 * @example
 * ```ts
 * const spec = utilizationChart(result.timeseries!);
 * const svg = await renderSvg(spec);
 * ```
 */
export function utilizationChart(ts: TimeSeries, maxPoints = 600): ChartSpec {
  const end = ts.time.length > 0 ? (ts.time[ts.time.length - 1] as number) : 0;
  const unit = timeUnitFor(end);
  const values: { t: number; resource: string; by: string; utilization: number }[] = [];
  const idx = evenIndices(ts.time.length, maxPoints);
  // Utilisation by usage, when the series carries it (the performance model), is drawn dashed.
  const usage = (ts as { readonly usage?: Readonly<Record<string, readonly number[]>> }).usage ?? {};
  for (const [by, series] of [['requests', ts.utilization], ['usage', usage]] as const) {
    for (const [resource, col] of Object.entries(series)) {
      for (const i of idx) values.push({ t: (ts.time[i] as number) / unit.seconds, resource, by, utilization: col[i] as number });
    }
  }
  const hasUsage = Object.keys(usage).length > 0;
  return {
    ...base(hasUsage ? 'Utilisation by requests (solid) and by usage (dashed), per resource' : 'Utilisation by requests, per resource', 640, 220),
    data: { values },
    mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.5 },
    encoding: {
      x: timeX(unit.name, end / unit.seconds),
      y: { field: 'utilization', type: 'quantitative', title: 'utilisation', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
      color: { field: 'resource', type: 'nominal', title: 'resource' },
      ...(hasUsage ? { strokeDash: { field: 'by', type: 'nominal', title: 'by', sort: ['requests', 'usage'] } } : {}),
      detail: { field: 'by', type: 'nominal' },
    },
  };
}
