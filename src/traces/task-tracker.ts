import { NO_PRIORITY, TaskColumns, TaskFlag } from './task-batch.js';
import type { ResolvedOptions } from './trace-options.js';
import { bump, type TraceReport } from './trace-report.js';
import { makeSampler } from './sample-keeps.js';
import { scaleNormalised } from './scale-normalised.js';
import { SlotTable } from './slot-table.js';

/**
 * What {@link TaskTracker.advance} says about a row's time. @internal
 * @example
 * ```ts
 * if (tracker.advance(t) === Advance.Stop) stop();
 * ```
 */
export const Advance = { Ok: 0, Stop: 1, Unsorted: 2 } as const;
/**
 * @internal
 * @example
 * ```ts
 * if (tracker.advance(t) === Advance.Stop) stop();
 * ```
 */
export type Advance = (typeof Advance)[keyof typeof Advance];

/**
 * The task on the row being read, as the parser knows it: asked only when a task is new (job and
 * member are interned once per run, not per row) or when sampling needs the text id. @internal
 * @example
 * ```ts
 * const keys: RowKeys = { job: () => dict.job('7'), member: () => 0, id: () => '7/0' };
 * ```
 */
export interface RowKeys {
  /** The job index of the row's task. */
  job(): number;
  /** The member value of the row's task (see {@link TraceDictionary.taskId}). */
  member(): number;
  /** The row's task text id (for sampling). */
  id(): string;
}

/**
 * Pairs submit, schedule and end events of event-based traces (Google 2011 and 2019) into task rows of
 * a {@link TaskColumns}. Holds only the runs that are alive (submitted and not ended), so memory
 * follows the number of concurrent tasks, not the length of the trace. Expects rows in time order.
 *
 * A task is keyed by two numbers that the parser derives from its row without allocating (Google:
 * job id and task index). The state of alive runs is kept in typed arrays indexed by slot.
 *
 * Two output orders:
 * - end order (default): a run is emitted when it ends, complete;
 * - arrival order (`horizon` set, in trace units): runs are emitted in submission order; a run still
 *   alive `horizon` after its submission is emitted `Open` (duration unknown) and its `End` row follows
 *   when it ends. Memory then also holds the runs submitted within the last `horizon`.
 * @internal
 * @example
 * ```ts
 * const tracker = new TaskTracker(options, report, keys);
 * tracker.submit(7, 0, 0, 0.5, 0.25, 9);
 * tracker.schedule(7, 0, 1e6, 3, NaN, NaN, NaN);
 * tracker.end(7, 0, 5e6); // tracker.out holds one row
 * ```
 */
export class TaskTracker {
  private readonly table = new SlotTable(4096);
  private last = -Infinity;
  private readonly keep: ((id: string) => boolean) | undefined;
  readonly out = new TaskColumns();

  // Slot arrays (struct of arrays); `free` lists reusable slots.
  private cap = 0;
  private submitAt = new Float64Array(0);
  private startAt = new Float64Array(0);
  private endAt = new Float64Array(0);
  private cpu = new Float64Array(0);
  private memory = new Float64Array(0);
  private keyA = new Float64Array(0);
  private keyB = new Float64Array(0);
  private run = new Uint32Array(0);
  private priority = new Int32Array(0);
  private machine = new Int32Array(0);
  private job = new Int32Array(0);
  private member = new Int32Array(0);
  /** 0 alive, 1 ended (arrival order: waiting for release), 2 alive and released open. */
  private state = new Uint8Array(0);
  private free: number[] = [];
  private next = 0;
  private seq = 0;

  // Arrival order: unreleased slots in submission order (a ring buffer).
  private fifo = new Int32Array(0);
  private head = 0;
  private count = 0;
  private readonly horizon: number;

  constructor(
    private readonly o: ResolvedOptions,
    private readonly report: TraceReport,
    private readonly keys: RowKeys,
    /** Arrival order: release runs alive this long after submission (trace units) as `Open`. @defaultValue end order */
    horizon?: number,
  ) {
    this.keep = makeSampler(o.sample);
    this.horizon = horizon ?? NaN;
    this.grow(4096);
    if (horizon !== undefined) this.fifo = new Int32Array(4096);
  }

  private get ordered(): boolean {
    return this.horizon === this.horizon;
  }

  private grow(cap: number): void {
    const f64 = (a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    this.submitAt = f64(this.submitAt);
    this.startAt = f64(this.startAt);
    this.endAt = f64(this.endAt);
    this.cpu = f64(this.cpu);
    this.memory = f64(this.memory);
    this.keyA = f64(this.keyA);
    this.keyB = f64(this.keyB);
    const run = new Uint32Array(cap);
    run.set(this.run);
    this.run = run;
    this.priority = i32(this.priority);
    this.machine = i32(this.machine);
    this.job = i32(this.job);
    this.member = i32(this.member);
    const state = new Uint8Array(cap);
    state.set(this.state);
    this.state = state;
    this.cap = cap;
  }

  /** Checks a row's time: past the window end, going backwards, or fine (then remembered). */
  advance(t: number): Advance {
    if (t >= this.o.end) return Advance.Stop;
    if (t < this.last) return Advance.Unsorted;
    this.last = t;
    if (this.count > 0) this.release(t, false);
    return Advance.Ok;
  }

  private sampledOut(): boolean {
    return this.keep !== undefined && !this.keep(this.keys.id());
  }

  private add(a: number, b: number, submit: number, cpu: number, memory: number, priority: number): number {
    let slot = this.free.pop();
    if (slot === undefined) {
      if (this.next === this.cap) this.grow(this.cap * 2);
      slot = this.next++;
    }
    this.submitAt[slot] = submit;
    this.startAt[slot] = NaN;
    this.endAt[slot] = NaN;
    this.cpu[slot] = cpu;
    this.memory[slot] = memory;
    this.priority[slot] = priority === priority ? priority : NO_PRIORITY;
    this.run[slot] = this.seq++;
    this.keyA[slot] = a;
    this.keyB[slot] = b;
    this.machine[slot] = -1;
    this.job[slot] = this.keys.job();
    this.member[slot] = this.keys.member();
    this.state[slot] = 0;
    this.table.set(a, b, slot);
    if (this.ordered) this.enqueue(slot);
    return slot;
  }

  private enqueue(slot: number): void {
    if (this.count === this.fifo.length) {
      const next = new Int32Array(this.fifo.length * 2);
      for (let i = 0; i < this.count; i++) next[i] = this.fifo[(this.head + i) % this.fifo.length] as number;
      this.fifo = next;
      this.head = 0;
    }
    this.fifo[(this.head + this.count) % this.fifo.length] = slot;
    this.count++;
  }

  private request(slot: number, cpu: number, memory: number, priority: number): void {
    if (cpu === cpu) this.cpu[slot] = cpu;
    if (memory === memory) this.memory[slot] = memory;
    if (priority === priority) this.priority[slot] = priority;
  }

  submit(a: number, b: number, t: number, cpu: number, memory: number, priority: number): void {
    const slot = this.table.get(a, b);
    if (slot >= 0) {
      if (Number.isNaN(this.startAt[slot])) {
        bump(this.report.notes, 'duplicateSubmit');
        this.request(slot, cpu, memory, priority);
        return;
      }
      bump(this.report.notes, 'submitWhileRunning');
      this.finishRun(slot, t);
    } else if (this.sampledOut()) {
      bump(this.report.skipped, 'sampledOut');
      return;
    }
    this.add(a, b, t, cpu, memory, priority);
  }

  schedule(a: number, b: number, t: number, machine: number, cpu: number, memory: number, priority: number): void {
    let slot = this.table.get(a, b);
    if (slot < 0) {
      if (this.sampledOut()) return;
      bump(this.report.notes, 'scheduleWithoutSubmit');
      slot = this.add(a, b, t, NaN, NaN, NaN);
    } else if (!Number.isNaN(this.startAt[slot])) {
      bump(this.report.notes, 'duplicateSchedule');
      return;
    }
    this.request(slot, cpu, memory, priority);
    this.startAt[slot] = t;
    this.machine[slot] = machine;
  }

  /** A finish, fail, kill, evict or lost event: the run ends. */
  end(a: number, b: number, t: number): void {
    const slot = this.table.get(a, b);
    if (slot < 0) {
      if (!this.sampledOut()) bump(this.report.skipped, 'unmatchedEnd');
      return;
    }
    this.finishRun(slot, t);
  }

  /**
   * A change of the request (Google 2011 UPDATE_PENDING/RUNNING, 2019 QUEUE, ENABLE, UPDATE_*):
   * applied while the task waits, ignored (and counted) once it runs; a row for a task that is not
   * alive is counted under `unknown` (e.g. `updateForUnknownTask`).
   */
  update(a: number, b: number, cpu: number, memory: number, priority: number, unknown: string): void {
    const slot = this.table.get(a, b);
    if (slot < 0) {
      if (!this.sampledOut()) bump(this.report.skipped, unknown);
      return;
    }
    if (!Number.isNaN(this.startAt[slot])) {
      bump(this.report.notes, 'runningUpdateIgnored');
      return;
    }
    if (this.state[slot] === 2) bump(this.report.notes, 'updateAfterRelease');
    this.request(slot, cpu, memory, priority);
  }

  /** The run in `slot` ended at `t` (trace units): emits it or keeps it for release in arrival order. */
  private finishRun(slot: number, t: number): void {
    this.table.delete(this.keyA[slot] as number, this.keyB[slot] as number);
    if (Number.isNaN(this.startAt[slot])) {
      bump(this.report.skipped, 'endedWhilePending');
      if (this.state[slot] === 2) this.emit(slot, t, TaskFlag.End);
      if (this.state[slot] !== 0 || !this.ordered) this.release1(slot);
      else this.state[slot] = 1; // dropped when it reaches the queue's head
      this.endAt[slot] = NaN;
      return;
    }
    if (this.state[slot] === 2) {
      this.emit(slot, t, TaskFlag.End);
      this.release1(slot);
    } else if (this.ordered) {
      this.endAt[slot] = t;
      this.state[slot] = 1;
    } else {
      this.emit(slot, t, 0);
      this.release1(slot);
    }
  }

  private release1(slot: number): void {
    this.state[slot] = 0;
    this.free.push(slot);
  }

  /** Arrival order: emits queued runs in submission order while the head has ended or is older than the horizon. */
  private release(t: number, all: boolean): void {
    if (t < this.o.start && !all) return;
    const fifo = this.fifo;
    while (this.count > 0) {
      const slot = fifo[this.head] as number;
      const state = this.state[slot];
      if (state === 1) {
        if (this.endAt[slot] === this.endAt[slot]) this.emit(slot, this.endAt[slot] as number, 0);
        this.release1(slot);
      } else if (all) {
        this.emit(slot, undefined, 0);
        this.table.delete(this.keyA[slot] as number, this.keyB[slot] as number);
        this.release1(slot);
      } else if (Math.max(this.submitAt[slot] as number, this.o.start) + this.horizon <= t) {
        this.emit(slot, undefined, TaskFlag.Open);
        this.state[slot] = 2;
      } else break;
      this.head = (this.head + 1) % fifo.length;
      this.count--;
    }
  }

  /** Emits every run still alive, ending running ones at the window end (or the last row read); in submission order. */
  finish(stoppedAtWindowEnd: boolean): void {
    const end = stoppedAtWindowEnd ? this.o.end : Math.min(this.o.end, this.last);
    this.windowEnd = end;
    if (this.ordered) {
      this.release(end, true);
      // Runs released open and still alive: their End rows.
      const open: number[] = [];
      this.table.forEach((_a, _b, slot) => open.push(slot));
      open.sort((x, y) => (this.run[x] as number) - (this.run[y] as number));
      for (const slot of open) {
        this.emit(slot, undefined, TaskFlag.End);
        this.release1(slot);
      }
    } else {
      const slots: number[] = [];
      this.table.forEach((_a, _b, slot) => slots.push(slot));
      slots.sort((x, y) => (this.run[x] as number) - (this.run[y] as number));
      for (const slot of slots) {
        this.emit(slot, undefined, 0);
        this.release1(slot);
      }
    }
    this.table.clear();
  }

  private windowEnd = Infinity;

  /**
   * Writes the run in `slot` as a row: `endTime` undefined means it had not ended (running or pending
   * at the window end, or released `Open`).
   */
  private emit(slot: number, endTime: number | undefined, flags: number): void {
    const o = this.o;
    const ws = o.start;
    const submitAt = this.submitAt[slot] as number;
    if (endTime !== undefined && endTime <= ws && (flags & TaskFlag.End) === 0) {
      bump(this.report.skipped, 'beforeWindow');
      return;
    }
    if (submitAt < ws && !o.includeRunningAtStart) {
      if ((flags & TaskFlag.End) === 0) bump(this.report.skipped, 'beforeWindow');
      return;
    }
    const ps = o.perSecond;
    const cpu = this.cpu[slot] as number;
    const memory = this.memory[slot] as number;
    const open = (flags & TaskFlag.Open) !== 0;
    if (Number.isNaN(cpu) || Number.isNaN(memory)) {
      flags |= TaskFlag.MissingRequest;
      if ((flags & TaskFlag.End) === 0) bump(this.report.notes, 'missingRequest');
    }
    if (submitAt < ws) flags |= TaskFlag.BeforeWindow;
    const submit = Math.max(submitAt, ws);
    const out = this.out;
    const r = out.add();
    out.id[r] = this.run[slot] as number;
    out.submit[r] = (submit - ws) / ps;
    out.cpu[r] = Number.isNaN(cpu) ? 0 : scaleNormalised(cpu, o.shape.cpu);
    out.memory[r] = Number.isNaN(memory) ? 0 : scaleNormalised(memory, o.shape.memory);
    out.priority[r] = this.priority[slot] as number;
    out.job[r] = this.job[slot] as number;
    out.member[r] = this.member[slot] as number;
    const startAt = this.startAt[slot] as number;
    if (!Number.isNaN(startAt)) {
      const start = Math.max(startAt, submit);
      out.start[r] = (start - ws) / ps;
      out.machine[r] = this.machine[slot] as number;
      if (open) out.duration[r] = NaN;
      else {
        if (endTime === undefined) {
          flags |= TaskFlag.RunningAtEnd;
          bump(this.report.notes, 'runningAtWindowEnd');
        }
        out.duration[r] = Math.max(0, (endTime ?? this.windowEnd) - start) / ps;
      }
    } else {
      out.start[r] = NaN;
      out.duration[r] = NaN;
      out.machine[r] = -1;
      if (!open && endTime === undefined) {
        flags |= TaskFlag.PendingAtEnd;
        bump(this.report.notes, 'pendingAtWindowEnd');
      }
    }
    out.flags[r] = flags;
  }
}
