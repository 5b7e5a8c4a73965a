import type { TimeSeries } from '../../simulation/result.js';
import { evenIndices } from '../downsample.js';
import { timeUnitFor } from '../time-unit.js';
import { base, timeX, type ChartSpec } from './chart-spec.js';

/**
 * The cluster's power draw over time, watts (needs `timeseries.power`: a host group with a power model).
 *
 * @param ts - The result's time series.
 * @param maxPoints - Points at most. @defaultValue 600
 * @example
 * ```ts
 * const svg = await renderSvg(powerChart(result.timeseries!));
 * ```
 */
export function powerChart(ts: TimeSeries, maxPoints = 600): ChartSpec {
  const end = ts.time.length > 0 ? (ts.time[ts.time.length - 1] as number) : 0;
  const unit = timeUnitFor(end);
  const power = ts.power ?? [];
  const values = evenIndices(Math.min(ts.time.length, power.length), maxPoints).map((i) => ({ t: (ts.time[i] as number) / unit.seconds, watts: power[i] as number }));
  return {
    ...base('Power draw', 640, 160),
    data: { values },
    mark: { type: 'line', interpolate: 'step-after', color: '#d35400', strokeWidth: 1.5 },
    encoding: {
      x: timeX(unit.name, end / unit.seconds),
      y: { field: 'watts', type: 'quantitative', title: 'watts', scale: { domainMin: 0 } },
    },
  };
}
