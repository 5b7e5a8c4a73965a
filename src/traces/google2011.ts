import { CsvRow } from './csv-row.js';
import { MachineTracker } from './machine-tracker.js';
import { ParserBase } from './parser-base.js';
import { SlotTable } from './slot-table.js';
import { TaskTracker } from './task-tracker.js';
import type { TraceMachine, TraceTask } from './trace-records.js';
import type { TraceReadOptions } from './trace-options.js';
import { bump } from './trace-report.js';
import { streamFiles, TraceStream, type ReadContext, type ReadPhase, type RowParser } from './trace-stream.js';
import { scaleNormalised } from './scale-normalised.js';

/** Times at or past 2⁶² µs mean "after the end of the trace" (the trace writes 2⁶³−1). */
const AFTER_TRACE = 2 ** 62;


/** True when a first line looks like a header someone added (`time,…`), not data. */
function isHeader(row: CsvRow, line: number): boolean {
  return line === 1 && Number.isNaN(row.num(0)) && /time/i.test(row.text(0));
}

/** task_events columns (0-based): the 2011 schema has 13. */
const T = { time: 0, missing: 1, job: 2, index: 3, machine: 4, type: 5, user: 6, schedClass: 7, priority: 8, cpu: 9, memory: 10, disk: 11, differentMachines: 12 } as const;

class TaskEvents2011 extends ParserBase<TraceTask> implements RowParser<TraceTask> {
  private readonly row = new CsvRow();
  private readonly tracker: TaskTracker;

  constructor(ctx: ReadContext) {
    super(ctx);
    const row = this.row;
    this.tracker = new TaskTracker(
      ctx.options,
      ctx.report,
      (kNum, kStr) => (kStr === undefined ? `${Math.floor(kNum / 1e6)}/${kNum % 1e6}` : kStr.replace(',', '/')),
      () => `${row.text(T.job)}/${row.text(T.index)}`,
    );
    this.outbox = this.tracker;
  }


  line(buf: Buffer, start: number, end: number, line: number): boolean {
    if (end <= start) return true;
    const report = this.ctx.report;
    report.rows++;
    const row = this.row;
    const n = row.split(buf, start, end);
    if (n !== 13) {
      if (isHeader(row, line)) {
        report.rows--;
        return true;
      }
      return this.bad('wrong_column_count', `task_events rows have 13 columns; this one has ${n}`, line);
    }
    const t = row.num(T.time);
    if (!(t >= 0)) {
      if (isHeader(row, line)) {
        report.rows--;
        return true;
      }
      return this.bad('invalid_time', `time "${row.text(T.time)}" is not a non-negative number of microseconds`, line);
    }
    const type = row.num(T.type);
    if (!(type >= 0 && type <= 8 && Number.isInteger(type))) return this.bad('invalid_event_type', `event type "${row.text(T.type)}" is not one of 0–8`, line);
    if (row.empty(T.job) || row.empty(T.index)) return this.bad('missing_id', 'the job ID and task index are required', line);
    const cpu = row.empty(T.cpu) ? NaN : row.num(T.cpu);
    if (!row.empty(T.cpu) && !(cpu >= 0)) return this.bad('invalid_request', `CPU request "${row.text(T.cpu)}" is not a non-negative number`, line);
    const memory = row.empty(T.memory) ? NaN : row.num(T.memory);
    if (!row.empty(T.memory) && !(memory >= 0)) return this.bad('invalid_request', `memory request "${row.text(T.memory)}" is not a non-negative number`, line);
    const priority = row.empty(T.priority) ? NaN : row.num(T.priority);
    if (!row.empty(T.priority) && Number.isNaN(priority)) return this.bad('invalid_priority', `priority "${row.text(T.priority)}" is not a number`, line);
    if (t >= AFTER_TRACE) {
      bump(report.skipped, 'afterTraceEnd');
      return true;
    }
    const tracker = this.tracker;
    if (!this.admit(tracker.advance(t), line)) return !this.stopped;
    // Key: job × 10⁶ + index when both are plain integers and that fits in 2⁵³ (Google 2011 job IDs
    // have 10 digits), else the text; either way the id is the text `job/index`.
    const job = row.num(T.job);
    const index = row.num(T.index);
    let kNum = -1;
    let kStr: string | undefined;
    if (job < 9e9 && index < 1e6 && row.canonicalInteger(T.job) && row.canonicalInteger(T.index)) kNum = job * 1e6 + index;
    else kStr = row.span(T.job, T.index);
    switch (type) {
      case 0:
        tracker.submit(kNum, kStr, t, cpu, memory, priority);
        break;
      case 1:
        tracker.schedule(kNum, kStr, t, this.machineId(), cpu, memory, priority);
        break;
      case 7:
      case 8:
        tracker.update(kNum, kStr, cpu, memory, priority);
        break;
      default: // EVICT, FAIL, FINISH, KILL, LOST
        tracker.end(kNum, kStr, t);
    }
    return !this.stopped;
  }

  /** Machine ids repeat on every SCHEDULE: plain integer ids are interned (a cluster has ~10⁴ machines). */
  private readonly machineSlots = new SlotTable(1024);
  private readonly machineNames: string[] = [];

  private machineId(): string | undefined {
    const row = this.row;
    if (row.empty(T.machine)) return undefined;
    const n = row.num(T.machine);
    if (!(n < 2 ** 53) || !row.canonicalInteger(T.machine) || this.machineNames.length >= 1 << 20) return row.text(T.machine);
    const slot = this.machineSlots.get(n);
    if (slot >= 0) return this.machineNames[slot];
    const name = row.text(T.machine);
    this.machineSlots.set(n, this.machineNames.length);
    this.machineNames.push(name);
    return name;
  }

  finish(): void {
    this.tracker.finish(this.ctx.report.stoppedAtWindowEnd);
  }
}

const MACHINE_EVENTS = ['add', 'remove', 'update'] as const;

class MachineEvents2011 extends ParserBase<TraceMachine> implements RowParser<TraceMachine> {
  private readonly row = new CsvRow();
  private readonly tracker: MachineTracker;

  constructor(ctx: ReadContext) {
    super(ctx);
    this.tracker = new MachineTracker(ctx.options, ctx.report);
    this.outbox = this.tracker;
  }


  line(buf: Buffer, start: number, end: number, line: number): boolean {
    if (end <= start) return true;
    const report = this.ctx.report;
    report.rows++;
    const row = this.row;
    const n = row.split(buf, start, end);
    const t = row.num(0);
    if (n !== 6 || !(t >= 0)) {
      if (isHeader(row, line)) {
        report.rows--;
        return true;
      }
      if (n !== 6) return this.bad('wrong_column_count', `machine_events rows have 6 columns; this one has ${n}`, line);
      return this.bad('invalid_time', `time "${row.text(0)}" is not a non-negative number of microseconds`, line);
    }
    if (row.empty(1)) return this.bad('missing_id', 'the machine ID is required', line);
    const type = row.num(2);
    const event = MACHINE_EVENTS[type];
    if (event === undefined || !Number.isInteger(type)) return this.bad('invalid_event_type', `event type "${row.text(2)}" is not 0 (add), 1 (remove) or 2 (update)`, line);
    const cpu = row.empty(4) ? NaN : row.num(4);
    const memory = row.empty(5) ? NaN : row.num(5);
    if ((!row.empty(4) && !(cpu >= 0)) || (!row.empty(5) && !(memory >= 0))) return this.bad('invalid_capacity', `capacity "${row.text(4)}", "${row.text(5)}" is not a pair of non-negative numbers`, line);
    if (t >= AFTER_TRACE) {
      bump(report.skipped, 'afterTraceEnd');
      return true;
    }
    if (!this.admit(this.tracker.advance(t), line)) return !this.stopped;
    const { shape } = this.ctx.options;
    this.tracker.event(
      row.text(1),
      t,
      event,
      Number.isNaN(cpu) ? NaN : scaleNormalised(cpu, shape.cpu),
      Number.isNaN(memory) ? NaN : scaleNormalised(memory, shape.memory),
      row.empty(3) ? undefined : { platform: row.text(3) },
    );
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
export function readGoogle2011Tasks(files: string | readonly string[], options: TraceReadOptions): TraceStream<TraceTask> {
  return streamFiles(files, options, 1e6, google2011TaskPhases);
}

/**
 * The read plan of {@link readGoogle2011Tasks}. @internal
 * @example
 * ```ts
 * new TraceStream(options, async (ctx) => google2011TaskPhases(['task_events.csv'], ctx));
 * ```
 */
export function google2011TaskPhases(files: readonly string[], ctx: ReadContext): ReadPhase<TraceTask>[] {
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
export function readGoogle2011Machines(files: string | readonly string[], options: TraceReadOptions): TraceStream<TraceMachine> {
  return streamFiles(files, options, 1e6, google2011MachinePhases);
}

/**
 * The read plan of {@link readGoogle2011Machines}. @internal
 * @example
 * ```ts
 * new TraceStream(options, async (ctx) => google2011MachinePhases(['machine_events.csv'], ctx));
 * ```
 */
export function google2011MachinePhases(files: readonly string[], ctx: ReadContext): ReadPhase<TraceMachine>[] {
  return [{ files, parser: new MachineEvents2011(ctx) }];
}
