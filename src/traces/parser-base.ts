import { Advance } from './task-tracker.js';
import { bump } from './trace-report.js';
import type { ReadContext } from './trace-stream.js';

/**
 * What every row parser shares: the current file, issue reporting with file and line, the once-per-file
 * warning about rows out of time order, and stopping.
 * @internal
 * @example
 * ```ts
 * class MyParser extends ParserBase<TraceTask> { line() { return true; } finish() {} }
 * ```
 */
export abstract class ParserBase<T> {
  /** Records ready to hand over. */
  out: T[] = [];
  /** What take() empties: this parser, or the tracker that collects its records. */
  protected outbox: { out: T[] } = this;
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

  take(): T[] | undefined {
    const box = this.outbox;
    if (box.out.length === 0) return undefined;
    const out = box.out;
    box.out = [];
    return out;
  }

  abstract finish(): void;
}
