import type { TimeSeries } from '../../simulation/result.js';
import { evenIndices } from '../downsample.js';
import { timeUnitFor } from '../time-unit.js';
import { base, timeX, type ChartSpec } from './chart-spec.js';

/**
 * The cost accrued over time (needs `timeseries.cost`: a host group with a price); its slope is the
 * cluster's price per unit of time, so hosts added and removed show as bends.
 *
 * @param ts - The result's time series.
 * @param maxPoints - Points at most. @defaultValue 600
 * @example
 * ```ts
 * const svg = await renderSvg(costChart(result.timeseries!));
 * ```
 */
export function costChart(ts: TimeSeries, maxPoints = 600): ChartSpec {
  const end = ts.time.length > 0 ? (ts.time[ts.time.length - 1] as number) : 0;
  const unit = timeUnitFor(end);
  const cost = ts.cost ?? [];
  const values = evenIndices(Math.min(ts.time.length, cost.length), maxPoints).map((i) => ({ t: (ts.time[i] as number) / unit.seconds, cost: cost[i] as number }));
  return {
    ...base('Cost accrued', 640, 160),
    data: { values },
    mark: { type: 'line', color: '#27ae60', strokeWidth: 1.5 },
    encoding: {
      x: timeX(unit.name, end / unit.seconds),
      y: { field: 'cost', type: 'quantitative', title: 'cost (price units)', scale: { domainMin: 0 } },
    },
  };
}
