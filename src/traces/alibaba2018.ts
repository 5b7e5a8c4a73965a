import { PodsimError } from '../errors.js';
import { BatchInstances, BatchPlans, BatchTasks } from './alibaba-batch.js';
import { Containers } from './alibaba-containers.js';
import { MachineMeta } from './alibaba-machines.js';
import { releaseDeferred, type AlibabaRead } from './alibaba-rows.js';
import { machineRecord, type MachineEventBatch } from './machine-batch.js';
import { ParserBase } from './parser-base.js';
import { TaskColumns, taskRecord, type TaskBatch } from './task-batch.js';
import type { TraceMachine, TraceTask } from './trace-records.js';
import { resolveOptions, type TraceReadOptions } from './trace-options.js';
import { streamFiles, fileList, TraceStream, type ReadContext, type ReadPhase, type RowParser } from './trace-stream.js';

/**
 * The Alibaba cluster-trace-v2018 files to read; every table may be split into several files
 * (read in order).
 *
 * @example
 * ```ts
 * const files: Alibaba2018Files = { batchTask: 'batch_task.csv', batchInstance: 'batch_instance.csv', containerMeta: 'container_meta.csv' };
 * ```
 */
export interface Alibaba2018Files {
  /** `batch_task` files: needed for batch requests (`plan_cpu`, `plan_mem`). @defaultValue none */
  readonly batchTask?: string | readonly string[];
  /** `batch_instance` files: one task per instance, with its machine and times; needs `batchTask`. @defaultValue none */
  readonly batchInstance?: string | readonly string[];
  /** `container_meta` files: online (long-running) containers. @defaultValue none */
  readonly containerMeta?: string | readonly string[];
}


/** Emits the runs that waited for the input's last time, once every table has been read. */
class DeferredTasks extends ParserBase<TaskBatch> implements RowParser<TaskBatch> {
  protected readonly outbox = new TaskColumns();
  private released: TaskBatch | undefined;

  constructor(
    ctx: ReadContext,
    private readonly shared: AlibabaRead,
  ) {
    super(ctx);
  }

  line(): boolean {
    return true;
  }

  finish(): void {
    this.released = releaseDeferred(this.shared, this.ctx.options);
  }

  override take(): TaskBatch | undefined {
    const out = this.released;
    this.released = undefined;
    return out;
  }
}

/**
 * Reads Alibaba cluster-trace-v2018 batch and online workloads (CSV without header, plain or gzip)
 * and yields {@link TraceTask}s (batches: {@link TaskBatch}):
 * - with `batchTask` and `batchInstance`: one task per instance (`job/task/instance`, workload key
 *   `job/task`), requesting its task's `plan_cpu` and `plan_mem`, placed on its `machine_id`, from
 *   `start_time` to `end_time`;
 * - with `batchTask` alone: `instance_num` tasks per task (`job/task/0…`), without machines;
 * - with `containerMeta`: one long-running task per container (workload key: its `app_du`) from its
 *   first row until the window end (an open window: the last time of the input); its other rows are
 *   merged and counted.
 *
 * CPU: 100 = one core, so millicores = value × 10. Memory: 0–100 of `options.shape.memory`.
 * Times are seconds; 0 means "before or after the 8-day span": a start of 0 with an end (or status
 * `Running`) began before the trace and is kept from time 0 (`notes.startBeforeTrace`), an end of 0
 * is still running; statuses `Waiting` and `Ready` never ran (`skipped.neverStarted`), an end before
 * the start is skipped (`skipped.endBeforeStart`), and a start and end both 0 of a finished run
 * (`skipped.unknownTimes`). A header line is tolerated. Rows are read in file order, so tasks are
 * not in time order. `batch_task` rows overlapping the window are held in memory to join instances.
 *
 * @example
 * ```ts
 * const tasks = readAlibaba2018Tasks(
 *   { batchTask: 'batch_task.csv', batchInstance: 'batch_instance.csv', containerMeta: 'container_meta.csv' },
 *   { shape: { cpu: 96_000, memory: 512 * 2 ** 30 }, window: { start: 86_400, end: 90_000 } },
 * );
 * for await (const t of tasks) console.log(t.id, t.machine, t.duration);
 * ```
 */
export function readAlibaba2018Tasks(files: Alibaba2018Files, options: TraceReadOptions): TraceStream<TraceTask, TaskBatch> {
  const o = resolveOptions(options, 1);
  if (fileList(files.batchInstance).length > 0 && fileList(files.batchTask).length === 0) {
    throw new PodsimError([{ code: 'missing_table', path: 'batchTask', message: 'batch_instance needs batch_task for the requests (plan_cpu, plan_mem)' }], 'cannot read the trace');
  }
  return new TraceStream(o, (ctx) => Promise.resolve(alibaba2018TaskPhases(files, ctx)), taskRecord);
}

/**
 * The read plan of {@link readAlibaba2018Tasks}. @internal
 * @example
 * ```ts
 * new TraceStream(options, async (ctx) => alibaba2018TaskPhases({ batchTask: ['batch_task.csv'] }, ctx));
 * ```
 */
export function alibaba2018TaskPhases(files: Alibaba2018Files, ctx: ReadContext): ReadPhase<TaskBatch>[] {
  if (ctx.horizon !== undefined) {
    throw new PodsimError(
      [{ code: 'unsupported', path: 'arrival', message: 'Alibaba 2018 tables are not in time order, so they cannot be streamed in arrival order: read them with traceToScenario, which sorts them' }],
      'cannot read the trace',
    );
  }
  const phases: ReadPhase<TaskBatch>[] = [];
  const shared: AlibabaRead = { nextId: 0, maxTime: 0, deferred: new TaskColumns() };
  if (fileList(files.batchInstance).length > 0) {
    const plans = new BatchPlans();
    phases.push({ files: fileList(files.batchTask), parser: new BatchTasks(ctx, shared, plans) });
    phases.push({ files: fileList(files.batchInstance), parser: new BatchInstances(ctx, shared, plans) });
  } else if (fileList(files.batchTask).length > 0) phases.push({ files: fileList(files.batchTask), parser: new BatchTasks(ctx, shared, undefined) });
  if (fileList(files.containerMeta).length > 0) phases.push({ files: fileList(files.containerMeta), parser: new Containers(ctx, shared) });
  phases.push({ files: [], parser: new DeferredTasks(ctx, shared) });
  return phases;
}

/**
 * Reads Alibaba cluster-trace-v2018 `machine_meta` files and yields {@link TraceMachine} events
 * (batches: {@link MachineEventBatch}), respecting each row's `status`: a machine is added when it is
 * first `USING`, updated when its capacity changes while in service, and removed when its status
 * leaves `USING`; a machine only ever `IMPORT_INSTALLING` is never added (its rows are counted in
 * `report.skipped.notInService`). CPU: `cpu_num` cores × 1000 millicores; memory: `mem_size`
 * (0–100) of `options.shape.memory`. Labels: `failureDomain1`, `failureDomain2`. The table is
 * small; it is sorted by time in memory.
 *
 * @example
 * ```ts
 * const machines = await readAlibaba2018Machines('machine_meta.csv', { shape: { cpu: 96_000, memory: 512 * 2 ** 30 } }).toArray();
 * ```
 */
export function readAlibaba2018Machines(files: string | readonly string[], options: TraceReadOptions): TraceStream<TraceMachine, MachineEventBatch> {
  return streamFiles(files, options, 1, alibaba2018MachinePhases, machineRecord);
}

/**
 * The read plan of {@link readAlibaba2018Machines}. @internal
 * @example
 * ```ts
 * new TraceStream(options, async (ctx) => alibaba2018MachinePhases(['machine_meta.csv'], ctx));
 * ```
 */
export function alibaba2018MachinePhases(files: readonly string[], ctx: ReadContext): ReadPhase<MachineEventBatch>[] {
  return [{ files, parser: new MachineMeta(ctx) }];
}
