import type { Issue } from '../../errors.js';
import type { TraceSource } from '../read-trace.js';
import type { TraceReadOptions } from '../trace-options.js';
import type { TraceReport } from '../trace-report.js';
import type { BatchOrder } from '../trace-stream.js';
import type { DictionaryDelta } from './dictionary-delta.js';

/**
 * Which stream of a trace a worker reads. @internal
 * @example
 * ```ts
 * const table: WorkerTable = 'tasks';
 * ```
 */
export type WorkerTable = 'tasks' | 'machines' | 'collections';

/**
 * What a parse worker is started with. @internal
 * @example
 * ```ts
 * const job: WorkerJob = { source: { format: 'google2011', dir }, options: { shape }, table: 'tasks', order: {} };
 * ```
 */
export interface WorkerJob {
  readonly source: TraceSource;
  readonly options: TraceReadOptions;
  readonly table: WorkerTable;
  readonly order: BatchOrder;
}

/**
 * A message from a parse worker. @internal
 * @example
 * ```ts
 * const m: FromWorker = { type: 'end', report };
 * ```
 */
export type FromWorker =
  | { readonly type: 'batch'; readonly batch: unknown; readonly delta: DictionaryDelta; readonly rows: number }
  | { readonly type: 'end'; readonly report: TraceReport }
  | { readonly type: 'error'; readonly message: string; readonly issues?: readonly Issue[]; readonly report?: TraceReport };

/**
 * A message to a parse worker: `ack` after each batch is taken (the worker keeps a few in flight). @internal
 * @example
 * ```ts
 * worker.postMessage({ type: 'ack' } satisfies ToWorker);
 * ```
 */
export type ToWorker = { readonly type: 'ack' };

/** Batches a worker may have sent and not yet seen taken. @internal */
export const IN_FLIGHT = 4;
