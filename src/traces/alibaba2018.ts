import { PodsimError } from '../errors.js';
import { CsvRow } from './csv-row.js';
import { MachineTracker } from './machine-tracker.js';
import { ParserBase } from './parser-base.js';
import { makeSampler } from './sample-keeps.js';
import { scaleNormalised } from './scale-normalised.js';
import type { TraceMachine, TraceTask } from './trace-records.js';
import { resolveOptions, type ResolvedOptions, type TraceReadOptions } from './trace-options.js';
import { bump } from './trace-report.js';
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


/** Alibaba statuses of instances that never ran. */
const NEVER_STARTED = new Set(['Waiting', 'Ready']);

/** A batch task's plan: request per instance and its time span (seconds; 0 = unknown). */
interface Plan {
  cpu: number;
  memory: number;
  instances: number;
  start: number;
  end: number;
  status: string;
}

/** Alibaba's scale: CPU "100 is 1 core" → millicores are ×10; memory is 0–100 of the largest machine. */
function cpuMillicores(v: number): number {
  return Math.round(v * 10);
}
function memoryBytes(v: number, o: ResolvedOptions): number {
  return scaleNormalised(v / 100, o.shape.memory);
}

/**
 * Shared window logic of Alibaba rows, which carry start and end rather than events. `openEnd` is
 * where unended tasks end: the window end, or the last time in the input when the window is open.
 */
function buildTask(
  o: ResolvedOptions,
  notes: Record<string, number>,
  id: string,
  start: number,
  end: number,
  cpu: number,
  memory: number,
  machine: string | undefined,
  openEnd: number,
): TraceTask | 'before' | 'after' {
  // 0 means "before or after the trace span": as a start, before; as an end, not ended.
  const ended = end > 0;
  if (start >= o.end) return 'after';
  if (ended && end <= o.start) return 'before';
  if (start < o.start && !o.includeRunningAtStart) return 'before';
  const s = Math.max(start, o.start);
  if (!ended || end > o.end) bump(notes, 'runningAtWindowEnd');
  const finish = ended ? Math.min(end, o.end) : openEnd;
  const task: { -readonly [K in keyof TraceTask]: TraceTask[K] } = {
    id,
    submit: s - o.start,
    request: { cpu: Number.isNaN(cpu) ? 0 : cpuMillicores(cpu), memory: Number.isNaN(memory) ? 0 : memoryBytes(memory, o) },
  };
  if (Number.isNaN(cpu) || Number.isNaN(memory)) bump(notes, 'missingRequest');
  task.start = s - o.start;
  task.duration = Math.max(0, finish - s);
  if (machine !== undefined) task.machine = machine;
  return task;
}

/** Tasks of an open window that had not ended: they end at the last time of the input, known only at the end. */
interface Deferred {
  maxTime: number;
  readonly tasks: { id: string; start: number; cpu: number; memory: number; machine: string | undefined }[];
}

/** Reads a resource figure: NaN when empty or one of Alibaba's invalid markers (negative, above 100 for memory). */
function figure(row: CsvRow, i: number): number {
  if (row.empty(i)) return NaN;
  return row.num(i);
}

abstract class AlibabaCsv<T> extends ParserBase<T> {
  protected readonly row = new CsvRow();
  protected readonly keep: ((id: string) => boolean) | undefined;

  constructor(ctx: ReadContext) {
    super(ctx);
    this.keep = makeSampler(ctx.options.sample);
  }

  /** Splits a row and checks its column count; false when it is bad. */
  protected fields(buf: Buffer, start: number, end: number, line: number, table: string, columns: number): boolean {
    const n = this.row.split(buf, start, end);
    if (n !== columns) {
      this.bad('wrong_column_count', `${table} rows have ${columns} columns; this one has ${n}`, line);
      return false;
    }
    return true;
  }

  /** A time column: integer seconds ≥ 0, or empty (0 = unknown). undefined when invalid. */
  protected seconds(i: number): number | undefined {
    if (this.row.empty(i)) return 0;
    const v = this.row.num(i);
    return v >= 0 && Number.isInteger(v) ? v : undefined;
  }

  protected resource(i: number, max: number): number | undefined {
    const v = figure(this.row, i);
    if (Number.isNaN(v)) return this.row.empty(i) ? NaN : undefined;
    if (v < 0 || v > max) {
      bump(this.ctx.report.notes, 'invalidValue');
      return NaN;
    }
    return v;
  }

}

abstract class TaskCsv extends AlibabaCsv<TraceTask> {
  constructor(
    ctx: ReadContext,
    protected readonly deferred: Deferred,
  ) {
    super(ctx);
  }

  protected emitTask(id: string, start: number, end: number, cpu: number, memory: number, machine: string | undefined): void {
    const report = this.ctx.report;
    // The input's last time must not depend on the sample: track it before sampling.
    const d = this.deferred;
    if (start > d.maxTime) d.maxTime = start;
    if (end > d.maxTime) d.maxTime = end;
    if (this.keep !== undefined && !this.keep(id)) {
      bump(report.skipped, 'sampledOut');
      return;
    }
    const o = this.ctx.options;
    if (end === 0 && o.end === Infinity) {
      d.tasks.push({ id, start, cpu, memory, machine });
      return;
    }
    this.push(buildTask(o, report.notes, id, start, end, cpu, memory, machine, o.end));
  }

  protected push(t: ReturnType<typeof buildTask>): void {
    const report = this.ctx.report;
    if (t === 'before') bump(report.skipped, 'beforeWindow');
    else if (t === 'after') bump(report.skipped, 'afterWindow');
    else this.out.push(t);
  }
}

/** Emits the deferred tasks once every file has been read. */
class DeferredTasks extends TaskCsv implements RowParser<TraceTask> {
  line(): boolean {
    return true;
  }

  finish(): void {
    const { maxTime, tasks } = this.deferred;
    for (const t of tasks) this.push(buildTask(this.ctx.options, this.ctx.report.notes, t.id, t.start, 0, t.cpu, t.memory, t.machine, Math.max(maxTime, t.start)));
    tasks.length = 0;
  }
}

/** batch_task: task_name, instance_num, job_name, task_type, status, start_time, end_time, plan_cpu, plan_mem */
class BatchTasks extends TaskCsv implements RowParser<TraceTask> {
  constructor(
    ctx: ReadContext,
    deferred: Deferred,
    /** When set, rows are kept here for the instances instead of being emitted. */
    private readonly plans: Map<string, Plan> | undefined,
  ) {
    super(ctx, deferred);
  }

  line(buf: Buffer, start: number, end: number, line: number): boolean {
    if (end <= start) return true;
    const report = this.ctx.report;
    report.rows++;
    if (!this.fields(buf, start, end, line, 'batch_task', 9)) return !this.stopped;
    const row = this.row;
    if (row.empty(0) || row.empty(2)) return this.bad('missing_id', 'task_name and job_name are required', line);
    const n = row.num(1);
    if (!(n >= 0 && Number.isInteger(n))) return this.bad('invalid_count', `instance_num "${row.text(1)}" is not a non-negative integer`, line);
    const s = this.seconds(5);
    const e = this.seconds(6);
    if (s === undefined || e === undefined) return this.bad('invalid_time', `start_time "${row.text(5)}" / end_time "${row.text(6)}" must be whole seconds ≥ 0`, line);
    const cpu = this.resource(7, Infinity);
    const memory = this.resource(8, 100);
    if (cpu === undefined || memory === undefined) return this.bad('invalid_request', `plan_cpu "${row.text(7)}" / plan_mem "${row.text(8)}" must be numbers`, line);
    const status = row.text(4);
    const o = this.ctx.options;
    if (this.plans !== undefined) {
      // Keep only plans that can matter to instances inside the window.
      if (s >= o.end || (e > 0 && e <= o.start)) {
        bump(report.skipped, 'taskOutsideWindow');
        return true;
      }
      this.plans.set(`${row.text(2)}/${row.text(0)}`, { cpu, memory, instances: n, start: s, end: e, status });
      return true;
    }
    if (NEVER_STARTED.has(status) || s === 0) {
      bump(report.skipped, 'neverStarted', n);
      return true;
    }
    if (e > 0 && e < s) {
      bump(report.skipped, 'endBeforeStart', n);
      return true;
    }
    const prefix = `${row.text(2)}/${row.text(0)}/`;
    for (let i = 0; i < n; i++) this.emitTask(prefix + i, s, e, cpu, memory, undefined);
    return !this.stopped;
  }

  finish(): void {}
}

/** batch_instance: instance_name, task_name, job_name, task_type, status, start_time, end_time, machine_id, seq_no, total_seq_no, cpu_avg, cpu_max, mem_avg, mem_max */
class BatchInstances extends TaskCsv implements RowParser<TraceTask> {
  constructor(
    ctx: ReadContext,
    deferred: Deferred,
    private readonly plans: Map<string, Plan>,
  ) {
    super(ctx, deferred);
  }

  line(buf: Buffer, start: number, end: number, line: number): boolean {
    if (end <= start) return true;
    const report = this.ctx.report;
    report.rows++;
    if (!this.fields(buf, start, end, line, 'batch_instance', 14)) return !this.stopped;
    const row = this.row;
    if (row.empty(0) || row.empty(1) || row.empty(2)) return this.bad('missing_id', 'instance_name, task_name and job_name are required', line);
    const s = this.seconds(5);
    const e = this.seconds(6);
    if (s === undefined || e === undefined) return this.bad('invalid_time', `start_time "${row.text(5)}" / end_time "${row.text(6)}" must be whole seconds ≥ 0`, line);
    const status = row.text(4);
    if (NEVER_STARTED.has(status) || s === 0) {
      bump(report.skipped, 'neverStarted');
      return true;
    }
    if (e > 0 && e < s) {
      bump(report.skipped, 'endBeforeStart');
      return true;
    }
    const taskKey = `${row.text(2)}/${row.text(1)}`;
    const plan = this.plans.get(taskKey);
    if (plan === undefined) {
      bump(report.skipped, 'instanceWithoutTask');
      return true;
    }
    this.emitTask(`${taskKey}/${row.text(0)}`, s, e, plan.cpu, plan.memory, row.empty(7) ? undefined : row.text(7));
    return !this.stopped;
  }

  finish(): void {}
}

/** container_meta: container_id, machine_id, time_stamp, app_du, status, cpu_request, cpu_limit, mem_size */
class Containers extends TaskCsv implements RowParser<TraceTask> {
  /** First row of each container: containers are long-running, so one row is enough. */
  private readonly seen = new Map<string, { time: number; machine: string | undefined; cpu: number; memory: number }>();

  line(buf: Buffer, start: number, end: number, line: number): boolean {
    if (end <= start) return true;
    const report = this.ctx.report;
    report.rows++;
    if (!this.fields(buf, start, end, line, 'container_meta', 8)) return !this.stopped;
    const row = this.row;
    if (row.empty(0)) return this.bad('missing_id', 'container_id is required', line);
    const t = this.seconds(2);
    if (t === undefined) return this.bad('invalid_time', `time_stamp "${row.text(2)}" must be whole seconds ≥ 0`, line);
    const cpu = this.resource(5, Infinity);
    const memory = this.resource(7, 100);
    if (cpu === undefined || memory === undefined) return this.bad('invalid_request', `cpu_request "${row.text(5)}" / mem_size "${row.text(7)}" must be numbers`, line);
    const id = row.text(0);
    const known = this.seen.get(id);
    if (known !== undefined) {
      if (t < known.time) known.time = t;
      bump(report.notes, 'containerRowsMerged');
      return true;
    }
    this.seen.set(id, { time: t, machine: row.empty(1) ? undefined : row.text(1), cpu, memory });
    return true;
  }

  finish(): void {
    for (const [id, c] of this.seen) this.emitTask(id, c.time, 0, c.cpu, c.memory, c.machine);
    this.seen.clear();
  }
}

/** machine_meta: machine_id, time_stamp, failure_domain_1, failure_domain_2, cpu_num, mem_size, status */
class MachineMeta extends AlibabaCsv<TraceMachine> implements RowParser<TraceMachine> {
  private readonly rows: { id: string; time: number; cpu: number; memory: number; labels: Record<string, string> }[] = [];

  line(buf: Buffer, start: number, end: number, line: number): boolean {
    if (end <= start) return true;
    this.ctx.report.rows++;
    if (!this.fields(buf, start, end, line, 'machine_meta', 7)) return !this.stopped;
    const row = this.row;
    if (row.empty(0)) return this.bad('missing_id', 'machine_id is required', line);
    const t = this.seconds(1);
    if (t === undefined) return this.bad('invalid_time', `time_stamp "${row.text(1)}" must be whole seconds ≥ 0`, line);
    const cpu = figure(row, 4);
    const memory = figure(row, 5);
    if (!(cpu >= 0) || !(memory >= 0)) return this.bad('invalid_capacity', `cpu_num "${row.text(4)}" / mem_size "${row.text(5)}" must be non-negative numbers`, line);
    const labels: Record<string, string> = { failureDomain1: row.text(2), failureDomain2: row.text(3), status: row.text(6) };
    this.rows.push({ id: row.text(0), time: t, cpu: Math.round(cpu * 1000), memory: memoryBytes(memory, this.ctx.options), labels });
    return true;
  }

  finish(): void {
    // The table is small and not sorted: sort by time (stable), then replay.
    this.rows.sort((a, b) => a.time - b.time);
    const tracker = new MachineTracker(this.ctx.options, this.ctx.report);
    const last = new Map<string, { cpu: number; memory: number }>();
    for (const r of this.rows) {
      if (r.time >= this.ctx.options.end) break;
      const prev = last.get(r.id);
      if (prev !== undefined && prev.cpu === r.cpu && prev.memory === r.memory) {
        bump(this.ctx.report.notes, 'statusOnlyChange');
        continue;
      }
      last.set(r.id, { cpu: r.cpu, memory: r.memory });
      tracker.advance(r.time);
      tracker.event(r.id, r.time, prev === undefined ? 'add' : 'update', r.cpu, r.memory, r.labels);
    }
    tracker.finish();
    this.out.push(...tracker.out);
    this.rows.length = 0;
  }
}

/**
 * Reads Alibaba cluster-trace-v2018 batch and online workloads (CSV without header, plain or gzip)
 * and yields {@link TraceTask}s:
 * - with `batchTask` and `batchInstance`: one task per instance (`job/task/instance`), requesting its
 *   task's `plan_cpu` and `plan_mem`, placed on its `machine_id`, from `start_time` to `end_time`;
 * - with `batchTask` alone: `instance_num` tasks per task (`job/task/0…`), without machines;
 * - with `containerMeta`: one long-running task per container (its first row), until the window end.
 *
 * CPU: 100 = one core, so millicores = value × 10. Memory: 0–100 of `options.shape.memory`.
 * Times are seconds; 0 means "outside the 8-day span" (a start of 0 is never started, an end of 0
 * is still running). `batch_task` rows overlapping the window are held in memory to join instances.
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
export function readAlibaba2018Tasks(files: Alibaba2018Files, options: TraceReadOptions): TraceStream<TraceTask> {
  const o = resolveOptions(options, 1);
  if (fileList(files.batchInstance).length > 0 && fileList(files.batchTask).length === 0) {
    throw new PodsimError([{ code: 'missing_table', path: 'batchTask', message: 'batch_instance needs batch_task for the requests (plan_cpu, plan_mem)' }], 'cannot read the trace');
  }
  return new TraceStream(o, (ctx) => Promise.resolve(alibaba2018TaskPhases(files, ctx)));
}

/**
 * The read plan of {@link readAlibaba2018Tasks}. @internal
 * @example
 * ```ts
 * new TraceStream(options, async (ctx) => alibaba2018TaskPhases({ batchTask: ['batch_task.csv'] }, ctx));
 * ```
 */
export function alibaba2018TaskPhases(files: Alibaba2018Files, ctx: ReadContext): ReadPhase<TraceTask>[] {
  const phases: ReadPhase<TraceTask>[] = [];
  const deferred: Deferred = { maxTime: 0, tasks: [] };
  if (fileList(files.batchInstance).length > 0) {
    const plans = new Map<string, Plan>();
    phases.push({ files: fileList(files.batchTask), parser: new BatchTasks(ctx, deferred, plans) });
    phases.push({ files: fileList(files.batchInstance), parser: new BatchInstances(ctx, deferred, plans) });
  } else if (fileList(files.batchTask).length > 0) phases.push({ files: fileList(files.batchTask), parser: new BatchTasks(ctx, deferred, undefined) });
  if (fileList(files.containerMeta).length > 0) phases.push({ files: fileList(files.containerMeta), parser: new Containers(ctx, deferred) });
  phases.push({ files: [], parser: new DeferredTasks(ctx, deferred) });
  return phases;
}

/**
 * Reads Alibaba cluster-trace-v2018 `machine_meta` files and yields {@link TraceMachine} events:
 * a machine's first row adds it, a later row with another capacity updates it (rows that only
 * change `status` are counted in `report.notes.statusOnlyChange`). CPU: `cpu_num` cores × 1000
 * millicores; memory: `mem_size` (0–100) of `options.shape.memory`. Labels: `failureDomain1`,
 * `failureDomain2`, `status`. The table is small; it is sorted by time in memory.
 *
 * @example
 * ```ts
 * const machines = await readAlibaba2018Machines('machine_meta.csv', { shape: { cpu: 96_000, memory: 512 * 2 ** 30 } }).toArray();
 * ```
 */
export function readAlibaba2018Machines(files: string | readonly string[], options: TraceReadOptions): TraceStream<TraceMachine> {
  return streamFiles(files, options, 1, alibaba2018MachinePhases);
}

/**
 * The read plan of {@link readAlibaba2018Machines}. @internal
 * @example
 * ```ts
 * new TraceStream(options, async (ctx) => alibaba2018MachinePhases(['machine_meta.csv'], ctx));
 * ```
 */
export function alibaba2018MachinePhases(files: readonly string[], ctx: ReadContext): ReadPhase<TraceMachine>[] {
  return [{ files, parser: new MachineMeta(ctx) }];
}
