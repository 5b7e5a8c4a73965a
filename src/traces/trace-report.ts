import { PodsimError, type Issue } from '../errors.js';

/**
 * What a trace reader did: how many rows it read, what it emitted, what it skipped and why, and the
 * problems it found. It fills in as the stream is read and is complete once iteration ends.
 *
 * @example
 * ```ts
 * const tasks = readGoogle2011Tasks(['task_events.csv.gz'], { shape, strict: false });
 * for await (const t of tasks) use(t);
 * console.log(tasks.report.rows, tasks.report.badLines, tasks.report.skipped);
 * ```
 */
export interface TraceReport {
  /** The files read, in order. */
  readonly files: string[];
  /** Lines read, including bad ones and blank ones are not counted. */
  rows: number;
  /** Records emitted. */
  records: number;
  /** Lines that could not be parsed (each also an issue, as long as the list is not full). */
  badLines: number;
  /** The first `maxIssues` problems, each with its file and line. */
  readonly issues: Issue[];
  /** How many more problems there were beyond those listed. */
  moreIssues: number;
  /**
   * Well-formed rows or tasks that were deliberately left out, by reason: `sampledOut`,
   * `beforeWindow`, `endedWhilePending`, `unmatchedEnd`, `allocInstance`, `afterTraceEnd`, `neverStarted`, …
   */
  readonly skipped: Record<string, number>;
  /** Facts worth knowing that are not problems, by kind: `missingRequest`, `runningUpdateIgnored`, … */
  readonly notes: Record<string, number>;
  /** True when reading stopped at the first row past the window end (the files are sorted by time). */
  stoppedAtWindowEnd: boolean;
}

/**
 * Creates an empty report. @internal
 * @example
 * ```ts
 * const report = emptyReport(['task_events.csv']);
 * ```
 */
export function emptyReport(files: readonly string[]): TraceReport {
  return { files: [...files], rows: 0, records: 0, badLines: 0, issues: [], moreIssues: 0, skipped: {}, notes: {}, stoppedAtWindowEnd: false };
}

/**
 * Bumps a counter of `skipped` or `notes`. @internal
 * @example
 * ```ts
 * bump(report.skipped, 'sampledOut');
 * ```
 */
export function bump(counts: Record<string, number>, key: string, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}

/**
 * Collects issues into a report, capping the list, and decides when a strict read must fail.
 * @internal
 * @example
 * ```ts
 * const log = new IssueLog(report, 100, true);
 * log.add('invalid_time', 'time "x" is not a number', 'a.csv', 3);
 * log.throwIfStrict(); // throws a PodsimError
 * ```
 */
export class IssueLog {
  constructor(
    readonly report: TraceReport,
    private readonly max: number,
    private readonly strict: boolean,
  ) {}

  /** Records a problem; `bad` marks it as a malformed line (counted in `badLines`). */
  add(code: string, message: string, file: string, line: number | undefined, bad = true): void {
    if (bad) this.report.badLines++;
    if (this.report.issues.length < this.max) {
      this.report.issues.push(line === undefined ? { code, path: '', message, file } : { code, path: '', message, file, line });
    } else this.report.moreIssues++;
  }

  /** True when a strict read has collected as many issues as it may list: reading can stop. */
  get full(): boolean {
    return this.strict && this.report.issues.length >= this.max;
  }

  /** Throws the collected issues when the read is strict and there are any. */
  throwIfStrict(): void {
    if (!this.strict || this.report.issues.length === 0) return;
    const more = this.report.moreIssues > 0 ? ` (and ${this.report.moreIssues} more)` : '';
    throw new PodsimError(this.report.issues, `the trace has ${this.report.issues.length + this.report.moreIssues} problem(s)${more}; pass strict: false to skip bad lines`);
  }
}
