import { stat } from 'node:fs/promises';
import { PodsimError, type Issue } from '../errors.js';
import { pumpLines, type LineSink } from './line-source.js';
import { resolveOptions, type ResolvedOptions, type TraceReadOptions } from './trace-options.js';
import { emptyReport, IssueLog, type TraceReport } from './trace-report.js';
import { TraceDictionary } from './trace-dictionary.js';
import type { DeltaReader } from './worker/dictionary-delta.js';
import { workerBatches } from './worker/worker-batches.js';
import type { WorkerJob } from './worker/worker-messages.js';

/**
 * A line parser that turns rows into batches of type B. @internal
 * @example
 * ```ts
 * const phase: ReadPhase<TaskBatch> = { files: ['a.csv'], parser: new TaskEvents2011(ctx) };
 * ```
 */
export interface RowParser<B> extends LineSink {
  /** Hands over what was produced since the last call (undefined when nothing was). */
  take(): B | undefined;
  /** Called before each file. */
  beginFile(file: string): void;
  /** Called once after the last file of this parser: emits what is still pending. */
  finish(): void;
  /** True once the parser has decided to stop reading (window end passed or issue list full). */
  stopped: boolean;
}

/**
 * One step of a read: some files, read in order by one parser. @internal
 * @example
 * ```ts
 * const phase: ReadPhase<TaskBatch> = { files: ['a.csv'], parser };
 * ```
 */
export interface ReadPhase<B> {
  readonly files: readonly string[];
  readonly parser: RowParser<B>;
}

/**
 * Everything a parser needs from the read it belongs to. @internal
 * @example
 * ```ts
 * const parser = new TaskEvents2011(ctx); // ctx: { options, report, log, dictionary }
 * ```
 */
export interface ReadContext {
  readonly options: ResolvedOptions;
  readonly report: TraceReport;
  readonly log: IssueLog;
  readonly dictionary: TraceDictionary;
  /** Arrival order (task streams of event traces): the horizon in trace units; undefined for end order. */
  readonly horizon?: number;
}

/**
 * How {@link TraceStream.batches} orders tasks.
 *
 * @example
 * ```ts
 * const order: BatchOrder = { arrival: { horizon: 3600 } };
 * ```
 */
export interface BatchOrder {
  /**
   * Tasks in submission order (Google traces only): a task still running `horizon` seconds of trace
   * time after its submission is handed over `Open` (duration unknown), and an `End` row with the
   * same id follows when it ends (a `Start` row first, when it came `Open` before it started; see
   * `TaskFlag`). Memory holds the tasks alive plus those submitted within the last
   * `horizon`. Without it, tasks come when they end, complete.
   * @defaultValue end order
   */
  readonly arrival?: { readonly horizon: number };
}

/** A batch of any kind: something with a length. @example `const b: Sized = { length: 0 };` */
export interface Sized {
  readonly length: number;
}

/**
 * An async iterable of trace records that also reports what it read. Each iteration reads the files
 * again from the start, streaming, and refreshes {@link TraceStream.report}.
 * {@link TraceStream.batches} yields typed-array batches (a {@link TaskBatch} of tasks, a
 * {@link MachineEventBatch} of machine events), one per chunk of input, with no object per record:
 * the way to read large traces. Iterating with `for await` yields one object per record, made from
 * those batches, for small traces and exploration.
 *
 * @example
 * ```ts
 * const tasks = readGoogle2011Tasks(['task_events/part-00000-of-00500.csv.gz'], { shape });
 * for await (const task of tasks) console.log(task.id, task.submit, task.duration);
 * console.log(`${tasks.report.rows} rows, ${tasks.report.records} tasks`);
 * ```
 */
export class TraceStream<T, B extends Sized = Sized> implements AsyncIterable<T> {
  /** What the last (or current) iteration read; see {@link TraceReport}. */
  report: TraceReport = emptyReport([]);

  /** @internal */
  constructor(
    private readonly options: ResolvedOptions,
    private readonly plan: (ctx: ReadContext) => Promise<ReadPhase<B>[]>,
    private readonly record: (batch: B, i: number, dictionary: TraceDictionary) => T,
    /** The names behind the batches' integer columns; shared by the streams of one {@link readTrace}. */
    readonly dictionary: TraceDictionary = new TraceDictionary(),
    /** Read in a worker thread: the job to give it and how to translate its batches' indices. */
    private readonly inWorker?: { readonly job: Omit<WorkerJob, 'order'>; readonly remap: (batch: B, map: DeltaReader) => void },
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for await (const batch of this.batches()) for (let i = 0; i < batch.length; i++) yield this.record(batch, i, this.dictionary);
  }

  /**
   * Yields the records as typed-array batches, one per chunk of input read (about 1 MiB), in the same
   * order as iterating the stream itself (or in arrival order, see {@link BatchOrder}).
   *
   * @example
   * ```ts
   * let n = 0;
   * for await (const batch of stream.batches()) n += batch.length;
   * ```
   */
  async *batches(order: BatchOrder = {}): AsyncGenerator<B, void, undefined> {
    const report = emptyReport([]);
    this.report = report;
    if (this.inWorker !== undefined) {
      yield* workerBatches({ ...this.inWorker.job, order }, this, this.inWorker.remap);
      return;
    }
    const log = new IssueLog(report, this.options.maxIssues, this.options.strict);
    const horizon = order.arrival?.horizon;
    if (horizon !== undefined && !(horizon >= 0)) {
      throw new PodsimError([{ code: 'invalid_option', path: 'arrival.horizon', message: `${String(horizon)} is not a number of seconds ≥ 0` }], 'cannot read the trace');
    }
    const ctx: ReadContext = { options: this.options, report, log, dictionary: this.dictionary, ...(horizon === undefined ? {} : { horizon: horizon * this.options.perSecond }) };
    const phases = await this.plan(ctx);
    const missing: Issue[] = [];
    for (const phase of phases) {
      for (const file of phase.files) {
        report.files.push(file);
        try {
          const s = await stat(file);
          if (!s.isFile()) missing.push({ code: 'not_a_file', path: '', message: `${file} is not a file`, file });
        } catch {
          missing.push({ code: 'file_not_found', path: '', message: `cannot read ${file}: no such file`, file });
        }
      }
    }
    if (missing.length > 0) throw new PodsimError(missing, 'cannot read the trace');
    for (const { files, parser } of phases) {
      for (const file of files) {
        if (parser.stopped) break;
        parser.beginFile(file);
        const it = pumpLines(file, parser);
        let done = false;
        try {
          while (!done) {
            const step = await it.next();
            if (step.done === true) {
              done = true;
              const failure = step.value;
              if (failure !== undefined) log.add(failure.code, failure.message, file, failure.line);
            }
            const out = parser.take();
            if (out !== undefined) {
              report.records += out.length;
              yield out;
            }
          }
        } finally {
          // Closes the file when the consumer stops iterating early.
          if (!done) await it.return(undefined);
        }
      }
      parser.finish();
      const out = parser.take();
      if (out !== undefined) {
        report.records += out.length;
        yield out;
      }
    }
    log.throwIfStrict();
  }

  /**
   * Reads the whole stream into an array of objects (handy for small traces and tests).
   *
   * @example
   * ```ts
   * const machines = await readGoogle2011Machines(['machine_events.csv'], { shape }).toArray();
   * ```
   */
  async toArray(): Promise<T[]> {
    const all: T[] = [];
    for await (const r of this) all.push(r);
    return all;
  }
}

/**
 * Files given as one path, a list, or none. @internal
 * @example
 * ```ts
 * fileList('a.csv'); // ['a.csv']
 * ```
 */
export function fileList(files: string | readonly string[] | undefined): readonly string[] {
  return files === undefined ? [] : typeof files === 'string' ? [files] : files;
}

/**
 * A reader's stream: `options` resolved for a trace timed in `perSecond` units, and the files read
 * by the phases that `plan` makes of them. @internal
 * @example
 * ```ts
 * const tasks = streamFiles('task_events.csv', { shape }, 1e6, google2011TaskPhases, taskRecord);
 * ```
 */
export function streamFiles<T, B extends Sized>(
  files: string | readonly string[],
  options: TraceReadOptions,
  perSecond: number,
  plan: (files: readonly string[], ctx: ReadContext) => ReadPhase<B>[],
  record: (batch: B, i: number, dictionary: TraceDictionary) => T,
): TraceStream<T, B> {
  return new TraceStream(resolveOptions(options, perSecond), (ctx) => Promise.resolve(plan(fileList(files), ctx)), record);
}
