import { CsvRow } from './csv-row.js';
import { ParserBase } from './parser-base.js';
import { makeSampler } from './sample-keeps.js';
import { scaleNormalised } from './scale-normalised.js';
import { NO_PRIORITY, TaskColumns, TaskFlag, type TaskBatch } from './task-batch.js';
import type { ResolvedOptions } from './trace-options.js';
import { bump } from './trace-report.js';
import type { ReadContext } from './trace-stream.js';

/**
 * Alibaba's scale: CPU "100 is 1 core", so millicores are ×10. @internal
 * @example
 * ```ts
 * cpuMillicores(400); // 4000
 * ```
 */
export function cpuMillicores(v: number): number {
  return Math.round(v * 10);
}

/**
 * Alibaba memory is 0–100 of the largest machine's memory: bytes of `shape.memory`. @internal
 * @example
 * ```ts
 * memoryBytes(50, options); // half of options.shape.memory
 * ```
 */
export function memoryBytes(v: number, o: ResolvedOptions): number {
  return scaleNormalised(v / 100, o.shape.memory);
}

/**
 * What the task tables of one Alibaba read share: the id counter, the last time seen in any row of
 * any task table (where tasks still running end when the window is open), and the rows waiting for
 * it. @internal
 * @example
 * ```ts
 * const shared: AlibabaRead = { nextId: 0, maxTime: 0, deferred: new TaskColumns() };
 * ```
 */
export interface AlibabaRead {
  nextId: number;
  maxTime: number;
  /** Tasks of an open window still running at the input's end: `duration` is set once every file is read. */
  readonly deferred: TaskColumns;
}

/** Statuses of Alibaba instances and tasks that never ran. */
const NEVER_STARTED = new Set(['Waiting', 'Ready']);

/**
 * The parts every Alibaba CSV parser shares: the reused row, the sampler, column checks, a tolerated
 * header line, Alibaba's time and resource conventions, and writing a task row with the window applied.
 * @internal
 * @example
 * ```ts
 * class BatchTasks extends AlibabaCsv<TaskBatch> { … }
 * ```
 */
export abstract class AlibabaCsv<B> extends ParserBase<B> {
  protected readonly row = new CsvRow();
  protected readonly keep: ((id: string) => boolean) | undefined;

  constructor(ctx: ReadContext) {
    super(ctx);
    this.keep = makeSampler(ctx.options.sample);
  }

  /**
   * Splits a row and checks its column count; false when it is bad, or when it is a header line (the
   * published files have none, but exports often add one: `name` is the column that proves it).
   */
  protected fields(buf: Buffer, start: number, end: number, line: number, table: string, columns: number, timeColumn: number, timeName: string): boolean {
    const n = this.row.split(buf, start, end);
    if (this.header(line, n > timeColumn && this.row.text(timeColumn) === timeName)) return false;
    if (n !== columns) {
      this.bad('wrong_column_count', `${table} rows have ${columns} columns; this one has ${n}`, line);
      return false;
    }
    return true;
  }

  /** A time column: integer seconds ≥ 0 (written `12.0` too), or empty (0: outside the trace's span). undefined when invalid. */
  protected seconds(i: number): number | undefined {
    if (this.row.empty(i)) return 0;
    const v = this.row.num(i);
    return v >= 0 && Number.isInteger(v) ? v : undefined;
  }

  /** A resource figure: NaN when empty or one of Alibaba's invalid markers (negative, above `max`); undefined when not a number. */
  protected resource(i: number, max: number): number | undefined {
    const row = this.row;
    if (row.empty(i)) return NaN;
    const v = row.num(i);
    if (Number.isNaN(v)) return undefined;
    if (v < 0 || v > max) {
      bump(this.ctx.report.notes, 'invalidValue');
      return NaN;
    }
    return v;
  }
}

/**
 * What a status and a start/end pair say about a batch run: `run` (start and end as given, end 0 =
 * still running), or why it is left out. A start of 0 means "before or after the trace's 8-day
 * span" (the trace's documentation): with an end, or with a running status, the run began before
 * the trace and is kept from time 0 (noted as `startBeforeTrace`).
 * @internal
 * @example
 * ```ts
 * batchVerdict('Terminated', 0, 120, notes); // 'run' (started before the trace)
 * batchVerdict('Waiting', 0, 0, notes);      // 'neverStarted'
 * ```
 */
export function batchVerdict(status: string, start: number, end: number, notes: Record<string, number>): 'run' | 'neverStarted' | 'endBeforeStart' | 'unknownTimes' {
  if (NEVER_STARTED.has(status)) return 'neverStarted';
  if (end > 0 && end < start) return 'endBeforeStart';
  if (start === 0) {
    if (end === 0 && status !== 'Running') return 'unknownTimes';
    bump(notes, 'startBeforeTrace');
  }
  return 'run';
}

/**
 * Writes one Alibaba run (start and end in trace seconds; end 0 = not ended) as a task row, with the
 * window applied; counts what the window leaves out. `sampleId` is the text id, checked against the
 * sample. Tracks the input's last time before sampling, so that it does not depend on the sample.
 * @internal
 * @example
 * ```ts
 * writeRun(ctx, shared, out, 'j_1/M1/ins_5', 100, 150, 100, 0.5, machine, job, member);
 * ```
 */
export function writeRun(
  ctx: ReadContext,
  shared: AlibabaRead,
  out: TaskColumns,
  sampleId: (() => string) | undefined,
  keep: ((id: string) => boolean) | undefined,
  start: number,
  end: number,
  cpu: number,
  memory: number,
  machine: number,
  job: () => number,
  member: () => number,
): void {
  const report = ctx.report;
  if (start > shared.maxTime) shared.maxTime = start;
  if (end > shared.maxTime) shared.maxTime = end;
  if (keep !== undefined && sampleId !== undefined && !keep(sampleId())) {
    bump(report.skipped, 'sampledOut');
    return;
  }
  const o = ctx.options;
  const ended = end > 0;
  if (start >= o.end) {
    bump(report.skipped, 'afterWindow');
    return;
  }
  if ((ended && end <= o.start) || (start < o.start && !o.includeRunningAtStart)) {
    bump(report.skipped, 'beforeWindow');
    return;
  }
  const s = Math.max(start, o.start);
  let flags = start < o.start ? TaskFlag.BeforeWindow : 0;
  if (!ended || end > o.end) {
    bump(report.notes, 'runningAtWindowEnd');
    flags |= TaskFlag.RunningAtEnd;
  }
  if (Number.isNaN(cpu) || Number.isNaN(memory)) {
    bump(report.notes, 'missingRequest');
    flags |= TaskFlag.MissingRequest;
  }
  // Not ended and the window is open: the run ends at the input's last time, known once every file is read.
  const target = !ended && o.end === Infinity ? shared.deferred : out;
  const r = target.add();
  target.id[r] = shared.nextId++;
  target.submit[r] = s - o.start;
  target.start[r] = s - o.start;
  target.duration[r] = ended ? Math.max(0, Math.min(end, o.end) - s) : target === out ? Math.max(0, o.end - s) : NaN;
  target.cpu[r] = Number.isNaN(cpu) ? 0 : cpuMillicores(cpu);
  target.memory[r] = Number.isNaN(memory) ? 0 : memoryBytes(memory, o);
  target.priority[r] = NO_PRIORITY;
  target.machine[r] = machine;
  target.job[r] = job();
  target.member[r] = member();
  target.flags[r] = flags;
}

/**
 * Hands over the deferred runs with their end set to the input's last time. @internal
 * @example
 * ```ts
 * const batch = releaseDeferred(shared, options);
 * ```
 */
export function releaseDeferred(shared: AlibabaRead, o: ResolvedOptions): TaskBatch | undefined {
  const d = shared.deferred;
  for (let i = 0; i < d.length; i++) d.duration[i] = Math.max(0, shared.maxTime - o.start - (d.start[i] as number));
  return d.take();
}
