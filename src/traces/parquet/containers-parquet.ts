import { CONTAINER_COLUMNS } from '../../report/containers-csv.js';
import type { ContainerRow } from '../../report/container-row.js';
import { ParquetTableWriter, type ParquetColumn, type ParquetWriteOptions } from './parquet-table-writer.js';

const TYPES: Readonly<Record<(typeof CONTAINER_COLUMNS)[number], ParquetColumn['type']>> = {
  id: 'INT32',
  name: 'STRING',
  workload: 'STRING',
  host: 'STRING',
  state: 'STRING',
  submitted: 'DOUBLE',
  placed: 'DOUBLE',
  pulled: 'DOUBLE',
  started: 'DOUBLE',
  ready: 'DOUBLE',
  finished: 'DOUBLE',
  wait: 'DOUBLE',
  pa: 'DOUBLE',
  pd: 'DOUBLE',
  ps: 'DOUBLE',
  restarts: 'INT32',
};

/**
 * The Parquet columns of per-container records: those of `containers.csv`, every one of them
 * (a value a record lacks is null).
 *
 * @example
 * ```ts
 * CONTAINERS_PARQUET_COLUMNS.map((c) => c.name); // ['id', 'name', 'workload', …, 'restarts']
 * ```
 */
export const CONTAINERS_PARQUET_COLUMNS: readonly ParquetColumn[] = CONTAINER_COLUMNS.map((name) => ({ name, type: TYPES[name] }));

/**
 * Writes per-container records to a Parquet file as they come (one row group at a time: memory
 * stays flat for any number of records). The columns are those of `containers.csv`.
 *
 * @example
 * ```ts
 * const rows = await writeContainersParquet('out/containers.parquet', records);
 * ```
 */
export async function writeContainersParquet(path: string, rows: Iterable<ContainerRow> | AsyncIterable<ContainerRow>, options: ParquetWriteOptions = {}): Promise<number> {
  const w = await ParquetTableWriter.open(path, CONTAINERS_PARQUET_COLUMNS, options);
  try {
    for await (const row of rows) await w.append(row as unknown as Record<string, string | number | undefined>);
  } finally {
    await w.close();
  }
  return w.rows;
}
