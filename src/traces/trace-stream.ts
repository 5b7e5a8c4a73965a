import { stat } from 'node:fs/promises';
import { PodsimError, type Issue } from '../errors.js';
import { pumpLines, type LineSink } from './line-source.js';
import { resolveOptions, type ResolvedOptions, type TraceReadOptions } from './trace-options.js';
import { emptyReport, IssueLog, type TraceReport } from './trace-report.js';

/**
 * A line parser that turns rows into records of type T. @internal
 * @example
 * ```ts
 * const phase: ReadPhase<TraceTask> = { files: ['a.csv'], parser: new TaskEvents2011(ctx) };
 * ```
 */
export interface RowParser<T> extends LineSink {
  /** Hands over the records produced since the last call (undefined when there are none). */
  take(): T[] | undefined;
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
 * const phase: ReadPhase<TraceTask> = { files: ['a.csv'], parser };
 * ```
 */
export interface ReadPhase<T> {
  readonly files: readonly string[];
  readonly parser: RowParser<T>;
}

/**
 * Everything a parser needs from the read it belongs to. @internal
 * @example
 * ```ts
 * const parser = new TaskEvents2011(ctx); // ctx: { options, report, log }
 * ```
 */
export interface ReadContext {
  readonly options: ResolvedOptions;
  readonly report: TraceReport;
  readonly log: IssueLog;
}

/**
 * An async iterable of trace records that also reports what it read. Each iteration reads the files
 * again from the start, streaming, and refreshes {@link TraceStream.report}. Iterating with
 * `for await` yields records one at a time; {@link TraceStream.batches} yields arrays of records
 * (one per chunk of input), which is cheaper for very large traces.
 *
 * @example
 * ```ts
 * const tasks = readGoogle2011Tasks(['task_events/part-00000-of-00500.csv.gz'], { shape });
 * for await (const task of tasks) console.log(task.id, task.submit, task.duration);
 * console.log(`${tasks.report.rows} rows, ${tasks.report.records} tasks`);
 * ```
 */
export class TraceStream<T> implements AsyncIterable<T> {
  /** What the last (or current) iteration read; see {@link TraceReport}. */
  report: TraceReport = emptyReport([]);

  /** @internal */
  constructor(
    private readonly options: ResolvedOptions,
    private readonly plan: (ctx: ReadContext) => Promise<ReadPhase<T>[]>,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for await (const batch of this.batches()) for (const record of batch) yield record;
  }

  /**
   * Yields the records in arrays, one array per chunk of input read (about 1 MiB), in the same order
   * as iterating the stream itself.
   *
   * @example
   * ```ts
   * let n = 0;
   * for await (const batch of stream.batches()) n += batch.length;
   * ```
   */
  async *batches(): AsyncGenerator<readonly T[], void, undefined> {
    const report = emptyReport([]);
    this.report = report;
    const log = new IssueLog(report, this.options.maxIssues, this.options.strict);
    const ctx: ReadContext = { options: this.options, report, log };
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
   * Reads the whole stream into an array (handy for small traces and tests).
   *
   * @example
   * ```ts
   * const machines = await readGoogle2011Machines(['machine_events.csv'], { shape }).toArray();
   * ```
   */
  async toArray(): Promise<T[]> {
    const all: T[] = [];
    for await (const batch of this.batches()) for (const r of batch) all.push(r);
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
 * const tasks = streamFiles('task_events.csv', { shape }, 1e6, google2011TaskPhases);
 * ```
 */
export function streamFiles<T>(
  files: string | readonly string[],
  options: TraceReadOptions,
  perSecond: number,
  plan: (files: readonly string[], ctx: ReadContext) => ReadPhase<T>[],
): TraceStream<T> {
  return new TraceStream(resolveOptions(options, perSecond), (ctx) => Promise.resolve(plan(fileList(files), ctx)));
}
