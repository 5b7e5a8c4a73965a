import type { TraceTask } from './trace-records.js';
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
 * Pairs submit, schedule and end events of event-based traces (Google 2011 and 2019) into
 * {@link TraceTask}s. Holds only the runs that are alive (submitted and not ended), so memory follows
 * the number of concurrent tasks, not the length of the trace. Expects rows in time order.
 *
 * A task is identified by a number (an integer below 2⁵³, looked up in a typed-array hash table:
 * no allocation per row) or, when the trace's ids do not fit one, by a string (`kStr`). The state
 * of alive runs is kept in typed arrays indexed by slot.
 * @internal
 * @example
 * ```ts
 * const tracker = new TaskTracker(options, report, (k) => String(k));
 * tracker.submit(1, undefined, 0, 0.5, 0.25, 9);
 * tracker.schedule(1, undefined, 1e6, 'm1', NaN, NaN, NaN);
 * tracker.end(1, undefined, 5e6); // tracker.out holds one TraceTask
 * ```
 */
export class TaskTracker {
  private readonly byNumber = new SlotTable(4096);
  private readonly byString = new Map<string, number>();
  private last = -Infinity;
  private readonly keep: ((id: string) => boolean) | undefined;
  out: TraceTask[] = [];

  // Slot arrays (struct of arrays); `free` lists reusable slots.
  private cap = 0;
  private submitAt = new Float64Array(0);
  private startAt = new Float64Array(0);
  private cpu = new Float64Array(0);
  private memory = new Float64Array(0);
  private priority = new Float64Array(0);
  private order = new Float64Array(0);
  private keyNum = new Float64Array(0);
  private keyStr: (string | undefined)[] = [];
  private machine: (string | undefined)[] = [];
  private free: number[] = [];
  private next = 0;
  private seq = 0;

  constructor(
    private readonly o: ResolvedOptions,
    private readonly report: TraceReport,
    /** Turns a key into the task's public id. */
    private readonly toId: (kNum: number, kStr: string | undefined) => string,
    /** The id of the task on the row being read (cheaper than `toId` for numeric keys). */
    private readonly rowId: () => string = () => '',
  ) {
    this.keep = makeSampler(o.sample);
    this.grow(4096);
  }

  private grow(cap: number): void {
    const copy = (a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    this.submitAt = copy(this.submitAt);
    this.startAt = copy(this.startAt);
    this.cpu = copy(this.cpu);
    this.memory = copy(this.memory);
    this.priority = copy(this.priority);
    this.order = copy(this.order);
    this.keyNum = copy(this.keyNum);
    this.cap = cap;
  }

  /** Checks a row's time: past the window end, going backwards, or fine (then remembered). */
  advance(t: number): Advance {
    if (t >= this.o.end) return Advance.Stop;
    if (t < this.last) return Advance.Unsorted;
    this.last = t;
    return Advance.Ok;
  }

  private find(kNum: number, kStr: string | undefined): number {
    return kStr === undefined ? this.byNumber.get(kNum) : (this.byString.get(kStr) ?? -1);
  }

  private remove(kNum: number, kStr: string | undefined): void {
    if (kStr === undefined) this.byNumber.delete(kNum);
    else this.byString.delete(kStr);
  }

  private sampledOut(kNum: number, kStr: string | undefined): boolean {
    return this.keep !== undefined && !this.keep(this.toId(kNum, kStr));
  }

  private add(kNum: number, kStr: string | undefined, submit: number, cpu: number, memory: number, priority: number): number {
    let slot = this.free.pop();
    if (slot === undefined) {
      if (this.next === this.cap) this.grow(this.cap * 2);
      slot = this.next++;
    }
    this.submitAt[slot] = submit;
    this.startAt[slot] = NaN;
    this.cpu[slot] = cpu;
    this.memory[slot] = memory;
    this.priority[slot] = priority;
    this.order[slot] = this.seq++;
    this.keyNum[slot] = kNum;
    this.keyStr[slot] = kStr;
    this.machine[slot] = undefined;
    if (kStr === undefined) this.byNumber.set(kNum, slot);
    else this.byString.set(kStr, slot);
    return slot;
  }

  private release(slot: number): void {
    this.keyStr[slot] = undefined;
    this.machine[slot] = undefined;
    this.free.push(slot);
  }

  private request(slot: number, cpu: number, memory: number, priority: number): void {
    if (cpu === cpu) this.cpu[slot] = cpu;
    if (memory === memory) this.memory[slot] = memory;
    if (priority === priority) this.priority[slot] = priority;
  }

  submit(kNum: number, kStr: string | undefined, t: number, cpu: number, memory: number, priority: number): void {
    const slot = this.find(kNum, kStr);
    if (slot >= 0) {
      if (Number.isNaN(this.startAt[slot])) {
        bump(this.report.notes, 'duplicateSubmit');
        this.request(slot, cpu, memory, priority);
        return;
      }
      bump(this.report.notes, 'submitWhileRunning');
      this.remove(kNum, kStr);
      this.emit(slot, t, t, true);
      this.release(slot);
    } else if (this.sampledOut(kNum, kStr)) {
      bump(this.report.skipped, 'sampledOut');
      return;
    }
    this.add(kNum, kStr, t, cpu, memory, priority);
  }

  schedule(kNum: number, kStr: string | undefined, t: number, machine: string | undefined, cpu: number, memory: number, priority: number): void {
    let slot = this.find(kNum, kStr);
    if (slot < 0) {
      if (this.sampledOut(kNum, kStr)) return;
      bump(this.report.notes, 'scheduleWithoutSubmit');
      slot = this.add(kNum, kStr, t, NaN, NaN, NaN);
    } else if (!Number.isNaN(this.startAt[slot])) {
      bump(this.report.notes, 'duplicateSchedule');
      return;
    }
    this.request(slot, cpu, memory, priority);
    this.startAt[slot] = t;
    this.machine[slot] = machine;
  }

  /** A finish, fail, kill, evict or lost event: the run ends. */
  end(kNum: number, kStr: string | undefined, t: number): void {
    const slot = this.find(kNum, kStr);
    if (slot < 0) {
      if (!this.sampledOut(kNum, kStr)) bump(this.report.skipped, 'unmatchedEnd');
      return;
    }
    this.remove(kNum, kStr);
    if (Number.isNaN(this.startAt[slot])) bump(this.report.skipped, 'endedWhilePending');
    else this.emit(slot, t, t, true);
    this.release(slot);
  }

  /** An update of the request: used while the task waits, ignored (and counted) once it runs. */
  update(kNum: number, kStr: string | undefined, cpu: number, memory: number, priority: number): void {
    const slot = this.find(kNum, kStr);
    if (slot < 0) return;
    if (!Number.isNaN(this.startAt[slot])) {
      bump(this.report.notes, 'runningUpdateIgnored');
      return;
    }
    this.request(slot, cpu, memory, priority);
  }

  /** Emits every run still alive (in submission order), ending running ones at the window end (or the last row read). */
  finish(stoppedAtWindowEnd: boolean): void {
    const end = stoppedAtWindowEnd ? this.o.end : Math.min(this.o.end, this.last);
    const slots: number[] = [];
    this.byNumber.forEach((_k, slot) => slots.push(slot));
    for (const slot of this.byString.values()) slots.push(slot);
    slots.sort((a, b) => (this.order[a] as number) - (this.order[b] as number));
    for (const slot of slots) {
      this.emit(slot, undefined, end, false);
      this.release(slot);
    }
    this.byNumber.clear();
    this.byString.clear();
  }

  private emit(slot: number, endTime: number | undefined, windowEnd: number, onRow: boolean): void {
    const o = this.o;
    const ws = o.start;
    const submitAt = this.submitAt[slot] as number;
    if (endTime !== undefined && endTime <= ws) {
      bump(this.report.skipped, 'beforeWindow');
      return;
    }
    if (submitAt < ws && !o.includeRunningAtStart) {
      bump(this.report.skipped, 'beforeWindow');
      return;
    }
    const ps = o.perSecond;
    const cpu = this.cpu[slot] as number;
    const memory = this.memory[slot] as number;
    if (Number.isNaN(cpu) || Number.isNaN(memory)) bump(this.report.notes, 'missingRequest');
    const submit = Math.max(submitAt, ws);
    const task: { -readonly [K in keyof TraceTask]: TraceTask[K] } = {
      id: onRow && this.keyStr[slot] === undefined ? this.rowId() : this.toId(this.keyNum[slot] as number, this.keyStr[slot]),
      submit: (submit - ws) / ps,
      request: {
        cpu: Number.isNaN(cpu) ? 0 : scaleNormalised(cpu, o.shape.cpu),
        memory: Number.isNaN(memory) ? 0 : scaleNormalised(memory, o.shape.memory),
      },
    };
    const priority = this.priority[slot] as number;
    if (!Number.isNaN(priority)) task.priority = priority;
    const startAt = this.startAt[slot] as number;
    if (!Number.isNaN(startAt)) {
      const start = Math.max(startAt, submit);
      if (endTime === undefined) bump(this.report.notes, 'runningAtWindowEnd');
      task.start = (start - ws) / ps;
      task.duration = Math.max(0, (endTime ?? windowEnd) - start) / ps;
      const machine = this.machine[slot];
      if (machine !== undefined) task.machine = machine;
    } else bump(this.report.notes, 'pendingAtWindowEnd');
    this.out.push(task);
  }
}
