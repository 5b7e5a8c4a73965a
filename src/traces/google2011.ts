import { CsvRow } from './csv-row.js';
import { MachineColumns, MachineEventKind, machineRecord, type MachineEventBatch } from './machine-batch.js';
import { MachineTracker } from './machine-tracker.js';
import { ParserBase } from './parser-base.js';
import { TaskColumns, taskRecord, type TaskBatch } from './task-batch.js';
import { TaskTracker, type RowKeys } from './task-tracker.js';
import type { TraceDictionary } from './trace-dictionary.js';
import type { TraceMachine, TraceTask } from './trace-records.js';
import type { TraceReadOptions } from './trace-options.js';
import { bump } from './trace-report.js';
import { streamFiles, TraceStream, type ReadContext, type ReadPhase, type RowParser } from './trace-stream.js';
import { scaleNormalised } from './scale-normalised.js';

/** Times at or past 2⁶² µs mean "after the end of the trace" (the trace writes 2⁶³−1). */
const AFTER_TRACE = 2 ** 62;

/** True when a row looks like a header someone added (`time,…`), not data. */
function looksLikeHeader(row: CsvRow): boolean {
  return Number.isNaN(row.num(0)) && /time/i.test(row.text(0));
}

/** task_events columns (0-based): the 2011 schema has 13. */
const T = { time: 0, missing: 1, job: 2, index: 3, machine: 4, type: 5, user: 6, schedClass: 7, priority: 8, cpu: 9, memory: 10, disk: 11, differentMachines: 12 } as const;

const INT31 = 2 ** 31;

class TaskEvents2011 extends ParserBase<TaskBatch> implements RowParser<TaskBatch>, RowKeys {
  private readonly row = new CsvRow();
  private readonly tracker: TaskTracker;
  protected readonly outbox: TaskColumns;
  private readonly dict: TraceDictionary;
  /** The row's job ID and task index as numbers, -1 when not canonical integers. */
  private jobNum = -1;
  private indexNum = -1;
  /** The job asked for last (a job's tasks come in runs of rows): its number and index. */

  constructor(ctx: ReadContext) {
    super(ctx);
    this.dict = ctx.dictionary;
    this.tracker = new TaskTracker(ctx.options, ctx.report, this, ctx.horizon, ctx.dictionary.forgetJobs ? ctx.dictionary : undefined);
    this.outbox = this.tracker.out;
  }

  job(): number {
    const row = this.row;
    const n = this.jobNum;
    if (n >= 0) return this.dict.jobNumber(n);
    const key = row.text(T.job);
    return this.dict.job(key);
  }

  member(): number {
    return this.indexNum >= 0 && this.indexNum < INT31 ? this.indexNum : this.dict.memberText(this.id());
  }

  id(): string {
    return this.row.span(T.job, T.index).replace(',', '/');
  }

  line(buf: Buffer, start: number, end: number, line: number): boolean {
    if (end <= start) return true;
    const report = this.ctx.report;
    report.rows++;
    const row = this.row;
    const n = row.split(buf, start, end);
    if (n !== 13) {
      if (this.header(line, looksLikeHeader(row))) return true;
      return this.bad('wrong_column_count', `task_events rows have 13 columns; this one has ${n}`, line);
    }
    const t = row.num(T.time);
    if (!(t >= 0)) {
      if (this.header(line, looksLikeHeader(row))) return true;
      return this.bad('invalid_time', `time "${row.text(T.time)}" is not a non-negative number of microseconds`, line);
    }
    const type = row.uint(T.type);
    if (!(type >= 0 && type <= 8)) return this.bad('invalid_event_type', `event type "${row.text(T.type)}" is not one of 0–8`, line);
    if (row.empty(T.job) || row.empty(T.index)) return this.bad('missing_id', 'the job ID and task index are required', line);
    const cpu = row.empty(T.cpu) ? NaN : row.num(T.cpu);
    if (!row.empty(T.cpu) && !(cpu >= 0)) return this.bad('invalid_request', `CPU request "${row.text(T.cpu)}" is not a non-negative number`, line);
    const memory = row.empty(T.memory) ? NaN : row.num(T.memory);
    if (!row.empty(T.memory) && !(memory >= 0)) return this.bad('invalid_request', `memory request "${row.text(T.memory)}" is not a non-negative number`, line);
    const priority = row.empty(T.priority) ? NaN : row.uint(T.priority);
    if (priority < 0 || priority >= INT31) return this.bad('invalid_priority', `priority "${row.text(T.priority)}" is not a non-negative integer`, line);
    if (t >= AFTER_TRACE) {
      bump(report.skipped, 'afterTraceEnd');
      return true;
    }
    const tracker = this.tracker;
    if (!this.admit(tracker.advance(t), line)) return !this.stopped;
    // Key: the job ID and task index as numbers when both are canonical integers (Google 2011 job IDs
    // have 10 digits), else the task's whole text id, interned.
    this.jobNum = row.uint(T.job);
    this.indexNum = row.uint(T.index);
    let a: number;
    let b: number;
    if (this.jobNum >= 0 && this.indexNum >= 0 && this.indexNum < INT31) {
      a = this.jobNum;
      b = this.indexNum;
    } else {
      a = this.dict.memberText(this.id());
      b = -1;
    }
    switch (type) {
      case 0:
        tracker.submit(a, b, t, cpu, memory, priority);
        break;
      case 1:
        tracker.schedule(a, b, t, this.machine(), cpu, memory, priority);
        break;
      case 7:
      case 8:
        tracker.update(a, b, cpu, memory, priority, 'updateForUnknownTask');
        break;
      default: // EVICT, FAIL, FINISH, KILL, LOST
        tracker.end(a, b, t);
    }
    return !this.stopped;
  }

  /** The row's machine as a dictionary index (machine IDs repeat on every SCHEDULE: interned by value), -1 when empty. */
  private machine(): number {
    const row = this.row;
    if (row.empty(T.machine)) return -1;
    const n = row.uint(T.machine);
    if (n < 0) return this.dict.machines.ofText(row.text(T.machine));
    const found = this.dict.machines.findNumber(n);
    return found >= 0 ? found : this.dict.machines.addNumber(n, row.text(T.machine));
  }

  finish(): void {
    this.tracker.finish(this.ctx.report.stoppedAtWindowEnd);
  }
}

const MACHINE_EVENTS = [MachineEventKind.Add, MachineEventKind.Remove, MachineEventKind.Update] as const;

class MachineEvents2011 extends ParserBase<MachineEventBatch> implements RowParser<MachineEventBatch> {
  private readonly row = new CsvRow();
  private readonly tracker: MachineTracker;
  protected readonly outbox: MachineColumns;

  constructor(ctx: ReadContext) {
    super(ctx);
    this.tracker = new MachineTracker(ctx.options, ctx.report, ctx.dictionary);
    this.outbox = this.tracker.out;
  }

  line(buf: Buffer, start: number, end: number, line: number): boolean {
    if (end <= start) return true;
    const report = this.ctx.report;
    report.rows++;
    const row = this.row;
    const n = row.split(buf, start, end);
    const t = row.num(0);
    if (n !== 6 || !(t >= 0)) {
      if (this.header(line, looksLikeHeader(row))) return true;
      if (n !== 6) return this.bad('wrong_column_count', `machine_events rows have 6 columns; this one has ${n}`, line);
      return this.bad('invalid_time', `time "${row.text(0)}" is not a non-negative number of microseconds`, line);
    }
    if (row.empty(1)) return this.bad('missing_id', 'the machine ID is required', line);
    const event = MACHINE_EVENTS[row.uint(2)];
    if (event === undefined) return this.bad('invalid_event_type', `event type "${row.text(2)}" is not 0 (add), 1 (remove) or 2 (update)`, line);
    const cpu = row.empty(4) ? NaN : row.num(4);
    const memory = row.empty(5) ? NaN : row.num(5);
    if ((!row.empty(4) && !(cpu >= 0)) || (!row.empty(5) && !(memory >= 0))) return this.bad('invalid_capacity', `capacity "${row.text(4)}", "${row.text(5)}" is not a pair of non-negative numbers`, line);
    if (t >= AFTER_TRACE) {
      bump(report.skipped, 'afterTraceEnd');
      return true;
    }
    if (!this.admit(this.tracker.advance(t), line)) return !this.stopped;
    const { shape } = this.ctx.options;
    const machine = this.ctx.dictionary.machine(row.text(1), row.empty(3) ? undefined : { platform: row.text(3) });
    this.tracker.event(machine, t, event, Number.isNaN(cpu) ? NaN : scaleNormalised(cpu, shape.cpu), Number.isNaN(memory) ? NaN : scaleNormalised(memory, shape.memory));
    return !this.stopped;
  }

  finish(): void {
    this.tracker.finish();
  }
}

/**
 * Reads Google cluster-data 2011 `task_events` files (CSV without header, plain or gzip, in time
 * order; pass the part files in order) and yields one {@link TraceTask} per run of a task: SUBMIT,
 * then SCHEDULE (start and machine), then FINISH, FAIL, KILL, EVICT or LOST (end). CPU and memory
 * requests are scaled by `options.shape`. Streams: only tasks alive at the current row are held.
 *
 * @example
 * ```ts
 * const tasks = readGoogle2011Tasks(['task_events/part-00000-of-00500.csv.gz'], {
 *   shape: { cpu: 64_000, memory: 256 * 2 ** 30 },
 *   window: { start: 600, end: 4200 },
 * });
 * for await (const t of tasks) console.log(t.id, t.request.cpu, t.duration);
 * ```
 */
export function readGoogle2011Tasks(files: string | readonly string[], options: TraceReadOptions): TraceStream<TraceTask, TaskBatch> {
  return streamFiles(files, options, 1e6, google2011TaskPhases, taskRecord);
}

/**
 * The read plan of {@link readGoogle2011Tasks}. @internal
 * @example
 * ```ts
 * new TraceStream(options, async (ctx) => google2011TaskPhases(['task_events.csv'], ctx));
 * ```
 */
export function google2011TaskPhases(files: readonly string[], ctx: ReadContext): ReadPhase<TaskBatch>[] {
  return [{ files, parser: new TaskEvents2011(ctx) }];
}

/**
 * Reads Google cluster-data 2011 `machine_events` files (CSV without header: time, machine ID,
 * event type 0 add / 1 remove / 2 update, platform ID, CPUs, memory) and yields
 * {@link TraceMachine} events, capacities scaled by `options.shape`.
 *
 * @example
 * ```ts
 * const machines = await readGoogle2011Machines('machine_events/part-00000-of-00001.csv.gz', {
 *   shape: { cpu: 64_000, memory: 256 * 2 ** 30 },
 * }).toArray();
 * ```
 */
export function readGoogle2011Machines(files: string | readonly string[], options: TraceReadOptions): TraceStream<TraceMachine, MachineEventBatch> {
  return streamFiles(files, options, 1e6, google2011MachinePhases, machineRecord);
}

/**
 * The read plan of {@link readGoogle2011Machines}. @internal
 * @example
 * ```ts
 * new TraceStream(options, async (ctx) => google2011MachinePhases(['machine_events.csv'], ctx));
 * ```
 */
export function google2011MachinePhases(files: readonly string[], ctx: ReadContext): ReadPhase<MachineEventBatch>[] {
  return [{ files, parser: new MachineEvents2011(ctx) }];
}
