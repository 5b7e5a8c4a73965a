import type { TimeSeries } from '../../simulation/result.js';
import { evenIndices } from '../downsample.js';
import { timeUnitFor } from '../time-unit.js';
import { base, timeX, type ChartSpec } from './chart-spec.js';

/**
 * A line chart of utilisation over time, one line per resource (the fraction of the cluster's
 * allocatable capacity held by requests).
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
  const values: { t: number; resource: string; utilization: number }[] = [];
  const idx = evenIndices(ts.time.length, maxPoints);
  for (const [resource, col] of Object.entries(ts.utilization)) {
    for (const i of idx) values.push({ t: (ts.time[i] as number) / unit.seconds, resource, utilization: col[i] as number });
  }
  return {
    ...base('Utilisation by requests, per resource', 640, 220),
    data: { values },
    mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.5 },
    encoding: {
      x: timeX(unit.name, end / unit.seconds),
      y: { field: 'utilization', type: 'quantitative', title: 'utilisation', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
      color: { field: 'resource', type: 'nominal', title: 'resource' },
    },
  };
}
