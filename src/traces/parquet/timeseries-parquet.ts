import { timeSeriesColumns } from '../../report/timeseries-csv.js';
import type { TimeSeries } from '../../simulation/result.js';
import { ParquetTableWriter, type ParquetWriteOptions } from './parquet-table-writer.js';

/**
 * Writes a result's time series to a Parquet file, one row per sample: `time` and the columns of
 * `timeseries.csv` (`utilization_<resource>`, `pending`, `running`, `hosts_in_use`, …), all DOUBLE,
 * written a row group at a time.
 *
 * @example
 * ```ts
 * await writeTimeSeriesParquet('out/timeseries.parquet', result.timeseries!);
 * ```
 */
export async function writeTimeSeriesParquet(path: string, ts: TimeSeries, options: ParquetWriteOptions = {}): Promise<number> {
  const cols = timeSeriesColumns(ts);
  const w = await ParquetTableWriter.open(path, [{ name: 'time', type: 'DOUBLE' }, ...cols.map(([name]) => ({ name, type: 'DOUBLE' as const }))], options);
  try {
    await w.appendColumns(Object.fromEntries([['time', ts.time], ...cols]), ts.time.length);
  } finally {
    await w.close();
  }
  return w.rows;
}
