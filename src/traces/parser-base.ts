import { Advance } from './task-tracker.js';
import { bump } from './trace-report.js';
import type { ReadContext } from './trace-stream.js';

/**
 * Where a parser's output waits to be handed over. @internal
 * @example
 * ```ts
 * const box: Outbox<TaskBatch> = new TaskColumns();
 * ```
 */
export interface Outbox<B> {
  take(): B | undefined;
}

/**
 * An outbox of plain records (for small tables such as Google 2019 collection events). @internal
 * @example
 * ```ts
 * const box = new RecordOutbox<TraceCollection>();
 * box.out.push(c);
 * box.take(); // [c]
 * ```
 */
export class RecordOutbox<T> implements Outbox<readonly T[]> {
  out: T[] = [];
  take(): readonly T[] | undefined {
    if (this.out.length === 0) return undefined;
    const out = this.out;
    this.out = [];
    return out;
  }
}

/**
 * What every row parser shares: the current file, issue reporting with file and line, the once-per-file
 * warning about rows out of time order, stopping, and handing over what it produced.
 * @internal
 * @example
 * ```ts
 * class MyParser extends ParserBase<TaskBatch> { outbox = new TaskColumns(); line() { return true; } finish() {} }
 * ```
 */
export abstract class ParserBase<B> {
  /** What take() empties. */
  protected abstract readonly outbox: Outbox<B>;
  stopped = false;
  protected file = '';
  private unsortedReported = false;

  constructor(protected readonly ctx: ReadContext) {}

  beginFile(file: string): void {
    this.file = file;
    this.unsortedReported = false;
  }

  /** Records a malformed line; returns whether reading may go on. */
  protected bad(code: string, message: string, line: number): boolean {
    this.ctx.log.add(code, message, this.file, line);
    if (this.ctx.log.full) this.stopped = true;
    return !this.stopped;
  }

  /** A first line that is a header someone added (it names columns instead of holding data): not counted as a row. */
  protected header(line: number, looksLikeHeader: boolean): boolean {
    if (line !== 1 || !looksLikeHeader) return false;
    this.ctx.report.rows--;
    bump(this.ctx.report.notes, 'headerLine');
    return true;
  }

  /**
   * Acts on a row's time check: returns true when the row should be used, false when it must be
   * skipped; sets `stopped` when the window end is passed.
   */
  protected admit(verdict: Advance, line: number): boolean {
    if (verdict === Advance.Ok) return true;
    if (verdict === Advance.Stop) {
      this.stopped = true;
      this.ctx.report.stoppedAtWindowEnd = true;
      return false;
    }
    bump(this.ctx.report.notes, 'unsortedRows');
    if (!this.unsortedReported) {
      this.unsortedReported = true;
      this.ctx.log.add(
        'unsorted',
        'time goes backwards here: rows must be sorted by time (the published Google 2011 files are; sort other exports by time first)',
        this.file,
        line,
      );
      if (this.ctx.log.full) this.stopped = true;
    }
    return true;
  }

  take(): B | undefined {
    return this.outbox.take();
  }

  abstract finish(): void;
}
