import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PodsimError, type Issue } from '../errors.js';
import { alibaba2018MachinePhases, alibaba2018TaskPhases } from './alibaba2018.js';
import type { TraceFormat } from './generate.js';
import { google2011MachinePhases, google2011TaskPhases } from './google2011.js';
import { google2019CollectionPhases, google2019MachinePhases, google2019TaskPhases } from './google2019.js';
import { machineRecord, type MachineEventBatch } from './machine-batch.js';
import { taskRecord, type TaskBatch } from './task-batch.js';
import { TraceDictionary } from './trace-dictionary.js';
import type { TraceCollection, TraceMachine, TraceTask } from './trace-records.js';
import { resolveOptions, type TraceReadOptions } from './trace-options.js';
import { TraceStream } from './trace-stream.js';
import { remapMachines, remapNothing, remapTasks } from './worker/remap.js';
import type { WorkerTable } from './worker/worker-messages.js';

/**
 * Where a trace is: a folder laid out as published (tables found by name), or explicit files per
 * table, or both (explicit files win).
 *
 * Table names: Google 2011 `task_events`, `machine_events`; Google 2019 `instance_events`,
 * `machine_events`, `collection_events`; Alibaba 2018 `batch_task`, `batch_instance`,
 * `container_meta`, `machine_meta`. In a folder, a table is either a sub-folder of that name (all
 * its files, sorted by name, like Google's `task_events/part-00000-of-00500.csv.gz`) or the files
 * whose names start with the table name followed by `.`, `-` or `_` (sorted by name).
 *
 * @example
 * ```ts
 * const source: TraceSource = { format: 'google2011', dir: '/data/clusterdata-2011-2' };
 * const other: TraceSource = { format: 'alibaba2018', files: { batch_task: 'bt.csv', batch_instance: ['bi-1.csv', 'bi-2.csv'] } };
 * ```
 */
export interface TraceSource {
  /** The schema of the files. */
  readonly format: TraceFormat;
  /** A folder holding the tables. @defaultValue none: `files` must name them */
  readonly dir?: string;
  /** Files per table name. @defaultValue found in `dir` */
  readonly files?: Readonly<Record<string, string | readonly string[]>>;
}

/**
 * The streams of a trace, ready for {@link traceToScenario}.
 *
 * @example
 * ```ts
 * const { tasks, machines } = readTrace({ format: 'google2019', dir }, { shape });
 * ```
 */
export interface TraceRecords {
  /** The tasks of the trace. */
  readonly tasks: TraceStream<TraceTask, TaskBatch>;
  /** The machine events of the trace (empty when the trace has no machine table); it shares the tasks' dictionary, so machine indices agree. */
  readonly machines: TraceStream<TraceMachine, MachineEventBatch>;
  /** Google 2019 only: job and alloc-set events. */
  readonly collections?: TraceStream<TraceCollection, readonly TraceCollection[]>;
}

const TABLES: Record<TraceFormat, { tasks: readonly string[]; machines: string; collections?: string }> = {
  google2011: { tasks: ['task_events'], machines: 'machine_events' },
  google2019: { tasks: ['instance_events'], machines: 'machine_events', collections: 'collection_events' },
  alibaba2018: { tasks: ['batch_task', 'batch_instance', 'container_meta'], machines: 'machine_meta' },
};

/** Finds the files of one table in a folder (see {@link TraceSource}). */
async function discover(dir: string, table: string): Promise<string[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch {
    throw new PodsimError([{ code: 'file_not_found', path: 'dir', message: `cannot list the folder ${dir}` }], 'cannot read the trace');
  }
  if (names.includes(table)) {
    const sub = join(dir, table);
    if ((await stat(sub)).isDirectory()) {
      const files: string[] = [];
      for (const n of (await readdir(sub)).sort()) {
        if (n.startsWith('.')) continue;
        if ((await stat(join(sub, n))).isFile()) files.push(join(sub, n));
      }
      return files;
    }
    return [join(dir, table)];
  }
  return names.filter((n) => n.startsWith(table) && '.-_'.includes(n.charAt(table.length))).map((n) => join(dir, n));
}

/**
 * Opens a trace in one of the supported formats: finds its tables and returns its streams of tasks
 * and machines (and Google 2019 collections). Nothing is read until a stream is iterated; options are
 * checked at once. A missing task table fails with a PodsimError (`missing_table`); a missing machine
 * table gives an empty machine stream.
 *
 * @example
 * ```ts
 * const records = readTrace({ format: 'google2011', dir: '/data/clusterdata-2011-2' }, {
 *   shape: { cpu: 64_000, memory: 256 * 2 ** 30 },
 *   window: { start: 600, end: 4200 },
 * });
 * const plan = await traceToScenario(records, { mode: 'recorded' });
 * ```
 */
export function readTrace(source: TraceSource, options: TraceReadOptions): TraceRecords {
  const tables = TABLES[source.format];
  if (tables === undefined) {
    throw new PodsimError([{ code: 'invalid_format', path: 'format', message: `"${String(source.format)}" is not google2011, google2019 or alibaba2018` }], 'cannot read the trace');
  }
  if (source.dir === undefined && source.files === undefined) {
    throw new PodsimError([{ code: 'required', path: '', message: 'give the trace folder (`dir`) or its files (`files`)' }], 'cannot read the trace');
  }
  const unknown: Issue[] = [];
  const known = [...tables.tasks, tables.machines, ...(tables.collections === undefined ? [] : [tables.collections])];
  for (const key of Object.keys(source.files ?? {})) {
    if (!known.includes(key)) unknown.push({ code: 'unknown_table', path: `files.${key}`, message: `${source.format} has no table "${key}"; its tables are ${known.join(', ')}` });
  }
  if (unknown.length > 0) throw new PodsimError(unknown, 'cannot read the trace');
  const o = resolveOptions(options, source.format === 'alibaba2018' ? 1 : 1e6);

  const filesOf = async (table: string): Promise<readonly string[]> => {
    const given = source.files?.[table];
    if (given !== undefined) return typeof given === 'string' ? [given] : given;
    return source.dir === undefined ? [] : discover(source.dir, table);
  };
  const missing = (what: string): PodsimError =>
    new PodsimError([{ code: 'missing_table', path: source.dir === undefined ? 'files' : 'dir', message: `no ${what} file found${source.dir === undefined ? '' : ` in ${source.dir}`}` }], 'cannot read the trace');

  const dictionary = new TraceDictionary();
  // In a worker: each stream's batches come from a worker thread that reads the same source.
  const job = (table: WorkerTable) => ({ source, options: { ...options, worker: false }, table });
  const tasksWorker = options.worker === true ? { job: job('tasks'), remap: remapTasks } : undefined;
  const machinesWorker = options.worker === true ? { job: job('machines'), remap: remapMachines } : undefined;
  let tasks: TraceStream<TraceTask, TaskBatch>;
  let machines: TraceStream<TraceMachine, MachineEventBatch>;
  let collections: TraceStream<TraceCollection, readonly TraceCollection[]> | undefined;
  if (source.format === 'alibaba2018') {
    tasks = new TraceStream(
      o,
      async (ctx) => {
        const [batchTask, batchInstance, containerMeta] = await Promise.all([filesOf('batch_task'), filesOf('batch_instance'), filesOf('container_meta')]);
        if (batchTask.length === 0 && containerMeta.length === 0) throw missing('batch_task or container_meta');
        if (batchInstance.length > 0 && batchTask.length === 0) throw missing('batch_task (batch_instance needs it for the requests)');
        return alibaba2018TaskPhases({ batchTask, batchInstance, containerMeta }, ctx);
      },
      taskRecord,
      dictionary,
      tasksWorker,
    );
    machines = new TraceStream(o, async (ctx) => alibaba2018MachinePhases(await filesOf('machine_meta'), ctx), machineRecord, dictionary, machinesWorker);
  } else if (source.format === 'google2011') {
    tasks = new TraceStream(
      o,
      async (ctx) => {
        const files = await filesOf('task_events');
        if (files.length === 0) throw missing('task_events');
        return google2011TaskPhases(files, ctx);
      },
      taskRecord,
      dictionary,
      tasksWorker,
    );
    machines = new TraceStream(o, async (ctx) => google2011MachinePhases(await filesOf('machine_events'), ctx), machineRecord, dictionary, machinesWorker);
  } else {
    tasks = new TraceStream(
      o,
      async (ctx) => {
        const files = await filesOf('instance_events');
        if (files.length === 0) throw missing('instance_events');
        return google2019TaskPhases(files, ctx);
      },
      taskRecord,
      dictionary,
      tasksWorker,
    );
    machines = new TraceStream(o, async (ctx) => google2019MachinePhases(await filesOf('machine_events'), ctx), machineRecord, dictionary, machinesWorker);
    collections = new TraceStream(
      o,
      async (ctx) => google2019CollectionPhases(await filesOf('collection_events'), ctx),
      (b: readonly TraceCollection[], i: number) => b[i] as TraceCollection,
      dictionary,
      options.worker === true ? { job: job('collections'), remap: remapNothing } : undefined,
    );
  }
  return collections === undefined ? { tasks, machines } : { tasks, machines, collections };
}
