import type { TimeSeries } from '../../simulation/result.js';
import { timeUnitFor } from '../time-unit.js';
import { base, timeX, type ChartSpec } from './chart-spec.js';

/** Keeps at most `maxPoints` samples, evenly (step charts of small integers need no bucket maxima). */
function thin(n: number, maxPoints: number): number[] {
  const step = Math.max(1, Math.ceil(n / maxPoints));
  const out: number[] = [];
  for (let i = 0; i < n; i += step) out.push(i);
  if (n > 0 && out[out.length - 1] !== n - 1) out.push(n - 1);
  return out;
}

function stepLines(title: string, yTitle: string, ts: TimeSeries, series: Record<string, readonly number[]>, maxPoints: number): ChartSpec {
  const end = ts.time.length > 0 ? (ts.time[ts.time.length - 1] as number) : 0;
  const unit = timeUnitFor(end);
  const values: { t: number; series: string; value: number }[] = [];
  let top = 1;
  for (const i of thin(ts.time.length, maxPoints)) {
    for (const [name, v] of Object.entries(series)) {
      const value = v[i] as number;
      if (value > top) top = value;
      values.push({ t: (ts.time[i] as number) / unit.seconds, series: name, value });
    }
  }
  return {
    ...base(title, 640, 180),
    data: { values },
    mark: { type: 'line', interpolate: 'step-after' },
    encoding: {
      x: timeX(unit.name, end / unit.seconds),
      y: { field: 'value', type: 'quantitative', title: yTitle, axis: { tickMinStep: 1, format: 'd' }, scale: { domainMin: 0, domainMax: top } },
      color: { field: 'series', type: 'nominal', title: null },
    },
  };
}

/**
 * Replicas over time per service: desired (`spec.replicas`, as the HPA sets it) and ready, from
 * `timeseries.replicas`.
 *
 * @param ts - The result's time series (with `replicas`).
 * @param maxPoints - Samples at most. @defaultValue 600
 * @example
 * ```ts
 * const svg = await renderSvg(replicasChart(result.timeseries!));
 * ```
 */
export function replicasChart(ts: TimeSeries, maxPoints = 600): ChartSpec {
  const series: Record<string, readonly number[]> = {};
  for (const [name, r] of Object.entries(ts.replicas ?? {})) {
    series[`${name} desired`] = r.desired;
    series[`${name} ready`] = r.ready;
  }
  return stepLines('Replicas over time', 'replicas', ts, series, maxPoints);
}

/**
 * Hosts over time per host group, from `timeseries.hosts` (autoscaled groups grow and shrink).
 *
 * @param ts - The result's time series (with `hosts`).
 * @param maxPoints - Samples at most. @defaultValue 600
 * @example
 * ```ts
 * const svg = await renderSvg(hostsChart(result.timeseries!));
 * ```
 */
export function hostsChart(ts: TimeSeries, maxPoints = 600): ChartSpec {
  return stepLines('Hosts over time', 'hosts', ts, ts.hosts ?? {}, maxPoints);
}
