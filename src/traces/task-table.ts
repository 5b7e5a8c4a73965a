import { radixOrder } from './radix-order.js';
import type { TaskBatch } from './task-batch.js';

type Column = Exclude<keyof TaskBatch, 'length'>;
type Typed = Float64Array | Int32Array | Uint32Array | Uint8Array;
type Make = new (n: number) => Typed;

const COLUMNS: readonly [Column, Make][] = [
  ['id', Uint32Array],
  ['submit', Float64Array],
  ['start', Float64Array],
  ['duration', Float64Array],
  ['cpu', Float64Array],
  ['memory', Float64Array],
  ['priority', Int32Array],
  ['machine', Int32Array],
  ['job', Int32Array],
  ['member', Int32Array],
  ['flags', Uint8Array],
];

/**
 * Bytes of a full segment: 32 MiB, the size from which the C allocator always maps memory of its own
 * (glibc's largest `M_MMAP_THRESHOLD`), so that a released segment goes back to the system instead of
 * staying in the allocator's heap, where the sorted copy could not reuse it.
 */
const SEGMENT_BYTES = 2 ** 25;
/** Rows of the first segment of a column, which grows by doubling up to an eighth of a segment. */
const FIRST_ROWS = 4;

/**
 * One column of a {@link TaskTable}: rows in fixed-size segments (a power of two of rows, 32 MiB
 * each), so appending never copies what is stored, and row `i` is at `segs[i >> shift][i & mask]`.
 * The first segment grows by doubling up to an eighth of a segment, so a small table does not pay for a
 * whole segment, then becomes whole.
 */
class SegmentedColumn {
  private segs: Typed[] = [];
  private readonly shift: number;
  private readonly rows: number;
  length = 0;

  constructor(
    private readonly make: Make,
    segmentBytes: number,
  ) {
    this.rows = segmentBytes / (make as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
    this.shift = Math.log2(this.rows);
  }

  append(src: Typed, n: number): void {
    let from = 0;
    while (from < n) {
      const at = this.length & (this.rows - 1);
      let seg = this.segs[this.segs.length - 1];
      if (seg === undefined || at === 0 && this.length > 0 && seg.length === this.rows) {
        seg = new this.make(this.segs.length === 0 ? Math.min(this.rows, Math.max(FIRST_ROWS, n - from)) : this.rows);
        this.segs.push(seg);
      }
      const room = this.rows - at;
      const take = Math.min(room, n - from);
      if (at + take > seg.length) {
        // Only the first segment is short: double it up to an eighth of a segment, then make it whole
        // (the allocator maps a whole segment's memory and only what is written becomes resident), so
        // that at most an eighth of a segment per column is left behind in the allocator's heap.
        let size = seg.length;
        while (size < at + take) size *= 2;
        if (size > this.rows / 8) size = this.rows;
        const bigger = new this.make(size);
        bigger.set(seg as never);
        seg = bigger;
        this.segs[this.segs.length - 1] = seg;
      }
      seg.set(src.subarray(from, from + take) as never, at);
      from += take;
      this.length += take;
    }
  }

  /** All rows in one array (the segments are kept). */
  concat(): Typed {
    const whole = new this.make(this.length);
    let at = 0;
    for (const s of this.segs) {
      const k = Math.min(s.length, this.length - at);
      whole.set(s.subarray(0, k) as never, at);
      at += k;
    }
    return whole;
  }

  /** The rows in `order` (`out[i]` is row `order[i]`); the segments are released. */
  gather(order: Uint32Array): Typed {
    const n = this.length;
    const out = new this.make(n);
    const segs = this.segs;
    const shift = this.shift;
    const mask = this.rows - 1;
    if (segs.length === 1) {
      const s = segs[0] as Typed;
      for (let i = 0; i < n; i++) out[i] = s[order[i] as number] as number;
    } else {
      for (let i = 0; i < n; i++) {
        const k = order[i] as number;
        out[i] = (segs[k >>> shift] as Typed)[k & mask] as number;
      }
    }
    this.segs = [];
    this.length = 0;
    return out;
  }
}

/**
 * Collects task batches as they come, copying their rows into segmented columns (32 MiB segments:
 * nothing stored is copied again while appending, and the readers' batches are free to go), and
 * turns them into one {@link TaskBatch} sorted by a time column, column by column, releasing each
 * column's segments as soon as its sorted copy is made. Peak memory while sorting: the columns (61
 * bytes per task) plus 16 bytes per task (the sort keys and the radix sort's two permutations), then
 * 12 (the permutation and one column's sorted copy) while the sorted copies replace the segments,
 * column by column; the result holds 61 bytes per task.
 * @internal
 * @example
 * ```ts
 * const table = new TaskTable();
 * for await (const b of stream.batches()) table.append(b);
 * const sorted = table.sorted('submit');
 * ```
 */
export class TaskTable {
  private readonly columns: Map<Column, SegmentedColumn>;
  private n = 0;

  /** @param segmentBytes - Bytes of a full segment of a column (a power of two ≥ 8; smaller in tests). @defaultValue 32 MiB */
  constructor(segmentBytes = SEGMENT_BYTES) {
    this.columns = new Map(COLUMNS.map(([c, make]) => [c, new SegmentedColumn(make, segmentBytes)]));
  }

  /** Tasks appended so far. */
  get length(): number {
    return this.n;
  }

  /** Copies the batch's rows (the batch may be reused or dropped afterwards). */
  append(batch: TaskBatch): void {
    if (batch.length === 0) return;
    for (const [c] of COLUMNS) (this.columns.get(c) as SegmentedColumn).append(batch[c], batch.length);
    this.n += batch.length;
  }

  /**
   * One batch of every task appended, sorted by `key` (ties by `id`: the trace's submission order
   * for event traces, the order read otherwise; NaN keys last).
   * The table is empty afterwards.
   */
  sorted(key: 'submit' | 'start'): TaskBatch {
    const order = this.order(key);
    const out: Partial<Record<Column, Typed>> = {};
    for (const [c] of COLUMNS) out[c] = (this.columns.get(c) as SegmentedColumn).gather(order);
    const length = this.n;
    this.n = 0;
    return { length, ...(out as Record<Column, never>) } as TaskBatch;
  }

  /** The sorting permutation by `key`; its copy of the keys is garbage once it returns (the sorted key column is gathered like the others). */
  private order(key: 'submit' | 'start'): Uint32Array {
    const keys = (this.columns.get(key) as SegmentedColumn).concat() as Float64Array;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== keys[i]) keys[i] = Infinity;
    // In place: the keys are this function's own copy (only -0 becomes +0; NaN keys stay Infinity).
    return radixOrder(keys, true, (this.columns.get('id') as SegmentedColumn).concat() as Uint32Array);
  }
}
