import type { ContainerRow } from './container-row.js';
import { csvLines } from './csv-field.js';

/**
 * The columns of per-container records, in output order (containers.csv, containers.parquet).
 * @example
 * ```ts
 * CONTAINER_COLUMNS[0]; // 'id'
 * ```
 */
export const CONTAINER_COLUMNS = ['id', 'name', 'workload', 'host', 'state', 'submitted', 'placed', 'pulled', 'started', 'ready', 'finished', 'wait', 'pa', 'pd', 'ps', 'restarts'] as const;

/**
 * Writes per-container records as CSV. Columns, in this order, are `workload` and those at least one
 * row has: `id, name, workload, host, state, submitted, placed, pulled, started, ready, finished, wait,
 * pa, pd, ps, restarts`; a missing value is an empty field.
 *
 * @example
 * ```ts
 * containersCsv([{ name: 'web-0', workload: 'web', host: 'node-0', placed: 0 }]);
 * // 'name,workload,host,placed\nweb-0,web,node-0,0\n'
 * ```
 */
export function containersCsv(rows: Iterable<ContainerRow>): string {
  const list = [...rows];
  const cols = CONTAINER_COLUMNS.filter((c) => c === 'workload' || list.some((r) => r[c] !== undefined));
  return csvLines([cols, ...list.map((r) => cols.map((c) => r[c]))]);
}
