import type { TimeSeries } from '../../simulation/result.js';
import { maxPerBucket } from '../downsample.js';
import { timeUnitFor } from '../time-unit.js';
import { base, timeX, type ChartSpec } from './chart-spec.js';

/**
 * An area chart of the pending queue's length over time. Long series are thinned by keeping each
 * bucket's maximum, so short spikes stay visible.
 *
 * @param ts - The result's time series.
 * @param maxPoints - Points at most. @defaultValue 600
 * @example
 * ```ts
 * const svg = await renderSvg(queueChart(result.timeseries!));
 * ```
 */
export function queueChart(ts: TimeSeries, maxPoints = 600): ChartSpec {
  const end = ts.time.length > 0 ? (ts.time[ts.time.length - 1] as number) : 0;
  const unit = timeUnitFor(end);
  const s = maxPerBucket(ts.time, ts.pending, maxPoints);
  const values = s.time.map((t, i) => ({ t: t / unit.seconds, pending: s.value[i] as number }));
  return {
    ...base('Pending queue length', 640, 160),
    data: { values },
    mark: { type: 'area', interpolate: 'step-after', line: { color: '#c0392b' }, color: '#f5b7b1' },
    encoding: {
      x: timeX(unit.name, end / unit.seconds),
      // Whole containers on the axis, and a 0–1 axis rather than a lone line when nothing ever waited.
      y: { field: 'pending', type: 'quantitative', title: 'pending containers', axis: { tickMinStep: 1, format: 'd' }, scale: { domainMin: 0, domainMax: Math.max(1, ...s.value) } },
    },
  };
}
