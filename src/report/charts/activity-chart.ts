import type { TimeSeries } from '../../simulation/result.js';
import { evenIndices } from '../downsample.js';
import { timeUnitFor } from '../time-unit.js';
import { base, timeX, type ChartSpec } from './chart-spec.js';

/**
 * Running containers and hosts in use over time, as two lines on independent axes.
 *
 * @param ts - The result's time series.
 * @param maxPoints - Points per line at most. @defaultValue 600
 * @example
 * ```ts
 * const svg = await renderSvg(activityChart(result.timeseries!));
 * ```
 */
export function activityChart(ts: TimeSeries, maxPoints = 600): ChartSpec {
  const end = ts.time.length > 0 ? (ts.time[ts.time.length - 1] as number) : 0;
  const unit = timeUnitFor(end);
  const values: { t: number; series: string; value: number }[] = [];
  for (const i of evenIndices(ts.time.length, maxPoints)) {
    const t = (ts.time[i] as number) / unit.seconds;
    values.push({ t, series: 'running containers', value: ts.running[i] as number });
    values.push({ t, series: 'hosts in use', value: ts.hostsInUse[i] as number });
  }
  return {
    ...base('Running containers and hosts in use'),
    data: { values },
    facet: { row: { field: 'series', type: 'nominal', title: null, sort: ['running containers', 'hosts in use'], header: { labelAngle: 0, labelAlign: 'left', labelFontSize: 12 } } },
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 640,
      height: 110,
      mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.5 },
      encoding: {
        x: timeX(unit.name, end / unit.seconds),
        y: { field: 'value', type: 'quantitative', title: null, axis: { tickMinStep: 1, format: 'd' }, scale: { domainMin: 0 } },
        color: { field: 'series', type: 'nominal', legend: null },
      },
    },
  };
}
