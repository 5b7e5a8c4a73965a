import type { TimeSeries } from '../simulation/result.js';
import { csvLines } from './csv-field.js';

/**
 * Writes a result's time series as CSV, one row per sample: `time`, then `utilization_<resource>`
 * for each resource, `pending`, `running` and `hosts_in_use`. Extra per-resource columns the
 * series may carry (such as utilisation by usage) are written as `<series>_<resource>`.
 *
 * @example
 * ```ts
 * writeFileSync('timeseries.csv', timeSeriesCsv(result.timeseries!));
 * // time,utilization_cpu,utilization_memory,pending,running,hosts_in_use
 * // 0,0.125,0.0625,0,1,1
 * ```
 */
export function timeSeriesCsv(ts: TimeSeries): string {
  const cols = timeSeriesColumns(ts);
  const rows: (string | number)[][] = [['time', ...cols.map((c) => c[0])]];
  ts.time.forEach((t, i) => rows.push([t, ...cols.map((c) => c[1][i] as number)]));
  return csvLines(rows);
}

/**
 * A time series' columns after `time`, named as in timeseries.csv: `<series>_<resource>` for each
 * per-resource series, then the scalar series in snake case.
 *
 * @example
 * ```ts
 * timeSeriesColumns(result.timeseries!).map(([name]) => name); // ['utilization_cpu', …, 'hosts_in_use']
 * ```
 */
export function timeSeriesColumns(ts: TimeSeries): [string, readonly number[]][] {
  const perResource: [string, readonly number[]][] = [];
  const scalar: [string, readonly number[]][] = [];
  for (const [key, value] of Object.entries(ts as unknown as Record<string, unknown>)) {
    if (key === 'time') continue;
    if (Array.isArray(value)) scalar.push([snake(key), value as number[]]);
    else if (value !== null && typeof value === 'object') {
      for (const [res, col] of Object.entries(value as Record<string, unknown>)) if (Array.isArray(col)) perResource.push([`${snake(key)}_${res}`, col as number[]]);
    }
  }
  return [...perResource, ...scalar];
}

function snake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
